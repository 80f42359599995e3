"""Canonical URLs and content hashes: the keys that store one wire story once across feeds."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say who sent the reader; they never change the page.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "matomo_", "hsa_", "_hs")
_TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mkt_tok",
        "ocid", "cmpid", "cmp", "ito", "at_medium", "at_campaign", "at_custom1", "at_custom2",
        "at_custom3", "at_custom4", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
        "ns_fee", "src", "ref", "ref_src", "rss", "feed", "via", "_ga", "_gl", "guccounter",
        "spm", "share", "s_cid", "campaign_id", "CMP", "xtor", "__twitter_impression",
    }
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, fragment or trackers.

    The path and the remaining query keep their case and order (servers may treat them so);
    only the tracking parameters are dropped. Non-http(s) input is returned stripped only.
    """
    raw = url.strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return raw
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The lower-case host of a URL ("" when it has none): the key for per-host limits."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def normalise_text(text: str) -> str:
    """Case, punctuation, accents and spacing removed: two copies of one story compare equal."""
    if text.isascii():
        stripped = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", text).casefold()
        stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACE.sub(" ", _NON_WORD.sub(" ", stripped)).strip()


def content_hash(title: str, text: str) -> str:
    """SHA-256 of the normalised title and text: the same wire copy from two feeds hashes alike."""
    key = normalise_text(title) + "\n" + normalise_text(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()

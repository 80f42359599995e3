"""What `diplobot preview` reads: text files, HTML files and URLs, each with a dated publication.

The publication date anchors every relative date in the article ("next Tuesday"), so the preview
must say where it came from: the --published option, the page's metadata, the file's
modification time, or (for a page that states none) the day it was fetched.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from bot.pipeline.collect import (
    MAX_TEXT_CHARS,
    PAGE_ACCEPT,
    BlockedURL,
    Fetcher,
    FetchError,
    FetchLimits,
    extract_page,
    make_client,
)
from bot.pipeline.types import Article

DateSource = Literal["option", "metadata", "mtime", "fetched"]

DATE_NOTES: dict[DateSource, str] = {
    "option": "from --published",
    "metadata": "from the page's metadata",
    "mtime": "from the file's modification time",
    "fetched": "the day it was fetched: the page states no date",
}

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# An operator's own command, so private addresses are fine; size and time stay bounded.
URL_LIMITS = FetchLimits(total_timeout=30.0, max_body_bytes=5_000_000, per_host_concurrency=4)
# Files are read whole; anything bigger is not an article.
MAX_FILE_BYTES = URL_LIMITS.max_decoded_bytes
# A date alone is read as noon UTC: the same calendar day in every timezone from UTC-11 to +11.
_NOON = time(12, 0, tzinfo=UTC)


class InputError(Exception):
    """One input cannot be previewed; the message says why in a few words."""


@dataclass(frozen=True)
class PreviewInput:
    """One loaded input: the article to extract from and where its date came from."""

    label: str
    article: Article
    date_source: DateSource
    cut: bool = False  # the text was longer than the collector keeps, and was cut the same way

    @property
    def published_day(self) -> date:
        return self.article.published.date()


def is_url(arg: str) -> bool:
    """Anything with a scheme is meant as a URL (and refused later unless http or https)."""
    return "://" in arg


def read_file(path: Path, published: date | None) -> PreviewInput:
    """A .txt file (first non-empty line title, rest body) or an .html file via pages.py."""
    label = str(path)
    try:
        if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB: not an article")
        data = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except FileNotFoundError as exc:
        raise InputError("no such file") from exc
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from exc
    if path.suffix.lower() in HTML_SUFFIXES or data.lstrip()[:1] == b"<":
        return _from_html(label, data, published, mtime, url=path.resolve().as_uri())
    title, body = split_text(_decode(data))
    when, source = _choose(published, None, mtime, "mtime")
    return _bounded(label, Article(title, body, when, url="", source=path.name), source)


def split_text(text: str) -> tuple[str, str]:
    """First non-empty line is the title, the rest (paragraphs kept) the body."""
    lines = text.strip().splitlines()
    if not lines:
        raise InputError("the file is empty")
    return lines[0].strip(), "\n".join(lines[1:]).strip()


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise InputError("binary file: expected UTF-8 text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (undecodable byte at offset {exc.start})") from exc


def _from_html(
    label: str, html: bytes | str, published: date | None, fallback: datetime, *, url: str
) -> PreviewInput:
    page = extract_page(html, url)
    if page is None:
        raise InputError("no article text found in the page")
    fallback_source: DateSource = "mtime" if url.startswith("file:") else "fetched"
    when, source = _choose(published, page.published, fallback, fallback_source)
    host = urlsplit(url).hostname or Path(urlsplit(url).path).name
    article = Article(page.title, page.text, when, url=url, source=page.sitename or host)
    return _bounded(label, article, source)


def _bounded(label: str, article: Article, source: DateSource) -> PreviewInput:
    """The article as the collector would store it: text cut at MAX_TEXT_CHARS."""
    if len(article.text) <= MAX_TEXT_CHARS:
        return PreviewInput(label, article, source)
    return PreviewInput(label, replace(article, text=article.text[:MAX_TEXT_CHARS]), source, True)


def _choose(
    option: date | None, metadata: date | None, fallback: datetime, fallback_source: DateSource
) -> tuple[datetime, DateSource]:
    if option is not None:
        return datetime.combine(option, _NOON), "option"
    if metadata is not None:
        return datetime.combine(metadata, _NOON), "metadata"
    return fallback, fallback_source


async def fetch_pages(
    urls: list[str], published: date | None, fetcher: Fetcher
) -> list[PreviewInput | InputError]:
    """Every URL fetched concurrently; each result is an input or the error that stopped it."""
    results = await asyncio.gather(
        *(_fetch_page(url, published, fetcher) for url in urls), return_exceptions=True
    )
    out: list[PreviewInput | InputError] = []
    for result in results:
        if isinstance(result, PreviewInput | InputError):
            out.append(result)
        elif isinstance(result, BaseException):
            raise result
    return out


async def _fetch_page(url: str, published: date | None, fetcher: Fetcher) -> PreviewInput:
    _check_url(url)
    try:
        result = await fetcher.get(url, accept=PAGE_ACCEPT)
    except (FetchError, BlockedURL) as exc:
        raise InputError(f"cannot fetch: {exc}") from exc
    return _from_html(url, result.text(), published, datetime.now().astimezone(), url=result.url)


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        raise InputError(f"not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        raise InputError("only http:// and https:// URLs can be previewed")
    if not parts.hostname:
        raise InputError("the URL has no host name")


def make_fetcher() -> Fetcher:
    """A fetcher for the operator's own URLs: private addresses allowed, limits kept."""
    return Fetcher(make_client(allow_private=True), limits=URL_LIMITS, allow_private=True)

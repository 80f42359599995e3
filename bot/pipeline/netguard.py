"""SSRF guard: sources added by strangers must not make the bot fetch from its own network.

Every hop of every fetch is checked: the scheme, then every address the host name resolves to
(a name that resolves to one public and one private address is refused too).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Cloud metadata endpoints that are not covered by the private/link-local ranges.
_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT, also Alibaba's metadata address
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("198.18.0.0/15"),
    ipaddress.ip_network("fd00:ec2::/32"),  # AWS IPv6 metadata
)
DNS_TIMEOUT_SECONDS = 5.0

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedURL(Exception):
    """The URL may not be fetched: wrong scheme, unresolvable, or pointing at a private network."""


def is_public_address(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses (mapped IPv4 judged as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        return False
    return not any(address in net for net in _EXTRA_BLOCKED if net.version == address.version)


def check_scheme(url: str) -> str:
    """The host of an http(s) URL, or BlockedURL naming what is wrong."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        _ = parts.port  # a port that does not parse is a malformed URL, not a crash later
    except ValueError as exc:
        raise BlockedURL(f"not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedURL("only http and https URLs can be sources")
    if not host:
        raise BlockedURL("the URL has no host name")
    return host.lower().rstrip(".")


async def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses a host name resolves to."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(DNS_TIMEOUT_SECONDS):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, TimeoutError) as exc:
        raise BlockedURL(f"cannot resolve {host}") from exc
    # The scope id of a link-local IPv6 answer ("fe80::1%eth0") is not part of the address.
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


async def guard_url(url: str, *, allow_private: bool) -> None:
    """Raise BlockedURL unless the URL is http(s) and (unless allowed) resolves to public hosts."""
    host = check_scheme(url)
    if allow_private:
        return
    if host in _METADATA_HOSTS or host == "localhost" or host.endswith(".localhost"):
        raise BlockedURL(f"{host} is a local or metadata address")
    parts = urlsplit(url.strip())
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        addresses = await resolve(host, port)
    if not addresses:
        raise BlockedURL(f"cannot resolve {host}")
    for address in addresses:
        if not is_public_address(address):
            raise BlockedURL(f"{host} points at a private or local address ({address})")


async def check_source_url(url: str, *, allow_private: bool) -> str | None:
    """For /addsource: None when the URL may be polled, else a short reason for the user."""
    try:
        await guard_url(url, allow_private=allow_private)
    except BlockedURL as exc:
        return str(exc)
    return None

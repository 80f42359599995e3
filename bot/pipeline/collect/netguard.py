"""SSRF guard: sources added by strangers must not make the bot fetch from its own network.

Every hop of every fetch is checked: the scheme, then every address the host name resolves to
(a name that resolves to one public and one private address is refused too).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Cloud metadata endpoints that are not covered by the private/link-local ranges.
_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT, also Alibaba's metadata address
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("198.18.0.0/15"),
    ipaddress.ip_network("fd00:ec2::/32"),  # AWS IPv6 metadata
)
# Cloud metadata addresses hand out credentials; no deployment has a feed there, so they stay
# refused even when ALLOW_PRIVATE_SOURCES opens the private ranges.
_METADATA_NETWORKS = (
    ipaddress.ip_network("169.254.169.254/32"),  # AWS, GCP, Azure, OpenStack
    ipaddress.ip_network("100.100.100.200/32"),  # Alibaba Cloud
    ipaddress.ip_network("fd00:ec2::/32"),  # AWS IPv6
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


def is_metadata_host(host: str) -> bool:
    """A metadata host name, or a literal address in a metadata network."""
    if host in _METADATA_HOSTS:
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return any(address in net for net in _METADATA_NETWORKS if net.version == address.version)


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
    if is_metadata_host(host):
        raise BlockedURL(f"{host} is a private or local address (cloud metadata)")
    if allow_private:
        return
    if host == "localhost" or host.endswith(".localhost"):
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


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks and connects to the checked address in one step.

    The per-hop check in the fetcher resolves the name once; a hostile DNS server can answer
    differently a moment later when the connection is made (DNS rebinding). Connecting to the
    very address that was checked closes that gap. TLS still verifies the original host name.
    """

    def __init__(self, *, allow_private: bool = False) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allow_private = allow_private

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        target = host if self._allow_private else await self._checked_address(host, port)
        return await self._inner.connect_tcp(
            target,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def _checked_address(self, host: str, port: int) -> str:
        try:
            addresses: list[IPAddress] = [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            try:
                addresses = await resolve(host, port)
            except BlockedURL as exc:
                raise httpcore.ConnectError(str(exc)) from exc
        if not addresses or not all(is_public_address(a) for a in addresses):
            raise httpcore.ConnectError(f"{host} points at a private or local address")
        return str(addresses[0])

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(
    *, allow_private: bool = False, limits: httpx.Limits | None = None
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through GuardedBackend."""
    limits = limits or httpx.Limits(max_connections=64, max_keepalive_connections=32)
    transport = httpx.AsyncHTTPTransport(limits=limits)
    # httpx has no public hook for the network backend; the pool is rebuilt with the same
    # settings (httpx is pinned below 0.29, where `_pool` is the connection pool).
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(allow_private=allow_private),
    )
    return transport

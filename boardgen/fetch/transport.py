"""The one network boundary: an httpx transport that refuses non-public addresses.

The check runs inside the connection backend, on the addresses DNS actually returned and
just before connecting to one of them, so a host that resolves to a private address
(or re-resolves to one: DNS rebinding) is caught on every hop of every request
(Miniflux's dialer ``Control`` hook does the same). TLS still verifies the original host
name: httpcore passes it as ``server_hostname`` after connecting to the vetted address.

Tests swap the whole transport (any ``httpx.AsyncBaseTransport``), or keep this one and
inject an :class:`AddressPolicy` that resolves test host names to 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field

import anyio
import httpcore
import httpx

from boardgen.errors import BlockedError

__all__ = ["AddressPolicy", "GuardedBackend", "default_is_public", "guarded_transport"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

#: RFC 6598 shared address space (carrier-grade NAT): ``is_global`` is already False for
#: it on 3.11, listed anyway because it is the range cloud runners most often sit in.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


def default_is_public(ip: IPAddress) -> bool:
    """True for addresses on the public internet: not loopback, private, link-local, etc."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return default_is_public(ip.ipv4_mapped)
    return ip.is_global and not ip.is_multicast and ip not in _CGNAT


async def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (TCP)."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class AddressPolicy:
    """How host names become addresses, and which addresses count as public.

    ``hosts`` pins names to addresses without DNS (tests and benchmarks serve "public"
    host names from 127.0.0.1 this way); ``is_public`` decides what a source without
    ``allow_private_network`` may reach.
    """

    hosts: Mapping[str, str] = field(default_factory=dict)
    is_public: Callable[[IPAddress], bool] = default_is_public
    resolver: Resolver = system_resolve

    async def resolve(self, host: str, port: int) -> list[str]:
        pinned = self.hosts.get(host.lower().rstrip("."))
        if pinned is not None:
            return [pinned]
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            return await self.resolver(host, port)

    def blocked(self, addresses: Iterable[str]) -> str | None:
        """The first non-public address among ``addresses``, or None if all are public."""
        for address in addresses:
            if not self.is_public(ipaddress.ip_address(address.split("%")[0])):
                return address
        return None


class GuardedBackend(httpcore.AnyIOBackend):
    """An httpcore backend that resolves, vets every answer, then connects to a vetted one.

    All answers must be public, not just the first: an attacker controlling DNS could
    otherwise mix a private address in and win the race.
    """

    def __init__(self, policy: AddressPolicy, *, allow_private: bool) -> None:
        self.policy = policy
        self.allow_private = allow_private

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            with anyio.fail_after(timeout):
                addresses = await self.policy.resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no address")
        if not self.allow_private:
            bad = self.policy.blocked(addresses)
            if bad is not None:
                raise BlockedError(
                    f"{host} resolves to {bad}, a non-public address; set "
                    "allow_private_network: true on the source if that is intended"
                )
        last: Exception | None = None
        for address in addresses:
            try:
                return await super().connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


def guarded_transport(
    policy: AddressPolicy,
    *,
    allow_private: bool,
    max_connections: int,
) -> httpx.AsyncBaseTransport:
    """An ``httpx.AsyncHTTPTransport`` whose connections go through :class:`GuardedBackend`.

    httpx has no public hook for the network backend, so the pool is rebuilt with the
    same settings and assigned to the transport's private ``_pool``; the fetch tests
    cover it against a real server, so an httpx change that breaks it shows at once.
    ``trust_env=False``: a proxy from the environment would connect on our behalf and
    skip the address check.
    """
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=max_connections,
        max_keepalive_connections=max_connections,
        keepalive_expiry=5.0,
        network_backend=GuardedBackend(policy, allow_private=allow_private),
    )
    return transport

"""One polite GET: our own redirect loop, a decompressed-size cap, errors in plain words.

Redirects are followed here rather than by httpx so that every hop's URL is checked
(scheme, host) and goes through the per-host gate; the address check itself happens in
the transport on every connection. Bodies are decompressed here too, with
``zlib``'s ``max_length``, so a gzip bomb stops at the cap instead of inflating a whole
chunk in memory first (Miniflux applies its cap after decoding for the same reason).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from boardgen.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    TooLargeError,
)
from boardgen.urls import check_web_url

__all__ = ["FetchLimits", "HostGate", "Response", "get"]

MiB = 2**20
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})

HostGate = Callable[[str], AbstractAsyncContextManager[object]]


@dataclass(frozen=True)
class FetchLimits:
    """Network limits (GUIDE §4; Miniflux and FreshRSS use 20 s and 15 MiB / 4 hops)."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_body: int = 10 * MiB
    max_redirects: int = 5

    def timeout(self) -> httpx.Timeout:
        # No pool timeout: the engine's semaphores already bound how many requests wait.
        return httpx.Timeout(
            connect=self.connect_timeout,
            read=self.read_timeout,
            write=self.read_timeout,
            pool=None,
        )


@dataclass(frozen=True)
class Response:
    """A finished GET: 200 with its body, or 304 with an empty one."""

    status: int
    url: str
    headers: Mapping[str, str]
    body: bytes
    #: The final URL when every hop was a permanent redirect: a hint to update the config.
    moved_to: str | None = None


_PLAIN_WORDS = {
    401: "the server wants a login: this source needs credentials boardgen does not send",
    403: "the server refused access (it may block automated clients)",
    404: "nothing at this address: the board name or URL is wrong, or the board was removed",
    410: "the server says this feed is gone for good; the source is disabled",
    429: "the server says we asked too often; boardgen will wait before asking again",
    500: "the server had an internal error",
    502: "the server's gateway failed",
    503: "the server is unavailable for now",
    504: "the server's gateway timed out",
}


def describe_status(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    words = _PLAIN_WORDS.get(status)
    return f"HTTP {status} {phrase}" + (f": {words}" if words else "")


async def get(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str],
    allow_private: bool,
    limits: FetchLimits,
    gate: HostGate,
    secret_headers: Mapping[str, str] | None = None,
) -> Response:
    """GET ``url``, following at most ``limits.max_redirects`` redirects ourselves.

    ``secret_headers`` (API keys) go only to ``url``'s own origin: a redirect to another
    scheme, host or port drops them, as browsers drop ``Authorization``.
    Raises a :class:`~boardgen.errors.FetchError` subclass for every failure; returns
    only for 2xx and 304.
    """
    current = url
    permanent = True
    origin = urlsplit(url)[:2]
    for _hop in range(limits.max_redirects + 1):
        host = urlsplit(current).hostname or ""
        sent = dict(headers)
        if secret_headers and urlsplit(current)[:2] == origin:
            sent.update(secret_headers)
        try:
            async with gate(host):
                request = client.build_request(
                    "GET", current, headers=sent, timeout=limits.timeout()
                )
                response = await client.send(request, stream=True)
                try:
                    status = response.status_code
                    location = response.headers.get("location")
                    if status in _REDIRECTS and location:
                        permanent = permanent and status in _PERMANENT
                        current = _next_hop(current, location, allow_private)
                        continue
                    if status == 304:
                        return Response(304, current, _headers(response), b"", None)
                    if not 200 <= status < 300:
                        raise HTTPStatusError(
                            describe_status(status),
                            status,
                            response.headers.get("retry-after"),
                        )
                    body = await _read_capped(response, limits.max_body)
                finally:
                    await response.aclose()
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"timed out talking to {host} ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise NetworkError(f"could not reach {host}: {exc or type(exc).__name__}") from None
        moved = current if permanent and current != url else None
        return Response(status, current, _headers(response), body, moved)
    raise RedirectError(f"more than {limits.max_redirects} redirects (a redirect loop?)")


def _headers(response: httpx.Response) -> dict[str, str]:
    return {key.lower(): value for key, value in response.headers.items()}


def _next_hop(current: str, location: str, allow_private: bool) -> str:
    target = urljoin(current, location.strip())
    try:
        return check_web_url(target, allow_private=allow_private)
    except ValueError as exc:
        raise RedirectError(f"redirect to {target[:200]} refused: {exc}") from None


class _Decoder:
    """Incremental gzip/deflate decoding that never produces more than it is allowed to."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        if encoding in ("", "identity"):
            self._z: zlib._Decompress | None = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(32 + zlib.MAX_WBITS)
        else:
            raise FetchError(f"the server used an unsupported content encoding {encoding!r}")
        self._started = False

    def feed(self, chunk: bytes, allowance: int) -> bytes:
        """Decode ``chunk``, returning at most ``allowance`` bytes (more means too large)."""
        if self._z is None:
            return chunk
        try:
            out = self._decompress(chunk, allowance)
        except zlib.error:
            if self.encoding != "deflate" or self._started:
                raise FetchError("the compressed body is corrupt") from None
            # Some servers send raw deflate without the zlib header the RFC asks for.
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                out = self._decompress(chunk, allowance)
            except zlib.error:
                raise FetchError("the compressed body is corrupt") from None
        self._started = True
        return out

    def _decompress(self, chunk: bytes, allowance: int) -> bytes:
        assert self._z is not None
        out = self._z.decompress(chunk, allowance)
        while self._z.unconsumed_tail and len(out) < allowance:
            out += self._z.decompress(self._z.unconsumed_tail, allowance - len(out))
        if self._z.unconsumed_tail:
            # Output stopped at the allowance with input left: one byte over says so.
            out += b"\0"
        return out


async def _read_capped(response: httpx.Response, cap: int) -> bytes:
    encoding = response.headers.get("content-encoding", "").strip().lower()
    decoder = _Decoder(encoding)
    declared = response.headers.get("content-length", "")
    if not encoding and declared.isdigit() and int(declared) > cap:
        raise TooLargeError(f"the body is {_size(int(declared))}, over the {_size(cap)} cap")
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        decoded = decoder.feed(chunk, cap - size + 1)
        size += len(decoded)
        if size > cap:
            raise TooLargeError(f"the body passed the {_size(cap)} cap (after decompression)")
        parts.append(decoded)
    return b"".join(parts)


def _size(n: int) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n:,} bytes"

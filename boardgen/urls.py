"""Checks for URLs that come from people or feeds (pure functions).

pydantic's ``HttpUrl`` rejects ``javascript:`` and ``data:`` but accepts IP-literal hosts,
``user:pass@`` credentials and odd hosts (GUIDE §5), so every URL we publish goes through
:func:`check_web_url` instead.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# \s is str.isspace(): one C scan instead of a Python loop over the URL's characters.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")
#: A character no IPv4 form (dotted, hex, single number) can hold; IPv6 needs ":".
_NOT_IPV4 = re.compile(r"[^\d.a-fx]", re.I)


# Every listing's URLs are checked by each model that holds them; the answer never changes.
@functools.lru_cache(maxsize=50_000)
def check_web_url(value: str, *, allow_private: bool = False) -> str:
    """Return ``value`` stripped if it is a public http(s) URL; raise ``ValueError`` if not.

    ``allow_private`` admits IP literals and single-label hosts such as ``localhost``, for
    sources explicitly marked local. The messages are written for a contributor reading
    ``boardgen validate`` output.
    """
    url = value.strip()
    if not url:
        raise ValueError("URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"URL is longer than {MAX_URL_LENGTH} characters")
    if _SPACE_OR_CONTROL.search(url):
        raise ValueError("URL contains spaces or control characters: encode spaces as %20")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"{url!r} is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "no scheme"
        raise ValueError(f"{shown} URLs are not allowed: use a full https:// address")
    if parts.username is not None or parts.password is not None:
        raise ValueError("URL contains a user name or password: remove the part before '@'")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"{url!r} has no host name")
    if allow_private:
        return url
    if _is_ip_literal(host):
        raise ValueError(f"{host} is an IP address: use the organization's domain name")
    del port  # parsed only so that a malformed port is reported above
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(f"{host!r} is not a valid host name") from None
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValueError(f"{host!r} is not a valid public host name")
    if labels[-1].isdigit():
        raise ValueError(f"{host!r} is not a valid public host name")
    return url


def _is_ip_literal(host: str) -> bool:
    candidate = host.strip("[]")
    if ":" not in candidate and _NOT_IPV4.search(candidate):
        # A host name: ipaddress would raise twice (v4, v6) before saying so.
        return False
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        # Reject the shorthand forms browsers still resolve as IPv4 (0x7f.1, 2130706433).
        return bool(re.fullmatch(r"(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}", candidate, re.I))
    return True

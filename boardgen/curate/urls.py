"""Canonical URLs for dedupe: the same posting reached by different links (pure).

Aggregators add tracking parameters (``utm_*``, ``gh_src``, ``ref``) and ATS hosts have
several addresses for one posting (Lever's ``/apply`` page, Ashby's ``/application``).
Parameters that *identify* a posting (Greenhouse's ``gh_jid`` on a company site) stay.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_\w+|gh_src|gclid|fbclid|msclkid|mc_[ce]id|ref|referrer|refid|source|src|"
    r"lever-source(\[\])?|lever-origin|trk|trkid|_hs\w+|hsa_\w+|igshid|yclid|campaign|"
    r"channel|medium|iis|iisn|ccuid|jobpipeline|jobboardsource)$",
    re.I,
)
_APPLY_SUFFIX = re.compile(r"/(apply|application|applications/new)/?$", re.I)


def canonical_url(url: str | None) -> str | None:
    """A comparable form of ``url``: lower-case host, no tracking, fragment or apply suffix.

    ``None`` for anything that is not an http(s) URL.
    """
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = _APPLY_SUFFIX.sub("", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    if host.endswith(("lever.co", "ashbyhq.com", "greenhouse.io", "myworkdayjobs.com")):
        path = path.lower()
    if host.endswith("myworkdayjobs.com"):
        # Workday serves one posting under every locale: /en-US/Site/job/... is /Site/job/...
        path = re.sub(r"^/[a-z]{2}-[a-z]{2}(?=/)", "", path)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    query.sort()
    return urlunsplit(("https", host, path, urlencode(query), ""))

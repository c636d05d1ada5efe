"""Work mode (remote, hybrid, onsite) from structured fields, flags and free text (pure).

The most specific evidence wins: a source's own workplace field, then its booleans, then
the location text, then the description. Ashby sets ``isRemote: true`` on hybrid jobs, so a
``hybrid`` field or flag beats a remote flag.
"""

from __future__ import annotations

import re

from boardgen.model import WorkMode
from boardgen.normalize.location import parse_locations

_FIELD_VALUES: dict[str, WorkMode] = {
    "remote": WorkMode.REMOTE,
    "fullyremote": WorkMode.REMOTE,
    "telecommute": WorkMode.REMOTE,
    "wfh": WorkMode.REMOTE,
    "hybrid": WorkMode.HYBRID,
    "onsite": WorkMode.ONSITE,
    "inoffice": WorkMode.ONSITE,
    "inperson": WorkMode.ONSITE,
    "office": WorkMode.ONSITE,
}

_TEXT_HYBRID = re.compile(
    r"\bhybrid\b|\b\d\s*(?:-\s*\d\s*)?days?\s*(?:a|per|/)\s*week\s*(?:in|at)\s*(?:the|our)\s*office",
    re.I,
)
_TEXT_NOT_REMOTE = re.compile(
    r"\b(not|no|non)[- ](a\s+)?remote\b|\bremote work is not\b|\bcannot be (done )?remote", re.I
)
_TEXT_REMOTE = re.compile(
    r"\b(fully|100\s*%|completely|entirely|full[- ]time)\s+remote\b"
    r"|\bremote[- ](first|only|friendly)\b|\bwork (from|at) home\b|\bwork from anywhere\b"
    r"|\b(this|the) (role|position|project|internship|micro-internship) is (fully )?remote\b"
    r"|\bremote (role|position|internship|project|micro-internship|opportunity)\b"
    r"|\bvirtual (internship|micro-internship|project)\b",
    re.I,
)
_TEXT_ONSITE = re.compile(
    r"\b(on[- ]?site|in[- ]office|in[- ]person)\b|\bmust (be able to )?(commute|relocate)\b", re.I
)


def work_mode_from_field(value: object) -> WorkMode | None:
    """Map a source's workplace field (``on-site``, ``OnSite``, ``TELECOMMUTE``) or ``None``."""
    if not isinstance(value, str):
        return None
    key = re.sub(r"[^a-z]", "", value.lower())
    return _FIELD_VALUES.get(key)


def infer_work_mode(
    *,
    field: object = None,
    remote: bool | None = None,
    hybrid: bool | None = None,
    onsite: bool | None = None,
    location_text: str = "",
    text: str = "",
) -> WorkMode:
    """The work mode from every clue a source gives, most specific first; never raises."""
    mapped = work_mode_from_field(field)
    if mapped is not None:
        return mapped
    if hybrid is True:
        return WorkMode.HYBRID
    if remote is True:
        return WorkMode.REMOTE
    if onsite is True:
        return WorkMode.ONSITE
    place = parse_locations(location_text or "")
    if place.hybrid or (place.remote and place.locations):
        # "San Francisco, CA / Remote": either way of working is on offer.
        return WorkMode.HYBRID if place.hybrid else WorkMode.REMOTE
    if place.remote:
        return WorkMode.REMOTE
    if place.onsite:
        return WorkMode.ONSITE
    body = (text or "")[:20_000]
    if _TEXT_HYBRID.search(body):
        return WorkMode.HYBRID
    if _TEXT_NOT_REMOTE.search(body):
        return WorkMode.ONSITE
    if _TEXT_REMOTE.search(body):
        return WorkMode.REMOTE
    if _TEXT_ONSITE.search(body):
        return WorkMode.ONSITE
    if remote is False and place.locations:
        return WorkMode.ONSITE
    return WorkMode.UNKNOWN

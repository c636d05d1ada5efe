"""RSS and Atom through feedparser, fed bytes and the response headers, never a URL.

Two rules from GUIDE §3 and §5:

- feedparser gets ``BytesIO(body)`` plus ``content-type`` and ``content-location`` (the
  URL fetched): without them charsets are guessed and relative links stay relative. A
  bare string could be taken for a URL or a path, and feedparser would fetch it itself.
- Documents whose prolog declares ``<!ENTITY`` are rejected first: feedparser's loose
  fallback parser expands "safe" entities without a cap (a 70 KB feed became a 200 MB
  description), and real feeds practically never declare entities.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
from feedparser.urls import resolve_relative_uris  # type: ignore[import-untyped]

from boardgen.errors import ParseError, UnsafeXMLError
from boardgen.normalize.dates import parse_date
from scrapers._base import Page, Pay, Payload, Record
from scrapers._util import struct_time, text

_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
#: An attribute feedparser resolves (a href, img src, q cite...) whose value does not start
#: with an absolute http(s) or mailto address. Only markup that has one needs feedparser's
#: relative-URI pass, a pure-Python re-parse of every description that took a third of
#: the parse time; the pass itself is unchanged, so relative links resolve as before.
_MAYBE_RELATIVE = re.compile(
    r"(?:href|src|cite|action|longdesc|background|profile|usemap|classid|codebase|data|poster)"
    r"\s*=\s*(?![\"']?(?:https?|mailto):)",
    re.I,
)
_DECLARATION = re.compile(r"<!((?!DOCTYPE|--|\[))", re.I)  # as in feedparser's pass
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: BOM-less UTF-16/32 starts "<?" with zero bytes between (XML 1.0 appendix F).
_BOMLESS = (
    (b"<\0\0\0", "utf-32-le"),
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0?\0", "utf-16-le"),
    (b"\0<\0?", "utf-16-be"),
)


def _as_utf8(body: bytes) -> bytes:
    """The document re-encoded as UTF-8 when it is UTF-16/32, so the prolog can be read."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, "replace").encode()
    for start, encoding in _BOMLESS:
        if body.startswith(start):
            return body.decode(encoding, "replace").encode()
    return body


def reject_entity_declarations(body: bytes) -> None:
    """Raise :class:`UnsafeXMLError` if the prolog (before the first element) has ``<!ENTITY``."""
    utf8 = _as_utf8(body)
    match = _FIRST_ELEMENT.search(utf8)
    prolog = utf8[: match.start()] if match else utf8
    if b"<!entity" in prolog.lower():
        raise UnsafeXMLError("the feed declares XML entities, which boardgen refuses to expand")


def _markup(detail: Any, value: Any, base: str, *, lazy: bool = True) -> str:
    """A text construct's value, its relative links resolved as feedparser would have.

    ``lazy``: skip the pass when no attribute may hold a relative link (descriptions);
    titles are short and rarely HTML, so they always get it, exactly as before.
    """
    if not isinstance(value, str):
        return text(value)
    detail = detail if isinstance(detail, dict) else {}
    kind = str(detail.get("type") or "text/html").lower()
    if kind not in _HTML_TYPES:
        return text(value)
    if lazy and not _MAYBE_RELATIVE.search(value):
        # The one rewrite of that pass that nh3 would not undo: "<!x" stays text there,
        # where nh3 would drop it as a bogus comment.
        return text(_DECLARATION.sub(r"&lt;!\1", value))
    return text(resolve_relative_uris(value, detail.get("base") or base, "utf-8", kind))


def _description(entry: Any, base: str, *, lazy: bool = True) -> str:
    for content in entry.get("content") or []:
        value = _markup(content, content.get("value"), base, lazy=lazy)
        if value:
            return value
    return _markup(entry.get("summary_detail"), entry.get("summary"), base, lazy=lazy)


def _record(entry: Any, base: str) -> Record:
    link = text(entry.get("link"))
    url = urljoin(base, link) if link else None
    title = _markup(entry.get("title_detail"), entry.get("title"), base, lazy=False)
    native = text(entry.get("id")) or link
    if not native:
        # No GUID and no link: fall back to a content hash (Planet Venus does the same),
        # of the markup as feedparser's relative-URI pass leaves it, so ids stay the same.
        described = _description(entry, base, lazy=False)
        native = hashlib.sha256(f"{title}\n{described}".encode()).hexdigest()[:24]
    tags = tuple(text(tag.get("term")) for tag in entry.get("tags") or [] if text(tag.get("term")))
    # Vendor namespaces arrive flattened: We Work Remotely's <region>, NEOGOV's joblisting:*.
    place = text(entry.get("joblisting_location")) or text(entry.get("region"))
    pay = None
    if text(entry.get("joblisting_minimumsalary")) or text(entry.get("joblisting_maximumsalary")):
        pay = Pay(
            min=text(entry.get("joblisting_minimumsalary")) or None,
            max=text(entry.get("joblisting_maximumsalary")) or None,
            currency=text(entry.get("joblisting_salarycurrency")) or None,
            interval=text(entry.get("joblisting_salaryinterval")) or None,
        )
    department = text(entry.get("joblisting_department"))
    return Record(
        native_id=native,
        title=title,
        url=url,
        description_html=_description(entry, base),
        organization=text(entry.get("author")) or None,
        posted_at=struct_time(entry.get("published_parsed"))
        or struct_time(entry.get("updated_parsed")),
        deadline=parse_date(text(entry.get("joblisting_advertisetodatetimeutc")) or None),
        locations=(place,) if place else (),
        employment_type=text(entry.get("joblisting_jobtype")) or None,
        departments=(department,) if department else (),
        tags=tags,
        pay=pay,
        extra={"region": text(entry.get("region")) or None},
    )


def parse_feed(payload: Payload) -> Page:
    """Records of every entry of an RSS or Atom document."""
    reject_entity_declarations(payload.body)
    parsed = feedparser.parse(
        io.BytesIO(payload.body),
        response_headers={
            "content-type": payload.headers.get("content-type", "application/xml"),
            "content-location": payload.url,
        },
        # nh3 sanitizes every description afterwards (feedparser's sanitizer keeps forms
        # and file: links anyway, GUIDE §5); skipping it saves a quarter of the parse.
        sanitize_html=False,
        # Done per entry in _markup, and only for markup with a link that may be relative.
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise ParseError(f"not an RSS or Atom feed ({problem or 'no feed elements found'})")
    return Page([_record(entry, payload.url) for entry in entries])

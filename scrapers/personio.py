"""Personio XML feed: ``https://{company}.jobs.personio.de/xml?language=en`` (one document).

Read with the standard library's ElementTree, defensively: a prolog that declares
``<!ENTITY`` is refused before parsing (the same guard as the feeds, GUIDE §5), so no
entity can be expanded; expat never loads external DTDs or entities; and the engine caps
the body size. That covers what defusedxml would, so it is not a dependency.
Positions repeat in real feeds: de-duplicated on ``<id>``.
There is no apply URL in the feed; it is the company's job page ``/job/{id}`` on the
feed's own host. An unknown company answers an HTML page, which is a parse error.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit, urlunsplit

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Payload, Record
from scrapers._feed import reject_entity_declarations


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _description(position: ET.Element) -> str:
    parts = []
    for block in position.iterfind("jobDescriptions/jobDescription"):
        name, value = _text(block, "name"), _text(block, "value")
        if value:
            if name:
                parts.append(f"<h3>{html.escape(name)}</h3>")
            parts.append(value)
    return "\n".join(parts)


def _job_url(feed_url: str, native_id: str) -> str:
    parts = urlsplit(feed_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/job/{quote(native_id, safe='')}", "", ""))


def _record(position: ET.Element, feed_url: str) -> Record:
    native = _text(position, "id")
    offices = [_text(position, "office")]
    offices += [(o.text or "").strip() for o in position.iterfind("additionalOffices/office")]
    hints = [_text(position, tag) for tag in ("seniority", "schedule")]
    departments = [_text(position, tag) for tag in ("department", "recruitingCategory")]
    return Record(
        native_id=native,
        title=_text(position, "name"),
        url=_job_url(feed_url, native),
        description_html=_description(position),
        organization=_text(position, "subcompany") or None,
        posted_at=parse_datetime(_text(position, "createdAt")),
        locations=tuple(dict.fromkeys(o for o in offices if o)),
        employment_type=_text(position, "employmentType") or None,
        type_hints=tuple(h for h in hints if h),
        departments=tuple(d for d in departments if d),
    )


def parse(payload: Payload) -> Page:
    reject_entity_declarations(payload.body)
    try:
        # Entity declarations were refused above; see the module docstring.
        root = ET.fromstring(payload.body)  # noqa: S314
    except ET.ParseError as exc:
        raise ParseError(f"not a Personio XML feed ({exc})") from None
    if root.tag != "workzag-jobs":
        raise ParseError(f"not a Personio XML feed (its root is <{root.tag[:40]}>)")
    records: dict[str, Record] = {}
    for position in root.iterfind("position"):
        native = _text(position, "id")
        if native and native not in records:
            records[native] = _record(position, payload.url)
    return Page(list(records.values()))


ADAPTER = Adapter(kind="personio", parse=parse, accept="application/xml, text/xml;q=0.9")

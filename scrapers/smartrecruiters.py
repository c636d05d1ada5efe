"""SmartRecruiters posting API: a paged list, plus one detail document per posting.

``/v1/companies/{id}/postings`` gives ``offset``/``limit``/``totalFound`` and postings
without a description, pay or apply link; ``/postings/{id}`` has them (``jobAd``
sections, ``compensation``, ``applyUrl``). The list asks the engine to follow each
posting's detail URL (see :attr:`scrapers.Page.follow`), built on the list's own host and
path rather than taken from the payload's ``ref``. Until a detail arrives (or if it
fails), a posting links to its public page ``jobs.smartrecruiters.com/{company}/{id}``.
Narrow a big company server-side in the source URL: ``?q=intern``.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Pay, Payload, Place, Record
from scrapers._util import query_param, text, with_query

PAGE_SIZE = 100
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
_PUBLIC = "https://jobs.smartrecruiters.com"


def first_url(url: str) -> str:
    return with_query(
        url,
        offset=query_param(url, "offset") or "0",
        limit=query_param(url, "limit") or str(PAGE_SIZE),
    )


def _label(value: Any) -> str:
    return text(value.get("label")) if isinstance(value, dict) else ""


def _description(posting: dict[str, Any]) -> str:
    sections = ((posting.get("jobAd") or {}).get("sections")) or {}
    parts = []
    for key in _SECTIONS:
        section = sections.get(key)
        if isinstance(section, dict) and text(section.get("text")):
            title = text(section.get("title"))
            if title:
                parts.append(f"<h3>{html.escape(title)}</h3>")
            parts.append(text(section.get("text")))
    return "\n".join(parts)


def _pay(posting: dict[str, Any]) -> Pay | None:
    comp = posting.get("compensation")
    if not isinstance(comp, dict):
        return None
    return Pay(
        min=comp.get("min"),
        max=comp.get("max"),
        currency=text(comp.get("currency")) or None,
        interval=text(comp.get("period")) or None,
    )


def _record(posting: dict[str, Any]) -> Record:
    native = str(posting["id"])
    location = posting.get("location") or {}
    company = posting.get("company") or {}
    public = None
    if text(company.get("identifier")):
        public = f"{_PUBLIC}/{quote(text(company.get('identifier')))}/{quote(native)}"
    posting_url = text(posting.get("postingUrl")) or public
    mode = None
    if location.get("hybrid") is True:
        mode = "hybrid"
    elif location.get("remote") is True:
        mode = "remote"
    elif location.get("remote") is False and location.get("hybrid") is False:
        mode = "onsite"
    place = Place(
        city=text(location.get("city")) or None,
        region=text(location.get("region")) or None,
        country=text(location.get("country")) or None,
    )
    employment = posting.get("typeOfEmployment")
    experience = posting.get("experienceLevel")
    return Record(
        native_id=native,
        title=text(posting.get("name")),
        url=text(posting.get("applyUrl")) or posting_url,
        description_html=_description(posting),
        organization=text(company.get("name")) or None,
        posted_at=parse_datetime(posting.get("releasedDate")),
        locations=(text(location.get("fullLocation")),)
        if text(location.get("fullLocation"))
        else (),
        places=(place,) if (place.city or place.region or place.country) else (),
        work_mode=mode,
        employment_type=text((employment or {}).get("id")) or _label(employment) or None,
        type_hints=tuple(t for t in (text((experience or {}).get("id")), _label(experience)) if t),
        departments=tuple(
            d for d in (_label(posting.get("department")), _label(posting.get("function"))) if d
        ),
        pay=_pay(posting),
        source_url=posting_url,
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _detail_url(list_url: str, native_id: str) -> str:
    parts = urlsplit(list_url)
    path = parts.path.rstrip("/") + "/" + quote(native_id, safe="")
    return urlunsplit(parts._replace(path=path, query=""))


def parse(payload: Payload) -> Page:
    data = payload.json()
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        postings = [p for p in data["content"] if isinstance(p, dict) and p.get("id")]
        follow = tuple(_detail_url(payload.url, str(p["id"])) for p in postings)
        offset, limit, total = (_int(data.get(k)) for k in ("offset", "limit", "totalFound"))
        limit = limit or len(postings)
        next_url = None
        if postings and limit and offset + limit < total:
            next_url = with_query(payload.url, offset=str(offset + limit), limit=str(limit))
        return Page([_record(p) for p in postings], next_url, follow=follow)
    if isinstance(data, dict) and data.get("id") and "name" in data:
        return Page([_record(data)])  # one posting's detail document
    raise ParseError("not a SmartRecruiters postings list or posting")


ADAPTER = Adapter(kind="smartrecruiters", parse=parse, first_url=first_url)

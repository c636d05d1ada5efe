"""USAJOBS Search API: ``https://data.usajobs.gov/api/search?...``, paged by ``Page``.

Needs a free API key: the engine sends ``Authorization-Key`` from the environment variable
``USAJOBS_API_KEY`` and, as the terms require, ``User-Agent`` set to the email the key was
registered with (``USAJOBS_EMAIL``). Keys are never read from files; the key goes only to
the API's own origin (a redirect elsewhere drops it). Both the 2016 field set
(``RateIntervalCode: "Per Year"``) and the current one (``PA``, ``PH``, telework and
remote flags) are read. ``ApplicationCloseDate`` is a real deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from boardgen.errors import CredentialsError, ParseError
from boardgen.normalize.dates import parse_date, parse_datetime
from scrapers._base import Adapter, Page, Pay, Payload, Record
from scrapers._util import query_param, text, text_to_html, with_query

KEY_VARIABLE = "USAJOBS_API_KEY"
EMAIL_VARIABLE = "USAJOBS_EMAIL"
PAGE_SIZE = 500


def headers(environ: Mapping[str, str]) -> dict[str, str]:
    key, email = environ.get(KEY_VARIABLE, "").strip(), environ.get(EMAIL_VARIABLE, "").strip()
    if not key or not email:
        raise CredentialsError(
            f"USAJOBS needs an API key: set {KEY_VARIABLE} and {EMAIL_VARIABLE} (the email "
            "the key was registered with) in the environment"
        )
    return {"Authorization-Key": key, "User-Agent": email}


def first_url(url: str) -> str:
    return with_query(
        url,
        Page=query_param(url, "Page") or "1",
        ResultsPerPage=query_param(url, "ResultsPerPage") or str(PAGE_SIZE),
    )


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(text(v.get("Name")) for v in value if isinstance(v, dict) and text(v.get("Name")))


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _description(item: dict[str, Any], details: dict[str, Any]) -> str:
    parts = [text_to_html(text(details.get("JobSummary")))]
    duties = details.get("MajorDuties")
    if isinstance(duties, list) and any(text(d) for d in duties):
        parts.append("<h3>Major duties</h3>")
        parts.append("".join(f"<p>{p}</p>" for p in (text_to_html(text(d)) for d in duties) if p))
    qualifications = text(item.get("QualificationSummary"))
    if qualifications:
        parts.append("<h3>Qualifications</h3>" + text_to_html(qualifications))
    return "\n".join(p for p in parts if p)


def _record(result: dict[str, Any]) -> Record:
    item = result.get("MatchedObjectDescriptor") or {}
    details = ((item.get("UserArea") or {}).get("Details")) or {}
    page = text(item.get("PositionURI")) or None
    apply = [text(u) for u in item.get("ApplyURI") or [] if text(u)]
    pay_rows = [p for p in item.get("PositionRemuneration") or [] if isinstance(p, dict)]
    pay = None
    if pay_rows:
        pay = Pay(
            min=pay_rows[0].get("MinimumRange"),
            max=pay_rows[0].get("MaximumRange"),
            currency="USD",
            interval=text(pay_rows[0].get("RateIntervalCode")) or None,
        )
    locations = tuple(
        text(loc.get("LocationName"))
        for loc in item.get("PositionLocation") or []
        if isinstance(loc, dict) and text(loc.get("LocationName"))
    )
    who = details.get("WhoMayApply")
    hiring = details.get("HiringPath")
    hints = _names(item.get("PositionOfferingType"))
    if isinstance(hiring, list):
        hints += tuple(text(h) for h in hiring if text(h))
    organization = text(item.get("OrganizationName")) or text(item.get("DepartmentName"))
    return Record(
        native_id=text(result.get("MatchedObjectId")) or text(item.get("PositionID")),
        title=text(item.get("PositionTitle")),
        url=apply[0] if apply else page,
        description_html=_description(item, details),
        organization=organization or None,
        posted_at=parse_datetime(item.get("PublicationStartDate")),
        deadline=parse_date(item.get("ApplicationCloseDate")),
        locations=locations,
        remote=_flag(details.get("RemoteIndicator")),
        employment_type=next(iter(_names(item.get("PositionSchedule"))), None),
        type_hints=hints,
        departments=_names(item.get("JobCategory")),
        pay=pay,
        source_url=page,
        extra={
            "who_may_apply": text(who.get("Name")) if isinstance(who, dict) else None,
            "telework_eligible": _flag(details.get("TeleworkEligible")),
            "position_start": item.get("PositionStartDate"),
        },
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    result = data.get("SearchResult") if isinstance(data, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("SearchResultItems"), list):
        raise ParseError("not a USAJOBS search answer: it has no SearchResult.SearchResultItems")
    items = [i for i in result["SearchResultItems"] if isinstance(i, dict)]
    records = [
        _record(i) for i in items if i.get("MatchedObjectId") or i.get("MatchedObjectDescriptor")
    ]
    pages_text = text(str((result.get("UserArea") or {}).get("NumberOfPages", "")))
    page_text = query_param(payload.url, "Page") or "1"
    next_url = None
    if pages_text.isdigit() and page_text.isdigit() and int(page_text) < int(pages_text):
        next_url = with_query(payload.url, Page=str(int(page_text) + 1))
    return Page(records, next_url)


ADAPTER = Adapter(kind="usajobs", parse=parse, first_url=first_url, headers=headers)

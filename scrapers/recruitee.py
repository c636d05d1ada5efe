"""Recruitee careers API: ``https://{company}.recruitee.com/api/offers/`` (one page).

Salary amounts are strings with a ``period``; ``min/max_hours_per_week`` are the weekly
load. The offer's ``mailbox_email`` is never used (it is not for publishing).
"""

from __future__ import annotations

from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_date, parse_datetime
from scrapers._base import Adapter, Page, Pay, Payload, Place, Record
from scrapers._util import text, texts


def _hours(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _places(offer: dict[str, Any]) -> list[Place]:
    places = [
        Place(
            city=text(loc.get("city")) or None,
            region=text(loc.get("state")) or None,
            country=text(loc.get("country_code")) or text(loc.get("country")) or None,
        )
        for loc in offer.get("locations") or []
        if isinstance(loc, dict)
    ]
    if not places:
        places = [
            Place(
                city=text(offer.get("city")) or None,
                region=text(offer.get("state_name")) or None,
                country=text(offer.get("country_code")) or None,
            )
        ]
    return [p for p in places if p.city or p.region or p.country]


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _record(offer: dict[str, Any]) -> Record:
    salary = offer.get("salary")
    pay = None
    if isinstance(salary, dict):
        pay = Pay(
            min=salary.get("min"),
            max=salary.get("max"),
            currency=text(salary.get("currency")) or None,
            interval=text(salary.get("period")) or None,
        )
    low, high = _hours(offer.get("min_hours_per_week")), _hours(offer.get("max_hours_per_week"))
    page = text(offer.get("careers_url")) or None
    body = "\n".join(
        p for p in (text(offer.get("description")), text(offer.get("requirements"))) if p
    )
    return Record(
        native_id=str(offer["id"]),
        title=text(offer.get("title")),
        url=text(offer.get("careers_apply_url")) or page,
        description_html=body,
        organization=text(offer.get("company_name")) or None,
        posted_at=parse_datetime(offer.get("published_at"))
        or parse_datetime(offer.get("created_at")),
        deadline=parse_date(offer.get("close_at")),
        locations=(text(offer.get("location")),) if text(offer.get("location")) else (),
        places=tuple(_places(offer)),
        remote=_flag(offer.get("remote")),
        hybrid=_flag(offer.get("hybrid")),
        onsite=_flag(offer.get("on_site")),
        employment_type=text(offer.get("employment_type_code")) or None,
        type_hints=tuple(t for t in (text(offer.get("experience_code")),) if t),
        departments=(text(offer.get("department")),) if text(offer.get("department")) else (),
        tags=texts(offer.get("tags")),
        pay=pay,
        hours_per_week=(low, high) if (low or high) else None,
        source_url=page,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("offers"), list):
        raise ParseError("not a Recruitee offers list: the answer has no 'offers' list")
    offers = [
        offer
        for offer in data["offers"]
        if isinstance(offer, dict)
        and offer.get("id") is not None
        and text(offer.get("status") or "published") == "published"
    ]
    return Page([_record(offer) for offer in offers])


ADAPTER = Adapter(kind="recruitee", parse=parse)

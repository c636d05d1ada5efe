"""JSON Feed 1.0/1.1, parsed here (released feedparser 6.0.x cannot read JSON Feed).

Job boards such as Teamtailor add a schema.org ``_jobposting`` object per item; its
organization, places and ``validThrough`` are used when present. Relative item URLs are
resolved against the URL the feed was fetched from.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from boardgen.errors import ParseError
from scrapers._base import Adapter, Page, Pay, Payload, Place, Record
from scrapers._util import iso_date, iso_datetime, text, text_to_html


def _places(posting: dict[str, Any]) -> tuple[Place, ...]:
    found = posting.get("jobLocation") or []
    places = []
    for item in found if isinstance(found, list) else [found]:
        address = item.get("address") if isinstance(item, dict) else None
        if isinstance(address, dict):
            places.append(
                Place(
                    city=text(address.get("addressLocality")) or None,
                    region=text(address.get("addressRegion")) or None,
                    country=text(address.get("addressCountry")) or None,
                )
            )
    return tuple(places)


def _pay(posting: dict[str, Any]) -> Pay | None:
    """schema.org ``baseSalary``: a MonetaryAmount whose value is a QuantitativeValue."""
    salary = posting.get("baseSalary")
    if not isinstance(salary, dict):
        return None
    value = salary.get("value")
    if isinstance(value, dict):
        low = value.get("minValue", value.get("value"))
        return Pay(
            min=low,
            max=value.get("maxValue"),
            currency=text(salary.get("currency")) or None,
            interval=text(value.get("unitText")) or None,
        )
    return Pay(min=value, currency=text(salary.get("currency")) or None)


def _organization(item: dict[str, Any], posting: dict[str, Any]) -> str | None:
    org = posting.get("hiringOrganization")
    if isinstance(org, dict) and text(org.get("name")):
        return text(org.get("name"))
    return text(org) or None


def _record(item: dict[str, Any], base: str) -> Record:
    posting = item.get("_jobposting")
    posting = posting if isinstance(posting, dict) else {}
    link = text(item.get("url")) or text(item.get("external_url"))
    description = text(item.get("content_html")) or text_to_html(text(item.get("content_text")))
    if not description:
        description = text(posting.get("description")) or text_to_html(text(item.get("summary")))
    remote = text(posting.get("jobLocationType")).upper() == "TELECOMMUTE"
    return Record(
        native_id=str(item["id"]),
        title=text(item.get("title")) or text(posting.get("title")),
        url=urljoin(base, link) if link else None,
        description_html=description,
        organization=_organization(item, posting),
        posted_at=iso_datetime(item.get("date_published"))
        or iso_datetime(posting.get("datePosted")),
        deadline=iso_date(posting.get("validThrough")),
        places=_places(posting),
        work_mode="remote" if remote else None,
        employment_type=text(posting.get("employmentType")) or None,
        tags=tuple(text(tag) for tag in item.get("tags") or [] if text(tag)),
        pay=_pay(posting),
        extra={"base_salary": posting.get("baseSalary")},
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    version = text(data.get("version")) if isinstance(data, dict) else ""
    if not version.startswith("https://jsonfeed.org/version/"):
        raise ParseError("not a JSON Feed: no https://jsonfeed.org/version/ in 'version'")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError("the JSON Feed has no 'items' list")
    records = [
        _record(item, payload.url)
        for item in items
        if isinstance(item, dict) and item.get("id") is not None
    ]
    return Page(records)


ADAPTER = Adapter(
    kind="jsonfeed", parse=parse, accept="application/feed+json, application/json;q=0.9"
)

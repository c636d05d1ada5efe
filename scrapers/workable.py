"""Workable public widget: ``/api/v1/widget/accounts/{account}?details=true`` (one page).

The widget lists a job once per location (the same ``shortcode`` twice): the copies are
merged here into one record with every location. ``telecommuting: true`` marks remote
jobs; their countries are then where applicants may live. Dates are date-only.
"""

from __future__ import annotations

from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Payload, Place, Record
from scrapers._util import text


def _places(job: dict[str, Any]) -> list[Place]:
    places = []
    for loc in job.get("locations") or []:
        if isinstance(loc, dict) and loc.get("hidden") is not True:
            places.append(
                Place(
                    city=text(loc.get("city")) or None,
                    region=text(loc.get("region")) or None,
                    country=text(loc.get("countryCode")) or text(loc.get("country")) or None,
                )
            )
    if not places:
        places.append(
            Place(
                city=text(job.get("city")) or None,
                region=text(job.get("state")) or None,
                country=text(job.get("country")) or None,
            )
        )
    return [p for p in places if p.city or p.region or p.country]


def _record(job: dict[str, Any], places: list[Place], organization: str | None) -> Record:
    remote = job.get("telecommuting") is True
    link = text(job.get("url")) or text(job.get("shortlink")) or None
    return Record(
        native_id=text(job.get("shortcode")),
        title=text(job.get("title")),
        url=text(job.get("application_url")) or link,
        description_html=text(job.get("description")),
        organization=organization,
        posted_at=parse_datetime(job.get("published_on")) or parse_datetime(job.get("created_at")),
        places=tuple(dict.fromkeys(places)),
        remote=True if remote else None,
        remote_countries=tuple(dict.fromkeys(p.country for p in places if p.country))
        if remote
        else (),
        employment_type=text(job.get("employment_type")) or None,
        departments=(text(job.get("department")),) if text(job.get("department")) else (),
        source_url=link,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ParseError("not a Workable widget answer: it has no 'jobs' list")
    organization = text(data.get("name")) or None
    jobs: dict[str, dict[str, Any]] = {}
    places: dict[str, list[Place]] = {}
    for job in data["jobs"]:
        if not isinstance(job, dict) or not text(job.get("shortcode")):
            continue
        code = text(job.get("shortcode"))
        jobs.setdefault(code, job)
        places.setdefault(code, []).extend(_places(job))
    return Page([_record(job, places[code], organization) for code, job in jobs.items()])


ADAPTER = Adapter(kind="workable", parse=parse)

"""Himalayas: ``https://himalayas.app/jobs/api?limit=20``, paged by cursor (every job remote).

Since 2026-08-21 the answer's ``nextCursor`` goes back as ``?cursor=`` (``offset`` is
deprecated); the last page has none. Where applicants may live and the time zones they
must overlap with are ``locationRestrictions`` and ``timezoneRestrictions`` (UTC offsets).
Terms ask for a link back: the job's Himalayas page is kept as the source link.
"""

from __future__ import annotations

from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_date, parse_datetime
from scrapers._base import Adapter, Page, Pay, Payload, Record
from scrapers._util import text, texts, with_query


def _zone(offset: Any) -> str | None:
    if isinstance(offset, bool) or not isinstance(offset, int | float):
        return text(offset) or None
    hours = int(offset) if float(offset).is_integer() else offset
    return f"UTC{hours:+}" if hours else "UTC"


def _record(job: dict[str, Any]) -> Record:
    page = text(job.get("guid")) or text(job.get("applicationLink")) or None
    zones = job.get("timezoneRestrictions") or []
    return Record(
        native_id=text(job.get("guid")) or text(job.get("applicationLink")),
        title=text(job.get("title")),
        url=text(job.get("applicationLink")) or page,
        description_html=text(job.get("description")),
        organization=text(job.get("companyName")) or None,
        posted_at=parse_datetime(job.get("pubDate")),
        deadline=parse_date(job.get("expiryDate")),
        remote=True,
        remote_countries=texts(job.get("locationRestrictions")),
        timezones=tuple(z for z in (_zone(o) for o in zones if o is not None) if z),
        employment_type=text(job.get("employmentType")) or None,
        type_hints=texts(job.get("seniority")),
        departments=texts(job.get("parentCategories")),
        tags=tuple(tag.replace("-", " ") for tag in texts(job.get("categories"))),
        pay=Pay(
            min=job.get("minSalary"),
            max=job.get("maxSalary"),
            currency=text(job.get("currency")) or None,
            interval=text(job.get("salaryPeriod")) or None,
        ),
        source_url=page,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ParseError("not a Himalayas answer: it has no 'jobs' list")
    jobs = [
        job
        for job in data["jobs"]
        if isinstance(job, dict) and (text(job.get("guid")) or text(job.get("applicationLink")))
    ]
    cursor = text(data.get("nextCursor"))
    next_url = None
    if cursor and jobs:
        # The cursor replaces the deprecated offset, which must not be sent with it.
        next_url = with_query(payload.url, cursor=cursor, offset=None)
    return Page([_record(job) for job in jobs], next_url)


ADAPTER = Adapter(kind="himalayas", parse=parse)

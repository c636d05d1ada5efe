"""Greenhouse Job Board API: ``/v1/boards/{token}/jobs?content=true`` (one page, whole board).

``content`` arrives HTML-escaped (``&lt;p&gt;``): it is unescaped once here and
sanitized with everything else. ``absolute_url`` may be the company's own careers page.
Pay needs one more request per job (``pay_transparency``), so it is not fetched here.
"""

from __future__ import annotations

import html
from typing import Any

from boardgen.errors import ParseError
from scrapers._base import Adapter, Page, Payload, Record
from scrapers._util import iso_date, iso_datetime, text


def _metadata(job: dict[str, Any], name: str) -> str | None:
    for item in job.get("metadata") or []:
        if isinstance(item, dict) and text(item.get("name")).lower() == name:
            value = item.get("value")
            return value.strip() if isinstance(value, str) and value.strip() else None
    return None


def _record(job: dict[str, Any]) -> Record:
    location = text((job.get("location") or {}).get("name"))
    offices = [text(o.get("name")) for o in job.get("offices") or [] if isinstance(o, dict)]
    return Record(
        native_id=str(job["id"]),
        title=text(job.get("title")),
        url=text(job.get("absolute_url")) or None,
        description_html=html.unescape(text(job.get("content"))),
        organization=text(job.get("company_name")) or None,
        posted_at=iso_datetime(job.get("first_published")) or iso_datetime(job.get("updated_at")),
        deadline=iso_date(job.get("application_deadline")),
        locations=(location,) if location else (),
        employment_type=_metadata(job, "employment type"),
        work_mode=_metadata(job, "location type"),
        departments=tuple(
            text(d.get("name"))
            for d in job.get("departments") or []
            if isinstance(d, dict) and text(d.get("name"))
        ),
        extra={
            "updated_at": job.get("updated_at"),
            "internal_job_id": job.get("internal_job_id"),
            "offices": [o for o in offices if o],
            "location_type": _metadata(job, "location type"),
        },
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        message = data.get("error") if isinstance(data, dict) else None
        raise ParseError(message or "not a Greenhouse board: the answer has no 'jobs' list")
    return Page([_record(job) for job in data["jobs"] if isinstance(job, dict)])


ADAPTER = Adapter(kind="greenhouse", parse=parse)

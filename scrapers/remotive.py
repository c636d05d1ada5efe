"""Remotive: ``https://remotive.com/api/remote-jobs`` (one page, every job remote).

Terms: at most a few requests a day, and a link back crediting Remotive: the job's
Remotive URL is both the apply link and the listing's source link. ``salary`` is free
text; ``publication_date`` is naive (UTC); ``candidate_required_location`` says where
applicants may live ("USA", "Americas, Europe", "Worldwide").
"""

from __future__ import annotations

from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Payload, Record
from scrapers._util import text, texts


def _record(job: dict[str, Any]) -> Record:
    url = text(job.get("url")) or None
    where = text(job.get("candidate_required_location"))
    return Record(
        native_id=str(job["id"]),
        title=text(job.get("title")),
        url=url,
        description_html=text(job.get("description")),
        organization=text(job.get("company_name")) or None,
        posted_at=parse_datetime(job.get("publication_date")),
        remote=True,
        remote_countries=tuple(part.strip() for part in where.split(",") if part.strip()),
        employment_type=text(job.get("job_type")) or None,
        departments=(text(job.get("category")),) if text(job.get("category")) else (),
        tags=texts(job.get("tags")),
        pay_text=text(job.get("salary")) or None,
        source_url=url,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ParseError("not a Remotive answer: it has no 'jobs' list")
    return Page([_record(j) for j in data["jobs"] if isinstance(j, dict) and j.get("id")])


ADAPTER = Adapter(kind="remotive", parse=parse)

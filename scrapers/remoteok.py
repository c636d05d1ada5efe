"""Remote OK: ``https://remoteok.com/api`` (one page, about 100 newest jobs).

Element 0 is the terms of use, not a job: link back to Remote OK with a followed link and
name it as the source, so the job's Remote OK page is kept as the source link. Most
descriptions are double-encoded UTF-8 (the mapping repairs them); ``location`` is often
empty or junk ("How, ": a lone word before an empty part is dropped); a 0 salary
means unknown, and salaries are yearly US dollars.
"""

from __future__ import annotations

from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Pay, Payload, Record
from scrapers._util import text, texts


def _record(job: dict[str, Any]) -> Record:
    page = text(job.get("url")) or None
    location = text(job.get("location"))
    if location.endswith(","):
        # "How, ", "Success, ": a word and an empty second part is Remote OK's junk shape.
        location = ""
    return Record(
        native_id=str(job["id"]),
        title=text(job.get("position")),
        url=text(job.get("apply_url")) or page,
        description_html=text(job.get("description")),
        organization=text(job.get("company")) or None,
        posted_at=parse_datetime(job.get("date")) or parse_datetime(job.get("epoch")),
        locations=(location,) if location else (),
        remote=True,
        tags=texts(job.get("tags")),
        pay=Pay(
            min=job.get("salary_min"), max=job.get("salary_max"), currency="USD", interval="year"
        ),
        source_url=page,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, list):
        raise ParseError("not a Remote OK answer: expected a list")
    # The legal notice ({"last_updated", "legal"}) has no id; every job has one.
    return Page([_record(j) for j in data if isinstance(j, dict) and j.get("id") is not None])


ADAPTER = Adapter(kind="remoteok", parse=parse)

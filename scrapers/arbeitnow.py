"""Arbeitnow: ``https://www.arbeitnow.com/api/job-board-api``, paged by ``links.next``.

Laravel-style paging: each page names the next in ``links.next`` (null on the last).
``?remote=true`` is echoed into those links but not applied, so ``remote`` is read per
job. Some descriptions arrive entity-escaped. ``job_types`` are free text, German or
English. ``created_at`` is in seconds.
The job's Arbeitnow page is the apply link and the link back the terms ask for.
"""

from __future__ import annotations

import html
from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Payload, Record
from scrapers._util import text, texts


def _description(job: dict[str, Any]) -> str:
    body = text(job.get("description"))
    if body.startswith("&lt;"):
        # Some descriptions arrive entity-escaped ("&lt;p&gt;"), like Greenhouse's, with
        # Arbeitnow's own footer appended as real HTML: unescape up to the first tag.
        cut = body.find("<")
        cut = len(body) if cut < 0 else cut
        return html.unescape(body[:cut]) + body[cut:]
    return body


def _record(job: dict[str, Any]) -> Record:
    url = text(job.get("url")) or None
    types = texts(job.get("job_types"))
    remote = job.get("remote")
    return Record(
        native_id=text(job.get("slug")),
        title=text(job.get("title")),
        url=url,
        description_html=_description(job),
        organization=text(job.get("company_name")) or None,
        posted_at=parse_datetime(job.get("created_at")),
        locations=(text(job.get("location")),) if text(job.get("location")) else (),
        remote=remote if isinstance(remote, bool) else None,
        employment_type=types[0] if types else None,
        type_hints=types[1:],
        tags=texts(job.get("tags")),
        source_url=url,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise ParseError("not an Arbeitnow answer: it has no 'data' list")
    jobs = [job for job in data["data"] if isinstance(job, dict) and text(job.get("slug"))]
    links = data.get("links")
    next_url = text(links.get("next")) if isinstance(links, dict) else ""
    return Page([_record(job) for job in jobs], next_url or None)


ADAPTER = Adapter(kind="arbeitnow", parse=parse)

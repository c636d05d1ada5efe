"""Lever Postings API: ``/v0/postings/{site}?mode=json``, paged with ``skip`` and ``limit``.

The engine asks for pages of :data:`PAGE_SIZE`; a full page means there may be more, so
the next page's URL moves ``skip`` on. An unknown site answers 404
``{"ok": false}`` (2015) or ``200 []`` (reported 2026): both end as no records.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from boardgen.errors import ParseError
from scrapers._base import Adapter, Page, Pay, Payload, Record
from scrapers._util import epoch_ms, text, text_to_html

PAGE_SIZE = 100


def _with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


def first_url(url: str) -> str:
    """``url`` with explicit ``skip``/``limit``, so every page says where it starts."""
    query = dict(parse_qsl(urlsplit(url).query))
    return _with_query(url, skip=query.get("skip", "0"), limit=query.get("limit", str(PAGE_SIZE)))


def _description(posting: dict[str, Any]) -> str:
    parts = [
        text(posting.get("description")) or text_to_html(text(posting.get("descriptionPlain")))
    ]
    for item in posting.get("lists") or []:
        if isinstance(item, dict):
            parts.append(f"<h3>{html.escape(text(item.get('text')))}</h3>")
            parts.append(f"<ul>{text(item.get('content'))}</ul>")
    parts.append(text(posting.get("additional")))
    return "\n".join(part for part in parts if part)


def _pay(posting: dict[str, Any]) -> Pay | None:
    salary = posting.get("salaryRange")
    if not isinstance(salary, dict):
        return None
    return Pay(
        min=salary.get("min"),
        max=salary.get("max"),
        currency=text(salary.get("currency")) or None,
        interval=text(salary.get("interval")) or None,
    )


def _record(posting: dict[str, Any]) -> Record:
    categories = posting.get("categories") or {}
    locations = [text(loc) for loc in categories.get("allLocations") or [] if text(loc)]
    if not locations and text(categories.get("location")):
        locations = [text(categories.get("location"))]
    return Record(
        native_id=str(posting["id"]),
        title=text(posting.get("text")),
        url=text(posting.get("applyUrl")) or text(posting.get("hostedUrl")) or None,
        description_html=_description(posting),
        posted_at=epoch_ms(posting.get("createdAt")),
        locations=tuple(locations),
        country=text(posting.get("country")) or None,
        work_mode=text(posting.get("workplaceType")) or None,
        employment_type=text(categories.get("commitment")) or None,
        departments=tuple(
            name for name in (text(categories.get(k)) for k in ("department", "team")) if name
        ),
        pay=_pay(posting),
        pay_text=text(posting.get("salaryDescriptionPlain")) or None,
        source_url=text(posting.get("hostedUrl")) or None,
        extra={
            "hosted_url": posting.get("hostedUrl"),
            "salary_range": posting.get("salaryRange"),
            "salary_description": posting.get("salaryDescriptionPlain"),
        },
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if isinstance(data, dict) and data.get("ok") is False:
        raise ParseError(f"Lever says: {text(data.get('error')) or 'not ok'}")
    if not isinstance(data, list):
        raise ParseError("not a Lever postings list (group= or another mode?)")
    records = [_record(p) for p in data if isinstance(p, dict)]
    query = dict(parse_qsl(urlsplit(payload.url).query))
    limit = int(query["limit"]) if query.get("limit", "").isdigit() else 0
    next_url = None
    if limit and len(data) >= limit:
        skip = int(query["skip"]) if query.get("skip", "").isdigit() else 0
        next_url = _with_query(payload.url, skip=str(skip + limit))
    return Page(records, next_url)


ADAPTER = Adapter(kind="lever", parse=parse, first_url=first_url)

"""Small pure helpers shared by adapters: dates and plain text in, typed values out.

They only read what is unambiguous (ISO 8601, epoch numbers); anything else becomes None
rather than a guess, and the normalizers can do better later.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def iso_datetime(value: Any) -> dt.datetime | None:
    """An ISO 8601 string as an aware datetime (naive ones are taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace(" UTC", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def iso_date(value: Any) -> dt.date | None:
    """A date from an ISO date or datetime string."""
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    parsed = iso_datetime(value)
    return parsed.date() if parsed else None


def epoch_ms(value: Any) -> dt.datetime | None:
    """Milliseconds since 1970 (Lever's ``createdAt``) as an aware datetime."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(value / 1000, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def struct_time(value: Any) -> dt.datetime | None:
    """feedparser's ``*_parsed`` (a UTC ``time.struct_time``) as an aware datetime."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return dt.datetime(*value[:6], tzinfo=dt.UTC)
    except ValueError:
        return None


def text(value: Any) -> str:
    """A string field, or "" for null and non-strings."""
    return value.strip() if isinstance(value, str) else ""


def text_to_html(value: str) -> str:
    """Plain text as HTML paragraphs (for sources that only give text)."""
    paragraphs = [part.strip() for part in value.split("\n\n") if part.strip()]
    return "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs)


def texts(values: Any) -> tuple[str, ...]:
    """The non-empty strings of a list (anything else in it is skipped)."""
    if not isinstance(values, list):
        return ()
    return tuple(item for item in (text(value) for value in values) if item)


def with_query(url: str, **params: str | None) -> str:
    """``url`` with query parameters set (others kept, in order); None removes one."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    for key, value in params.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def query_param(url: str, name: str) -> str | None:
    return dict(parse_qsl(urlsplit(url).query)).get(name)

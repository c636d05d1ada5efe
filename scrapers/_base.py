"""The adapter contract: what the engine hands an adapter and what it gets back (pure).

An adapter sees one response at a time as a :class:`Payload` (bytes, headers, the URL
that was finally fetched) and returns a :class:`Page`: the records it found and, for
paged APIs, the URL of the next page. The engine owns every socket, so an adapter is
a plain function that tests can call on fixture bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from boardgen.errors import ParseError


@dataclass(frozen=True)
class Payload:
    """One HTTP response body as an adapter sees it."""

    body: bytes
    headers: Mapping[str, str]
    url: str

    def json(self) -> Any:
        """The body as JSON, or :class:`ParseError` in words an operator understands."""
        try:
            return json.loads(self.body)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ParseError(f"the response is not JSON ({exc})") from None


@dataclass(frozen=True)
class Place:
    """A structured location, when the source gives one (country as ISO 3166 alpha-2)."""

    city: str | None = None
    region: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Record:
    """One posting as the source describes it, before it becomes a ``Listing``.

    Fields are deliberately close to the source: free-text locations, the raw
    employment type, the HTML description as given. Turning them into schema values
    (pay, effort, type) is the normalizer's job, so adapters stay simple to check.
    """

    native_id: str
    title: str
    url: str | None
    description_html: str = ""
    organization: str | None = None
    posted_at: dt.datetime | None = None
    deadline: dt.date | None = None
    #: Free-text locations as the source writes them ("San Francisco, CA").
    locations: tuple[str, ...] = ()
    #: Structured locations; when present they are used instead of ``locations``.
    places: tuple[Place, ...] = ()
    country: str | None = None
    work_mode: str | None = None
    employment_type: str | None = None
    departments: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: Source fields kept for richer normalizers (pay text, salary ranges, ...).
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """What one response held, and where the next page is (None when this was the last)."""

    records: list[Record]
    next_url: str | None = None


Parse = Callable[[Payload], Page]


def _unchanged(url: str) -> str:
    return url


@dataclass(frozen=True)
class Adapter:
    """A source kind: ``parse`` reads one response; ``first_url`` adds paging parameters."""

    kind: str
    parse: Parse
    first_url: Callable[[str], str] = _unchanged
    #: The Accept header the engine sends (APIs that negotiate on it care).
    accept: str = "application/json"

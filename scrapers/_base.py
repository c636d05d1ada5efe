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
class Pay:
    """Structured pay exactly as the source states it; the mapping normalizes it.

    Amounts may be numbers or numeric strings (Recruitee sends ``"3750"``); ``interval``
    is the source's own word (``per-hour-wage``, ``1 MONTH``, ``HOURLY``, ``Per Year``),
    and ``kind`` its word for the kind of pay, if any (Ashby's ``compensationType``).
    """

    min: float | str | None = None
    max: float | str | None = None
    currency: str | None = None
    interval: str | None = None
    kind: str | None = None


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
    #: More type words the source gives (Arbeitnow's ``job_types``, Personio's seniority,
    #: USAJOBS offering types); tried after ``employment_type``.
    type_hints: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: The source's explicit workplace flags (None when it does not say).
    remote: bool | None = None
    hybrid: bool | None = None
    onsite: bool | None = None
    #: Where remote applicants may live (country names or codes) and time zones to overlap.
    remote_countries: tuple[str, ...] = ()
    timezones: tuple[str, ...] = ()
    #: Structured pay, and/or the source's pay text ("$18 - $22/hr").
    pay: Pay | None = None
    pay_text: str | None = None
    #: Weekly hours the source states (Recruitee's ``min/max_hours_per_week``).
    hours_per_week: tuple[float | None, float | None] | None = None
    #: The source's own page for the posting, when it is not the apply link: aggregators
    #: that require a link back (Remotive, Remote OK, Himalayas, Arbeitnow) get it here.
    source_url: str | None = None
    #: Source fields kept for richer normalizers (pay text, salary ranges, ...).
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """What one response held, and where the next page is (None when this was the last)."""

    records: list[Record]
    next_url: str | None = None
    #: Detail documents to fetch as well (SmartRecruiters' list has no description or apply
    #: link). The engine GETs each URL and passes it to ``parse`` like any page; a record
    #: found there replaces the list's record with the same ``native_id``. A detail that
    #: fails keeps the list's record. Follow-ups of a follow-up are ignored.
    follow: tuple[str, ...] = ()


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
    #: Extra request headers built from the environment (API keys: USAJOBS). The engine
    #: passes ``os.environ``; the function raises :class:`~boardgen.errors.CredentialsError`
    #: when a required variable is missing. Keys never come from files.
    headers: Callable[[Mapping[str, str]], Mapping[str, str]] | None = None

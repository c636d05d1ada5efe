"""Records to listings: the plain, swappable mapping from an adapter's record to a ``Listing``.

Deliberately simple (pure): every description is sanitized, ids are made stable, and
only what a source states outright is used (its work mode, its country, its deadline);
the source's ``defaults`` fill the rest. Pay, effort, opportunity type and location
parsing belong to the normalizers (a separate module), which can replace
:func:`to_listing` wholesale: nothing else in the engine depends on how it maps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from pydantic import ValidationError

from boardgen import sanitize
from boardgen.schema import (
    Eligibility,
    Listing,
    Location,
    OpportunityType,
    Source,
    SourceRef,
    WorkMode,
)
from scrapers import Place, Record

__all__ = ["listing_id", "to_listing"]

_MAX_ID = 80
_WORK_MODES = {
    "remote": WorkMode.REMOTE,
    "hybrid": WorkMode.HYBRID,
    "onsite": WorkMode.ONSITE,
    "on-site": WorkMode.ONSITE,
}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def listing_id(source_id: str, native_id: str) -> str:
    """A listing id stable across runs: the source id plus the source's own id.

    Long or non-ASCII native ids (feed GUIDs are often whole URLs) become a short hash,
    so the id still fits the schema's 80 characters and never changes between runs.
    """
    base = slugify(native_id)
    candidate = f"{source_id}-{base}"
    if base and len(candidate) <= _MAX_ID:
        return candidate
    digest = hashlib.sha256(native_id.encode()).hexdigest()[:16]
    return f"{source_id[: _MAX_ID - 17].rstrip('-')}-{digest}"


def _location(text: str, country: str | None) -> Location | None:
    # Only "City, Region" is split; anything else stays whole in city for the
    # normalizers to parse, rather than guessing here.
    parts = [part.strip() for part in text.split(",") if part.strip()]
    code = country.upper() if country and re.fullmatch(r"[A-Za-z]{2}", country) else None
    if not parts:
        return Location(country=code) if code else None
    if len(parts) == 2:
        return Location(city=parts[0][:120], region=parts[1][:120], country=code)
    return Location(city=text.strip()[:120], country=code)


def _place(place: Place) -> Location | None:
    country = place.country.upper() if place.country else None
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        country = None
    city = place.city[:120] if place.city else None
    region = place.region[:120] if place.region else None
    if not (city or region or country):
        return None
    return Location(city=city, region=region, country=country)


def _opportunity_type(record: Record, source: Source) -> OpportunityType:
    if source.defaults.opportunity_type is not None:
        return source.defaults.opportunity_type
    # A placeholder until the type normalizer lands: the word is all we look at.
    words = f"{record.employment_type or ''} {record.title}".lower()
    return OpportunityType.INTERNSHIP if "intern" in words else OpportunityType.OTHER


def to_listing(record: Record, source: Source, *, seen_at: dt.datetime) -> Listing:
    """Map one record; raise ``ValueError`` (pydantic's included) when it cannot be listed."""
    if not record.url:
        raise ValueError("it has no link to apply at")
    description = sanitize.clean_html(record.description_html)
    locations = [loc for place in record.places if (loc := _place(place)) is not None]
    if not locations:
        locations = [
            loc for text in record.locations if (loc := _location(text, record.country)) is not None
        ]
    if not locations and record.country:
        locations = [loc for loc in [_location("", record.country)] if loc is not None]
    if not locations:
        locations = list(source.defaults.locations)
    mode = _WORK_MODES.get((record.work_mode or "").lower()) or source.defaults.work_mode
    mode = mode or WorkMode.UNKNOWN
    if mode in (WorkMode.ONSITE, WorkMode.HYBRID) and not locations:
        # The schema needs a place for on-site work; without one, say we do not know.
        mode = WorkMode.UNKNOWN
    skills = [tag.strip()[:60] for tag in record.tags if tag.strip()][:30]
    try:
        return Listing(
            id=listing_id(source.id, record.native_id),
            title=" ".join(record.title.split())[:200],
            organization=(record.organization or source.name or source.id)[:120],
            apply_url=record.url,
            opportunity_type=_opportunity_type(record, source),
            categories=list(source.defaults.categories),
            skills=skills,
            work_mode=mode,
            locations=locations,
            deadline=record.deadline,
            eligibility=source.defaults.eligibility or Eligibility(),
            description=description,
            summary=sanitize.summarize(sanitize.html_to_text(description)),
            posted_at=record.posted_at.date() if record.posted_at else None,
            sources=[
                SourceRef(
                    id=source.id, kind=source.kind, native_id=record.native_id, url=record.url
                )
            ],
            first_seen=seen_at,
            last_seen=seen_at,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from None

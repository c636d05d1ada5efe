"""Records to listings: an adapter's record through the normalizers into a ``Listing`` (pure).

Every description is repaired (double-encoded UTF-8) and sanitized; then each schema
field is taken from the most specific evidence the source gives:

* **type**: :func:`~boardgen.normalize.classify_type` over the title, the source's type
  fields and the description; a source's ``defaults.opportunity_type`` stands in for the
  type field when the record has none;
* **pay**: the source's structured pay, else its pay text, else the first sentence of the
  description that states an amount as pay (a pay word right before it, or a period
  after it) and is not about a benefit: a whole description holds other sums ("$200B in
  annualized spend", "fertility HRA up to $10,000 per year", "growth budget of €1,500");
* **effort**: weekly hours the source states, else from the title and description;
  a total duration only for internship-like types (a job's "6 months probation" is not
  the length of the work), and never from "N years of experience";
* **place**: structured places, else the location texts, then the work mode from the
  source's workplace field, its flags, the location text and the description; remote
  eligibility (countries, time zones) from the source's restrictions and the location text.

Nothing else in the engine depends on how it maps: :func:`to_listing` is the whole API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from pydantic import ValidationError

from boardgen.model import (
    Compensation,
    Duration,
    Eligibility,
    HoursPerWeek,
    Listing,
    Location,
    OpportunityType,
    RemoteEligibility,
    Source,
    SourceRef,
    WorkMode,
)
from boardgen.normalize import (
    classify_type,
    country_code,
    infer_work_mode,
    parse_effort,
    parse_locations,
    parse_pay,
    pay_from_fields,
    repair_mojibake,
    sanitize,
)
from scrapers import Place, Record

__all__ = ["listing_id", "to_listing"]

_MAX_ID = 80
#: Types whose postings have a length worth stating (a job's "6 months" is probation).
_SPANNED = frozenset(OpportunityType) - {OpportunityType.OTHER, OpportunityType.PART_TIME}
_MONEY = r"(?:[$€£₹]|\b(?:USD|EUR|GBP|CAD|AUD|INR)\b)\s?\d"
#: A description sentence is read for pay only when an amount sits right after a pay word
#: ("salary range is $60,000 - $97,000") or carries a pay period ("$18 an hour"); and not
#: when it is about a benefit or the company ("growth budget of €1,500", "$200B in spend").
_PAY_SENTENCE = re.compile(
    r"\b(?:pay|paid|salary|compensation|wages?|stipend|hourly rate|pay rate)\b[^.!?\n]{0,60}?"
    + _MONEY
    + r"|"
    + _MONEY
    + r"[\d,.]*\s?[kK]?(?:\s*(?:-|–|to)\s*[$€£₹]?\s?\d[\d,.]*\s?[kK]?)?\s*"
    r"(?:/\s*(?:hr|hour|h|yr|year|month|mo)\b|per (?:hour|year|month|annum)\b|an hour\b|"
    r"a year\b|hourly\b|annually\b)",
    re.I,
)
_NOT_PAY = re.compile(
    r"\b(?:budget|bonus(?:es)?|401\(?k|hra|reimburse\w*|insurance|raised|funding|revenue|"
    r"spend|valuation|fertility|relocation|equity|stock|allowance|investors?|customers?)\b",
    re.I,
)
#: Block boundaries of the sanitized description: sentences never run across them.
_BLOCK = re.compile(r"</?(?:p|li|br|div|h[1-6]|ul|ol|tr|td|th|blockquote)\b[^>]*>", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
#: "3+ years of experience", "experience of 2 years": requirements, not the work's length.
_EXPERIENCE = re.compile(
    r"\d+\s*\+?\s*(?:(?:-|–|to)\s*\d+\s*)?(?:years?|yrs?|months?)\b[^.;\n]{0,40}?"
    r"\b(?:experience|expérience|erfahrung)|\b(?:experience|erfahrung)[^.;\n]{0,30}?"
    r"\d+\s*\+?\s*(?:years?|yrs?|jahre?)\b",
    re.I,
)
#: Description words that place the work on site ("in person" alone is too loose).
_ONSITE_TEXT = re.compile(
    r"\b(?:on[- ]?site|in[- ]office)\b|\bnot (?:a )?remote\b|\bmust (?:be able to )?"
    r"(?:commute|relocate)\b|\bno remote\b",
    re.I,
)
_MAX_TEXT = 20_000


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


def _code(country: str | None) -> str | None:
    """An ISO alpha-2 code from a code or a country name ("USA", "Germany", "jp")."""
    if not country or not country.strip():
        return None
    return country_code(country)


def _short(value: str | None) -> str | None:
    text = " ".join((value or "").split()).strip(" ,")
    return text[:120] or None


def _place(place: Place) -> Location | None:
    city, region, country = _short(place.city), _short(place.region), _code(place.country)
    if not (city or region or country):
        return None
    return Location(city=city, region=region, country=country)


def _locations(record: Record, fallback: list[Location]) -> tuple[list[Location], list[str]]:
    """The record's places, and the countries its location texts open remote work to."""
    info = parse_locations([repair_mojibake(text) for text in record.locations])
    places = [loc for place in record.places if (loc := _place(place)) is not None]
    locations = places or list(info.locations)
    country = _code(record.country)
    if country:
        # A source-wide country (Lever's ``country``) fills the parsed places' gap.
        locations = [
            loc if loc.country else loc.model_copy(update={"country": country}) for loc in locations
        ] or [Location(country=country)]
    if any(loc.country for loc in locations):
        # "SF, NYC, SEA, CHI": keep the places that were read, not the unread fragments.
        locations = [loc for loc in locations if loc.country or loc.region]
    unique: dict[tuple[str | None, ...], Location] = {}
    for loc in locations:
        unique.setdefault((loc.city, loc.region, loc.country), loc)
    return list(unique.values()) or list(fallback), list(info.remote_countries)


def _work_mode(record: Record, text: str, source: Source) -> WorkMode:
    clues = {
        "field": record.work_mode,
        "remote": record.remote,
        "hybrid": record.hybrid,
        "onsite": record.onsite,
        "location_text": " / ".join(record.locations),
    }
    without_text = infer_work_mode(**clues)  # type: ignore[arg-type]
    mode = infer_work_mode(**clues, text=text)  # type: ignore[arg-type]
    if mode is WorkMode.ONSITE and mode != without_text and not _ONSITE_TEXT.search(text):
        # The description decided it, on loose words: "communicate in person, by email
        # and by phone" is not a workplace.
        mode = without_text
    if mode is WorkMode.UNKNOWN and source.defaults.work_mode is not None:
        return source.defaults.work_mode
    return mode


def _remote(record: Record, mode: WorkMode, from_text: list[str]) -> RemoteEligibility | None:
    if mode not in (WorkMode.REMOTE, WorkMode.HYBRID):
        return None
    codes = [code for name in record.remote_countries if (code := _code(name))]
    codes = list(dict.fromkeys(codes + from_text))
    zones = list(dict.fromkeys(z.strip()[:40] for z in record.timezones if z.strip()))
    if not (codes or zones):
        return None
    return RemoteEligibility(countries=codes, timezones=zones)


def _pay(record: Record, description: str) -> Compensation | None:
    if record.pay is not None:
        pay = record.pay
        found = pay_from_fields(pay.min, pay.max, pay.currency, pay.interval, kind_hint=pay.kind)
        if found is not None:
            return found
    if record.pay_text:
        found = parse_pay(repair_mojibake(record.pay_text))
        if found is not None:
            return found
    for block in _BLOCK.split(description[: _MAX_TEXT * 2]):
        if not re.search(r"\d", block):
            continue
        for sentence in _SENTENCE.split(sanitize.html_to_text(block)):
            if _PAY_SENTENCE.search(sentence) and not _NOT_PAY.search(sentence):
                found = parse_pay(sentence)
                if found is not None and (found.min is not None or found.max is not None):
                    return found
    return None


def _hours_per_week(record: Record) -> HoursPerWeek | None:
    if record.hours_per_week is None:
        return None
    low, high = record.hours_per_week
    low = low if low is not None and 0 < low <= 80 else None
    high = high if high is not None and 0 < high <= 80 else None
    if low is None:
        low, high = high, None
    if low is None or (high is not None and high < low):
        return None
    return HoursPerWeek(min=low, max=high if high is not None else low)


#: Characters re.I matches to an ASCII letter that str.lower() does not turn into it.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _may_name_experience(text: str) -> bool:
    """False only when _EXPERIENCE cannot match: every branch needs one of these words.

    Most descriptions never say them, and the pattern's scan over up to 20,000
    characters was a sixth of the effort reading on short ones.
    """
    low = text.lower()
    if "experience" in low or "expérience" in low or "erfahrung" in low:
        return True
    return not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text)


def _effort(
    record: Record, title: str, text: str, kind: OpportunityType
) -> tuple[Duration | None, HoursPerWeek | None]:
    words = f"{title}. {text[:_MAX_TEXT]}"
    if _may_name_experience(words):
        words = _EXPERIENCE.sub(" ", words)
    effort = parse_effort(words)
    weekly = _hours_per_week(record) or effort.hours_per_week
    return (effort.duration if kind in _SPANNED else None), weekly


def _opportunity_type(record: Record, source: Source, title: str, text: str) -> OpportunityType:
    fields: list[str] = [t for t in (record.employment_type, *record.type_hints) if t]
    if not fields and source.defaults.opportunity_type is not None:
        fields = [source.defaults.opportunity_type.value]
    return classify_type(type_field=fields, title=title, text=text)


def to_listing(record: Record, source: Source, *, seen_at: dt.datetime) -> Listing:
    """Map one record; raise ``ValueError`` (pydantic's included) when it cannot be listed."""
    if not record.url:
        raise ValueError("it has no link to apply at")
    title = " ".join(repair_mojibake(record.title).split())[:200]
    description = sanitize.clean_html(repair_mojibake(record.description_html))
    text = sanitize.html_to_text(description)
    locations, remote_from_text = _locations(record, list(source.defaults.locations))
    mode = _work_mode(record, text, source)
    if mode in (WorkMode.ONSITE, WorkMode.HYBRID) and not locations:
        # The schema needs a place for on-site work; without one, say we do not know.
        mode = WorkMode.UNKNOWN
    kind = _opportunity_type(record, source, title, text)
    duration, weekly = _effort(record, title, text, kind)
    skills = list(dict.fromkeys(tag.strip()[:60] for tag in record.tags if tag.strip()))[:30]
    organization = repair_mojibake(record.organization or "").strip()
    try:
        return Listing(
            id=listing_id(source.id, record.native_id),
            title=title,
            organization=(organization or source.name or source.id)[:120],
            apply_url=record.url,
            opportunity_type=kind,
            categories=list(source.defaults.categories),
            skills=skills,
            work_mode=mode,
            locations=locations,
            remote=_remote(record, mode, remote_from_text),
            duration=duration,
            hours_per_week=weekly,
            compensation=_pay(record, description),
            deadline=record.deadline,
            eligibility=source.defaults.eligibility or Eligibility(),
            description=description,
            summary=sanitize.summarize(text),
            posted_at=record.posted_at.date() if record.posted_at else None,
            sources=[
                SourceRef(
                    id=source.id,
                    kind=source.kind,
                    native_id=record.native_id,
                    url=record.source_url or record.url,
                )
            ],
            first_seen=seen_at,
            last_seen=seen_at,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from None

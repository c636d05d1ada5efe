"""Free-text locations into :class:`Location` values plus remote eligibility (pure).

Sources write places every way: ``Atlanta, Georgia``, ``New York, NY (HQ)``, ``Remote (US)``,
``US---Gaithersburg---MD``, ``Berlin, Berlin, Germany``, ``Americas, Europe`` or junk such as
``How, ``. We keep what we can read with confidence and drop the rest: a missing country is
better than a wrong one on a board filtered by country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from boardgen.model import Location
from boardgen.normalize.places import (
    CA_PROVINCE_BY_NAME,
    CITY_BY_NAME,
    COUNTRY_BY_NAME,
    US_STATE_BY_NAME,
    fold,
)

_REMOTE = re.compile(
    r"\b(remote|anywhere|worldwide|work from home|wfh|telecommute|virtual|distributed)\b", re.I
)
_HYBRID = re.compile(r"\bhybrid\b", re.I)
_ONSITE = re.compile(r"\b(on[- ]?site|in[- ]office|in[- ]person)\b", re.I)
#: Words that describe a place without naming one.
_NOISE = re.compile(
    r"\b(hq|headquarters|office|offices|remote|hybrid|on[- ]?site|onsite|in[- ]office|"
    r"in[- ]person|only|based|first|friendly|ok|global|globally|worldwide|anywhere|"
    r"work from home|wfh|telecommute|virtual|distributed|region|area|greater|metro|"
    r"timezones?|time zones?|and|or|the|within|from|in)\b",
    re.I,
)
_SEGMENT_SPLIT = re.compile(r"\s*(?:[;/|•+]|\n|\s-{2,}\s*|-{3}|\s[–—-]\s|\bor\b)\s*", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
#: Regions wider than a country: they restrict remote work but are not a place to put a pin.
_WIDE = re.compile(
    r"^(americas|north(ern)? america|south america|latin america|latam|europe|european|eu|"
    r"emea|apac|asia|asia pacific|africa|oceania|middle east|mena|sea|nordics|dach|benelux|"
    r"cet|est|pst|utc|gmt|us timezones?|european timezones?)$",
    re.I,
)
#: Workday writes "US - Gaithersburg - MD" (country, city, state) and hyphenates it.
_WORKDAY = re.compile(r"^([A-Z]{2,3})\s*-{1,3}\s*([^-]+?)\s*-{1,3}\s*([A-Z]{2})$")
_MAX_INPUT = 500


@dataclass(frozen=True)
class PlaceInfo:
    """What a location text says: physical places, and whether and where remote work is open."""

    locations: tuple[Location, ...] = ()
    remote: bool = False
    hybrid: bool = False
    onsite: bool = False
    remote_countries: tuple[str, ...] = field(default=())


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name or code (``Deutschland`` -> ``DE``)."""
    return COUNTRY_BY_NAME.get(fold(name.strip(" ,()")))


def parse_locations(value: str | Iterable[str] | None) -> PlaceInfo:
    """Parse one location text or a list of them; never raises, unknown parts are dropped."""
    if value is None:
        return PlaceInfo()
    texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
    return _parse_texts(tuple(text[:_MAX_INPUT] for text in texts))


# A source repeats a few location texts over all its postings, and the mapping reads each
# record's texts twice (places, then work mode): the answer is pure, so it is cached.
# PlaceInfo is frozen and nothing mutates a Location, so sharing the result is safe.
@functools.lru_cache(maxsize=4096)
def _parse_texts(texts: tuple[str, ...]) -> PlaceInfo:
    locations: list[Location] = []
    remote_countries: list[str] = []
    remote = hybrid = onsite = False
    for text in texts:
        remote |= bool(_REMOTE.search(text)) and not re.search(r"\bno(t|n)?[- ]remote", text, re.I)
        hybrid |= bool(_HYBRID.search(text))
        onsite |= bool(_ONSITE.search(text))
        workday = _WORKDAY.fullmatch(text.strip())
        if workday:
            text = f"{workday.group(2)}, {workday.group(3)}, {workday.group(1)}"
        for segment, in_parens in _segments(text):
            places, countries = _parse_segment(segment)
            if in_parens:
                places = []
            if _REMOTE.search(segment) and not places:
                remote_countries.extend(countries)
            elif countries and not places:
                # A bare list of countries: where remote applicants may be, or offices.
                if remote or _REMOTE.search(text):
                    remote_countries.extend(countries)
                else:
                    places = [Location(country=c) for c in countries]
            locations.extend(places)
    return PlaceInfo(
        locations=tuple(_unique(locations)),
        remote=remote,
        hybrid=hybrid,
        onsite=onsite,
        remote_countries=tuple(dict.fromkeys(remote_countries)),
    )


def parse_location(text: str) -> Location | None:
    """The first physical place named in ``text``, or ``None``."""
    info = parse_locations(text)
    return info.locations[0] if info.locations else None


def _segments(text: str) -> list[tuple[str, bool]]:
    """Segments of the text, each marked True when it came from inside parentheses.

    Parentheses hold asides ("Remote (Canada)", "New York, NY (HQ)", "Toronto (eh)"): we
    read countries from them but never a city.
    """
    inner = [(m.group(1), True) for m in _PAREN.finditer(text)]
    outer = [(part, False) for part in _SEGMENT_SPLIT.split(_PAREN.sub(" ", text))]
    out = [(part.strip(" ,."), nested) for part, nested in [*outer, *inner] if part]
    return [(part, nested) for part, nested in out if part]


def _parse_segment(segment: str) -> tuple[list[Location], list[str]]:
    """Places and countries in one segment such as ``Paris, France`` or ``UK, France``."""
    remote_words = bool(_REMOTE.search(segment))
    cleaned = _NOISE.sub(" ", segment)
    parts = [p.strip(" .-") for p in cleaned.split(",")]
    parts = [" ".join(p.split()) for p in parts if p.strip(" .-")]
    parts = [p for p in parts if not _WIDE.match(p)]
    if not parts:
        return [], []
    if len(parts) == 1 and _is_state(parts[0]) and not remote_words:
        return [_state_location(parts[0])], []
    countries = [country_code(p) for p in parts]
    if all(countries):
        return [], list(dict.fromkeys(c for c in countries if c))
    if remote_words and len(parts) == 1:
        # "Remote Europe" or junk after "remote": no physical place in either case.
        return [], []
    if len(parts) >= 3 and countries[-1] is None and not _is_state(parts[-1]):
        # "San Francisco, Los Angeles, Chicago": a list of cities, not city/region/country.
        cities = [_place([p]) for p in parts]
        return [c for c in cities if c], []
    place = _place(parts)
    return ([place] if place else []), []


def _place(parts: list[str]) -> Location | None:
    city = parts[0]
    rest = parts[1:]
    country: str | None = None
    region: str | None = None
    if rest:
        last = rest[-1]
        country = country_code(last) if len(rest) > 1 or not _is_state(last) else None
        if country and len(rest) > 1:
            region = rest[0]
        elif country is None:
            region, country = _region(last, city)
    known = CITY_BY_NAME.get(fold(city))
    if known and (country in (None, known[2])):
        _, known_region, known_country = known
        region = region or known_region
        country = country or known_country
    if not re.search(r"[^\W\d_]", city) or len(city) > 60:
        return None
    if region is not None and (len(region) > 60 or fold(region) == fold(city)):
        region = None
    return Location(city=city, region=region, country=country)


def _region(text: str, city: str) -> tuple[str | None, str | None]:
    key = fold(text)
    known = CITY_BY_NAME.get(fold(city))
    if known and known[1] is None and country_code(text) == known[2]:
        return None, known[2]
    if key in US_STATE_BY_NAME:
        return US_STATE_BY_NAME[key], "US"
    if key in CA_PROVINCE_BY_NAME:
        return CA_PROVINCE_BY_NAME[key], "CA"
    if len(text) <= 60 and re.search(r"[^\W\d_]", text):
        return text, None
    return None, None


def _is_state(text: str) -> bool:
    return fold(text) in US_STATE_BY_NAME or fold(text) in CA_PROVINCE_BY_NAME


def _state_location(text: str) -> Location:
    key = fold(text)
    if key in US_STATE_BY_NAME:
        return Location(region=US_STATE_BY_NAME[key], country="US")
    return Location(region=CA_PROVINCE_BY_NAME[key], country="CA")


def _unique(locations: list[Location]) -> list[Location]:
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out: list[Location] = []
    for loc in locations:
        key = (loc.city and fold(loc.city), loc.region, loc.country)
        if key not in seen:
            seen.add(key)
            out.append(loc)
    return out

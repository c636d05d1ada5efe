"""Finding one posting listed twice, within a source and across sources (pure).

Within a source the source's own identity decides (native id, GUID, canonical link, and
a content hash for feeds that re-issue ids). Across sources: the same canonical apply link
is the same posting; otherwise a fuzzy match of organization, title and location. A fuzzy
match we are not sure of is returned for review, never merged: two real internships wrongly
merged cost a student an application, a duplicate only costs a scroll.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from boardgen.curate.urls import canonical_url
from boardgen.model import Listing, Location, SourceRef
from boardgen.normalize.places import CITY_BY_NAME, COUNTRY_BY_NAME, fold
from boardgen.normalize.text import fold_text

Verdict = Literal["same", "review", "different"]

#: Thresholds on rapidfuzz scores (0-100), chosen on the labelled pairs' training half.
SAME_TITLE = 93.0
REVIEW_TITLE = 80.0
SAME_ORG = 90.0

_ORG_SUFFIX = re.compile(
    r"\b(inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|"
    r"bv|b\.v|plc|pty|srl|oy|ab|as|holdings|group|technologies|technology|labs|the)\b\.?|"
    r"\(yc [sw]\d+\)|\.(ai|io|com|co)\b",
    re.I,
)
_GENDER = re.compile(
    r"\((?:[mfwdx]\s*/\s*){1,3}[mfwdx]\)|\b(?:all genders|m/w/d|f/m/d|m/f/d)\b", re.I
)
_TITLE_WORDS = [
    (re.compile(r"\binternship\b|\bintern\b|\binterns\b", re.I), "intern"),
    (re.compile(r"\bsr\b\.?", re.I), "senior"),
    (re.compile(r"\bjr\b\.?", re.I), "junior"),
    (re.compile(r"\bswe\b", re.I), "software engineer"),
    (re.compile(r"\b&\b|\band\b", re.I), " "),
]
_NUMBERS = re.compile(r"\b\d+\b")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_GENERIC_PATHS = re.compile(r"^/?(?:|careers?|jobs?|apply|join|join-us|work-with-us)/?$", re.I)


@dataclass(frozen=True)
class Match:
    """How two listings compare: ``same`` (merge), ``review`` (ask a human) or ``different``."""

    verdict: Verdict
    score: float
    reason: str


@dataclass(frozen=True)
class ReviewPair:
    """Two listings that may be one posting: shown to a curator, not merged."""

    first: str
    second: str
    score: float
    reason: str


@dataclass(frozen=True)
class DedupeResult:
    listings: list[Listing]
    #: (kept id, merged-away id, why)
    merged: list[tuple[str, str, str]]
    review: list[ReviewPair]


# --- keys and normal forms -----------------------------------------------------------------


def normalize_org(name: str) -> str:
    """An organization name without legal suffixes, punctuation or case."""
    text = _ORG_SUFFIX.sub(" ", name.lower())
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def normalize_title(title: str, places: Sequence[Location] = ()) -> str:
    """A title without gender markers, punctuation, spelling variants or its own places.

    Boards append the place ("- Berlin, Germany", "(Remote)") to titles that the ATS keeps
    bare; words naming the listing's own locations are dropped so both compare equal.
    """
    text = _GENDER.sub(" ", fold_text(title))
    for pattern, replacement in _TITLE_WORDS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", "", text)  # front-end, co-op
    text = re.sub(r"[^\w\s]", " ", text)
    words = [_ROMAN.get(word, word) for word in text.split()]
    drop = {"remote", "hybrid", "onsite"}
    for place in places:
        for part in (place.city, place.region, place.country):
            if part:
                drop.update(fold_text(part).split())
        if place.country:
            for name, code in COUNTRY_BY_NAME.items():
                if code == place.country:
                    drop.update(name.split())
    kept = [word for word in words if word not in drop]
    return " ".join(kept or words)


def content_hash(listing: Listing) -> str:
    """A hash of what a reader sees (organization, title, description text)."""
    text = "\x1f".join(
        [
            normalize_org(listing.organization.name),
            normalize_title(listing.title),
            " ".join(re.sub(r"<[^>]+>", " ", listing.description).lower().split()),
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _specific_url(url: str | None) -> str | None:
    """The canonical URL, unless it is a generic careers page shared by many postings."""
    canonical = canonical_url(url)
    if canonical is None:
        return None
    path = canonical.split("/", 3)[3] if canonical.count("/") >= 3 else ""
    path = path.split("?", 1)[0]
    if _GENERIC_PATHS.match("/" + path) and "?" not in canonical:
        return None
    return canonical


def identity_keys(listing: Listing) -> set[str]:
    """Keys that identify a listing within its source."""
    keys = {f"hash:{content_hash(listing)}"}
    for ref in listing.sources:
        if ref.native_id:
            keys.add(f"id:{ref.id}:{ref.native_id}")
        if ref.url and (url := _specific_url(ref.url)):
            keys.add(f"url:{url}")
    if url := _specific_url(listing.apply_url):
        keys.add(f"url:{url}")
    return keys


# --- comparing two listings ----------------------------------------------------------------


def compare(a: Listing, b: Listing) -> Match:
    """Compare two listings from different sources (or the same one)."""
    url_a, url_b = _specific_url(a.apply_url), _specific_url(b.apply_url)
    if url_a and url_a == url_b:
        return Match("same", 100.0, "same apply link")
    org_a, org_b = normalize_org(a.organization.name), normalize_org(b.organization.name)
    org_score = fuzz.token_set_ratio(org_a, org_b) if org_a and org_b else 0.0
    if org_score < SAME_ORG:
        return Match("different", org_score, "different organization")
    title_a = normalize_title(a.title, [*a.locations, *b.locations])
    title_b = normalize_title(b.title, [*a.locations, *b.locations])
    title_score = fuzz.token_sort_ratio(title_a, title_b)
    loose = fuzz.token_set_ratio(title_a, title_b)
    host_a, host_b = _host(url_a), _host(url_b)
    if url_a and url_b and host_a == host_b and title_score >= REVIEW_TITLE:
        # One board lists them under two addresses: it considers them two postings.
        return Match("review", title_score, "similar titles with different links on one board")
    places = _places_agree(a, b)
    if places is False:
        if title_score >= SAME_TITLE:
            return Match("review", title_score, "same title, different location")
        return Match("different", title_score, "different location")
    if _NUMBERS.findall(title_a) != _NUMBERS.findall(title_b) and loose < 100:
        # "Intern 1" and "Intern 2", "Summer 2026" and "Summer 2027": different postings.
        if title_score >= REVIEW_TITLE:
            return Match("review", title_score, "titles differ in a number or year")
        return Match("different", title_score, "different title")
    if a.opportunity_type != b.opportunity_type and title_score < 100:
        if title_score >= SAME_TITLE:
            return Match("review", title_score, "same title, different opportunity type")
        return Match("different", title_score, "different opportunity type")
    if title_score >= SAME_TITLE:
        how = "same location" if places else "location unknown on one side"
        return Match("same", title_score, f"same organization and title, {how}")
    if title_score >= REVIEW_TITLE or loose >= 95:
        return Match("review", max(title_score, loose), "similar title at the same organization")
    return Match("different", title_score, "different title")


def _host(url: str | None) -> str | None:
    return url.split("/")[2] if url and url.count("/") >= 2 else None


def _city(name: str) -> str:
    known = CITY_BY_NAME.get(fold(name))
    return fold_text(known[0] if known else name)


def _places_agree(a: Listing, b: Listing) -> bool | None:
    """True if they share a place, False if both name places and none match, None if unknown."""
    if not a.locations or not b.locations:
        if {a.work_mode.value, b.work_mode.value} == {"remote", "onsite"}:
            return False
        return None
    for x in a.locations:
        for y in b.locations:
            if x.country and y.country and x.country != y.country:
                continue
            if x.city and y.city:
                if fuzz.ratio(_city(x.city), _city(y.city)) >= 85:
                    return True
                continue
            if x.region and y.region and x.region.lower() != y.region.lower():
                continue
            return True
    return False


# --- merging -------------------------------------------------------------------------------


def _filled(listing: Listing) -> int:
    data = listing.model_dump(exclude_defaults=True)
    return len(data) + len(listing.description) // 500


def merge(primary: Listing, other: Listing) -> Listing:
    """One listing from two: ``primary``'s values, gaps filled from ``other``, all sources."""
    update: dict[str, object] = {}
    for name in type(primary).model_fields:
        mine, theirs = getattr(primary, name), getattr(other, name)
        if _empty(mine) and not _empty(theirs):
            update[name] = theirs
    if len(other.description) > len(primary.description):
        update["description"] = other.description
        if other.summary:
            update["summary"] = other.summary
    if primary.deadline == "rolling" and other.deadline not in (None, "rolling"):
        update["deadline"] = other.deadline
    update["sources"] = _union_sources(primary.sources, other.sources)
    seen = [s for s in (primary.first_seen, other.first_seen) if s is not None]
    if seen:
        update["first_seen"] = min(seen)
    last = [s for s in (primary.last_seen, other.last_seen) if s is not None]
    if last:
        update["last_seen"] = max(last)
    posted = [p for p in (primary.posted_at, other.posted_at) if p is not None]
    if posted:
        update["posted_at"] = min(posted)
    flags = {(f.rule, f.reason): f for f in [*primary.flags, *other.flags]}
    update["flags"] = list(flags.values())
    return primary.model_copy(update=update)


def _empty(value: object) -> bool:
    if value is None or value == "" or value == [] or value == ():
        return True
    return bool(getattr(value, "value", None) in ("unknown", "other"))


def _union_sources(a: Sequence[SourceRef], b: Sequence[SourceRef]) -> list[SourceRef]:
    out: dict[tuple[str, str | None, str | None], SourceRef] = {}
    for ref in [*a, *b]:
        out.setdefault((ref.id, ref.native_id, ref.url), ref)
    return list(out.values())


# --- whole lists ---------------------------------------------------------------------------


def dedupe_within_source(listings: Sequence[Listing]) -> list[Listing]:
    """Merge listings of one source that share an id, link or content; order is kept."""
    kept: list[Listing] = []
    by_key: dict[str, int] = {}
    for listing in listings:
        keys = identity_keys(listing)
        hit = next((by_key[k] for k in keys if k in by_key), None)
        if hit is None:
            by_key.update(dict.fromkeys(keys, len(kept)))
            kept.append(listing)
            continue
        kept[hit] = merge(kept[hit], listing)
        by_key.update(dict.fromkeys(keys, hit))
    return kept


def dedupe(listings: Sequence[Listing]) -> DedupeResult:
    """Merge duplicates across sources; return the survivors, the merges and review pairs."""
    parent = list(range(len(listings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: dict[tuple[int, int], str] = {}
    review: list[ReviewPair] = []
    for i, j in _candidate_pairs(listings):
        if find(i) == find(j):
            continue
        match = compare(listings[i], listings[j])
        if match.verdict == "same":
            parent[find(j)] = find(i)
            reasons[(i, j)] = match.reason
        elif match.verdict == "review":
            review.append(ReviewPair(listings[i].id, listings[j].id, match.score, match.reason))
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(listings)):
        groups[find(index)].append(index)
    survivors: list[tuple[int, Listing]] = []
    merged: list[tuple[str, str, str]] = []
    for members in groups.values():
        members.sort(key=lambda k: (-_filled(listings[k]), k))
        result = listings[members[0]]
        for other in members[1:]:
            result = merge(result, listings[other])
            reason = next((r for (x, y), r in reasons.items() if other in (x, y)), "same posting")
            merged.append((result.id, listings[other].id, reason))
        survivors.append((min(members), result))
    survivors.sort(key=lambda item: item[0])
    merged_ids = {m[1] for m in merged}
    review = [r for r in review if r.first not in merged_ids and r.second not in merged_ids]
    return DedupeResult([s for _, s in survivors], merged, review)


def _candidate_pairs(listings: Sequence[Listing]) -> list[tuple[int, int]]:
    """Pairs worth comparing: same canonical link, or the same organization key.

    Comparing every pair is quadratic; postings of one organization are few.
    """
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, listing in enumerate(listings):
        org = normalize_org(listing.organization.name)
        buckets[f"org:{org.split(' ')[0] if org else ''}"].append(index)
        if url := _specific_url(listing.apply_url):
            buckets[f"url:{url}"].append(index)
    pairs: dict[tuple[int, int], None] = {}
    for members in buckets.values():
        for x, first in enumerate(members):
            for second in members[x + 1 :]:
                pairs[(first, second)] = None
    return list(pairs)

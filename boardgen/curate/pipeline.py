"""The curation pipeline: contributed and fetched listings in, the curated board out (pure).

Steps, in order:

1. within each fetched source, merge listings the source itself repeats
   (:func:`~boardgen.curate.dedupe.dedupe_within_source`), then give each its lifecycle
   status from the remembered sightings (:func:`~boardgen.curate.lifecycle.status`);
2. across origins (the contributed files and every source), merge the same posting into one
   listing that keeps every :class:`~boardgen.model.SourceRef`; uncertain pairs are kept
   apart and returned for review. Candidates are blocked by organization (and, in large
   blocks, by title word), so the cost grows with the size of each organization's block,
   never with the square of the board;
3. scam flags (:mod:`~boardgen.curate.scam`): listings whose flags reach the threshold are
   held off the board, with reasons;
4. the board's rules (``site_config/board.yml``, ``rules:``): excluded listings are set aside,
   with reasons.

Reading files is the caller's job (:func:`boardgen.gather.board.load_board`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from boardgen.curate.dedupe import (
    ReviewPair,
    _specific_url,
    compare,
    dedupe_within_source,
    merge,
    normalize_org,
    normalize_title,
)
from boardgen.curate.lifecycle import Seen, closed_date, status
from boardgen.curate.rules import Excluded, apply_rules
from boardgen.curate.scam import ATS_KINDS, Posting, held_for_review, scam_flags
from boardgen.model import CurationRules, Listing, ListingStatus

__all__ = [
    "CONTRIBUTED",
    "MAX_BLOCK",
    "CurationResult",
    "SourceListings",
    "candidate_pairs",
    "curate",
]

CONTRIBUTED = "contributed"
#: Blocks larger than this are split by title word before pairs are compared.
MAX_BLOCK = 64
_SHOWN = (ListingStatus.OPEN, ListingStatus.CLOSING_SOON)


@dataclass(frozen=True)
class SourceListings:
    """One fetched source's stored listings and what the lifecycle remembers of them."""

    source: str
    kind: str
    listings: Sequence[Listing]
    #: Sightings by listing id (``data/lifecycle.json``); missing ids count as never closed.
    seen: Mapping[str, Seen] = field(default_factory=dict)


@dataclass(frozen=True)
class CurationResult:
    #: What the board holds (open, closing soon, and closed or expired ones whose page stays).
    listings: list[Listing]
    #: Held for review by scam flags (each carries its ``flags``); never on the site.
    held: list[Listing]
    #: Kept off the board by its rules, with the reasons.
    excluded: list[Excluded]
    #: Pairs that may be one posting: both kept, shown by ``boardgen review``.
    review_pairs: list[ReviewPair]
    #: (kept id, merged-away id, why) for every merge across origins.
    merged: list[tuple[str, str, str]] = field(default_factory=list)
    #: Plain-language notes for the curator (e.g. an id used twice).
    warnings: list[str] = field(default_factory=list)


def curate(
    contributed: Sequence[Listing],
    sources: Sequence[SourceListings],
    *,
    rules: CurationRules,
    today: dt.date,
    closing_soon_days: int,
) -> CurationResult:
    """Curate ``contributed`` listings (status already set) and fetched ``sources``."""
    fetched: list[Listing] = []
    for source in sources:
        for listing in dedupe_within_source(source.listings):
            fetched.append(
                _with_lifecycle(listing, source.seen.get(listing.id), today, closing_soon_days)
            )
    listings, merged, review = _dedupe_across([*contributed, *fetched], today, closing_soon_days)
    listings, warnings = _unique_ids(listings)
    board: list[Listing] = []
    held: list[Listing] = []
    for listing in listings:
        flags = scam_flags(_posting(listing))
        if flags:
            listing = listing.model_copy(update={"flags": flags})
        (held if held_for_review(flags) else board).append(listing)
    if rules == CurationRules():
        kept, excluded = board, []
    else:
        ruled = apply_rules(board, rules)
        kept, excluded = ruled.kept, ruled.excluded
    return CurationResult(
        listings=sorted(kept, key=lambda item: item.id),
        held=sorted(held, key=lambda item: item.id),
        excluded=sorted(excluded, key=lambda item: item.listing.id),
        review_pairs=review,
        merged=merged,
        warnings=warnings,
    )


# --- lifecycle -----------------------------------------------------------------------------


def _with_lifecycle(
    listing: Listing, seen: Seen | None, today: dt.date, closing_soon_days: int
) -> Listing:
    state = status(seen, listing.deadline, today=today, closing_soon_days=closing_soon_days)
    gone = seen.closed_at.date() if seen is not None and seen.closed_at is not None else None
    update: dict[str, object] = {
        "status": state,
        "closed_at": closed_date(state, listing.deadline, gone),
    }
    if seen is not None:
        update["first_seen"] = seen.first_seen
        update["last_seen"] = seen.last_seen
    return listing.model_copy(update=update)


def _group_status(
    members: Sequence[Listing], merged: Listing, today: dt.date, closing_soon_days: int
) -> Listing:
    """The status of a merged posting: a human's close wins, else open if listed anywhere."""
    for member in members:
        if _origin(member) == {CONTRIBUTED} and member.status is ListingStatus.CLOSED:
            return merged.model_copy(
                update={"status": member.status, "closed_at": member.closed_at}
            )
    if any(member.status in _SHOWN for member in members):
        state = status(None, merged.deadline, today=today, closing_soon_days=closing_soon_days)
        return merged.model_copy(
            update={"status": state, "closed_at": closed_date(state, merged.deadline, None)}
        )
    closed = [m.closed_at for m in members if m.closed_at is not None]
    return merged.model_copy(update={"closed_at": max(closed) if closed else merged.closed_at})


# --- dedupe across origins -----------------------------------------------------------------


def _origin(listing: Listing) -> frozenset[str]:
    return frozenset(ref.id for ref in listing.sources) or frozenset({CONTRIBUTED})


def candidate_pairs(listings: Sequence[Listing]) -> list[tuple[int, int]]:
    """Index pairs worth comparing: different origins, same organization or apply link.

    Listings of one origin are never paired (a source's own repeats are merged by
    identity first; two contributed files are two postings). Blocks larger than
    :data:`MAX_BLOCK` are split by the words of the normalized title, and a word shared
    by more than :data:`MAX_BLOCK` of them is too common to pair on.
    """
    origins = [_origin(listing) for listing in listings]
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, listing in enumerate(listings):
        org = normalize_org(listing.organization.name)
        if org:
            blocks[f"org:{org}"].append(index)
            first = org.split(" ")[0]
            if first != org and len(first) >= 3:
                blocks[f"org1:{first}"].append(index)
        if url := _specific_url(listing.apply_url):
            blocks[f"url:{url}"].append(index)
    pairs: dict[tuple[int, int], None] = {}
    for key, members in blocks.items():
        if len({origins[i] for i in members}) < 2:
            continue
        if len(members) <= MAX_BLOCK or key.startswith("url:"):
            groups = [members]
        else:
            groups = _split_by_title(listings, members)
        for group in groups:
            for x, first_index in enumerate(group):
                for second_index in group[x + 1 :]:
                    if origins[first_index].isdisjoint(origins[second_index]):
                        pairs[(first_index, second_index)] = None
    return sorted(pairs)


def _split_by_title(listings: Sequence[Listing], members: list[int]) -> list[list[int]]:
    words: dict[str, list[int]] = defaultdict(list)
    for index in members:
        for word in set(normalize_title(listings[index].title).split()):
            words[word].append(index)
    return [group for group in words.values() if 1 < len(group) <= MAX_BLOCK]


def _dedupe_across(
    listings: Sequence[Listing], today: dt.date, closing_soon_days: int
) -> tuple[list[Listing], list[tuple[str, str, str]], list[ReviewPair]]:
    parent = list(range(len(listings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    why: dict[int, str] = {}
    review: list[ReviewPair] = []
    for i, j in candidate_pairs(listings):
        if find(i) == find(j):
            continue
        match = compare(listings[i], listings[j])
        if match.verdict == "same":
            parent[find(j)] = find(i)
            why.setdefault(j, match.reason)
            why.setdefault(i, match.reason)
        elif match.verdict == "review":
            review.append(ReviewPair(listings[i].id, listings[j].id, match.score, match.reason))
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(listings)):
        groups[find(index)].append(index)
    survivors: list[Listing] = []
    merged: list[tuple[str, str, str]] = []
    for members in groups.values():
        if len(members) == 1:
            survivors.append(listings[members[0]])
            continue
        members.sort(key=lambda k: _primary_rank(listings[k], k))
        result = listings[members[0]]
        for other in members[1:]:
            result = merge(result, listings[other])
            merged.append((result.id, listings[other].id, why.get(other, "same posting")))
        group = [listings[k] for k in members]
        survivors.append(_group_status(group, result, today, closing_soon_days))
    gone = {m[1] for m in merged}
    review = [r for r in review if r.first not in gone and r.second not in gone]
    return survivors, merged, review


def _primary_rank(listing: Listing, index: int) -> tuple[int, int, int]:
    """Contributed first (its id and page are a person's), then the richest, then order."""
    contributed = 0 if CONTRIBUTED in _origin(listing) else 1
    filled = len(listing.model_dump(exclude_defaults=True)) + len(listing.description) // 500
    return (contributed, -filled, index)


def _unique_ids(listings: Sequence[Listing]) -> tuple[list[Listing], list[str]]:
    """Keep the first listing of each id (contributed ones come first); say what was left."""
    seen: dict[str, Listing] = {}
    warnings: list[str] = []
    for listing in listings:
        if listing.id in seen:
            where = ", ".join(ref.id for ref in listing.sources) or CONTRIBUTED
            warnings.append(
                f"listing id {listing.id!r} from {where} is already used by another listing: "
                "it is left off the board"
            )
            continue
        seen[listing.id] = listing
    return list(seen.values()), warnings


# --- scam flags ----------------------------------------------------------------------------


def _posting(listing: Listing) -> Posting:
    """The posting the scam rules read; ATS's lower prior only when every source is an ATS."""
    kinds = [ref.kind for ref in listing.sources] or [CONTRIBUTED]
    open_kinds = [kind for kind in kinds if kind not in ATS_KINDS]
    kind = open_kinds[0] if open_kinds else kinds[0]
    return dataclasses.replace(Posting.from_listing(listing), source_kind=kind)

"""Curation: dedupe, lifecycle, board rules and scam flags over normalized listings (pure).

Nothing here reads or writes files or the network: the caller hands in listings and the
previous state, and stores what comes back.
"""

from __future__ import annotations

from boardgen.curate.dedupe import (
    DedupeResult,
    Match,
    ReviewPair,
    compare,
    content_hash,
    dedupe,
    dedupe_within_source,
    identity_keys,
    merge,
)
from boardgen.curate.lifecycle import Seen, closed_date, prune, status, track
from boardgen.curate.pipeline import CurationResult, SourceListings, curate
from boardgen.curate.rules import Excluded, RulesResult, apply_rules, exclusion_reasons
from boardgen.curate.scam import (
    HOLD_AT,
    RULES,
    Posting,
    ScamRule,
    held_for_review,
    listing_flags,
    scam_flags,
    score,
)
from boardgen.curate.urls import canonical_url

__all__ = [
    "HOLD_AT",
    "RULES",
    "CurationResult",
    "DedupeResult",
    "Excluded",
    "Match",
    "Posting",
    "ReviewPair",
    "RulesResult",
    "ScamRule",
    "Seen",
    "SourceListings",
    "apply_rules",
    "canonical_url",
    "closed_date",
    "compare",
    "content_hash",
    "curate",
    "dedupe",
    "dedupe_within_source",
    "exclusion_reasons",
    "held_for_review",
    "identity_keys",
    "listing_flags",
    "merge",
    "prune",
    "scam_flags",
    "score",
    "status",
    "track",
]

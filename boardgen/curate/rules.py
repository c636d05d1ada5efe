"""The board's rules (``site_config/board.yml``) applied to listings, with reasons (pure).

Every excluded listing carries the reasons, so ``boardgen review`` can say why a posting is
not on the board instead of leaving curators to guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from boardgen.model import PAID_KINDS, CurationRules, Listing, PayKind, WorkMode
from boardgen.normalize.text import fold_text


@dataclass(frozen=True)
class Excluded:
    listing: Listing
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RulesResult:
    kept: list[Listing]
    excluded: list[Excluded]


def exclusion_reasons(listing: Listing, rules: CurationRules) -> list[str]:
    """Why ``rules`` keep ``listing`` off the board; empty when it may be shown."""
    reasons: list[str] = []
    text = fold_text(
        " ".join(
            [
                listing.title,
                listing.organization.name,
                listing.summary,
                listing.description,
                " ".join(listing.skills),
                " ".join(listing.categories),
            ]
        )
    )
    if rules.include_keywords and not any(_has_word(text, k) for k in rules.include_keywords):
        reasons.append("mentions none of the keywords " + ", ".join(rules.include_keywords))
    hits = [k for k in rules.exclude_keywords if _has_word(text, k)]
    if hits:
        reasons.append("mentions excluded keyword " + ", ".join(hits))
    if rules.opportunity_types and listing.opportunity_type not in rules.opportunity_types:
        reasons.append(f"type {listing.opportunity_type.value} is not shown on this board")
    if rules.countries and not _in_countries(listing, rules.countries):
        reasons.append("not located in or open to " + ", ".join(rules.countries))
    if rules.work_modes and listing.work_mode not in rules.work_modes:
        reasons.append(f"work mode {listing.work_mode.value} is not shown on this board")
    org = fold_text(listing.organization.name)
    if rules.organizations_allow and org not in {fold_text(o) for o in rules.organizations_allow}:
        reasons.append(f"{listing.organization.name} is not on the organization allow list")
    if org in {fold_text(o) for o in rules.organizations_deny}:
        reasons.append(f"{listing.organization.name} is on the organization deny list")
    pay = listing.compensation
    kind = pay.kind if pay else PayKind.UNKNOWN
    if rules.paid_only and kind not in PAID_KINDS:
        reasons.append(f"pay is {kind.value}, and this board shows paid listings only")
    if rules.min_hourly_pay is not None and pay and kind is PayKind.HOURLY:
        top = pay.max if pay.max is not None else pay.min
        if top is not None and top < rules.min_hourly_pay:
            reasons.append(f"pays {top:g} an hour, below the minimum {rules.min_hourly_pay:g}")
    if rules.require_deadline and listing.deadline is None:
        reasons.append("has no deadline, and this board requires one")
    return reasons


def apply_rules(listings: Sequence[Listing], rules: CurationRules) -> RulesResult:
    """Split listings into those the board shows and those its rules exclude (with reasons)."""
    kept: list[Listing] = []
    excluded: list[Excluded] = []
    for listing in listings:
        reasons = exclusion_reasons(listing, rules)
        if reasons:
            excluded.append(Excluded(listing, tuple(reasons)))
        else:
            kept.append(listing)
    return RulesResult(kept, excluded)


def _has_word(text: str, keyword: str) -> bool:
    word = fold_text(keyword)
    return bool(word) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _in_countries(listing: Listing, countries: Sequence[str]) -> bool:
    wanted = set(countries)
    if any(loc.country in wanted for loc in listing.locations):
        return True
    if listing.work_mode is WorkMode.REMOTE and listing.remote is None:
        return True
    if listing.remote is not None:
        # Remote with no country restriction is open to applicants everywhere.
        return not listing.remote.countries or bool(wanted & set(listing.remote.countries))
    return False

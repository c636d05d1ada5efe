"""A campus overlay (``site_config/overlay.yml``) applied to the curated listings (pure).

Hidden sources reuse the board rules (:mod:`boardgen.curate.rules`), so a hidden listing
reaches ``boardgen review`` with its reasons like any other excluded one. A listing that
several sources carry (merged by dedupe) stays unless every one of them hides it.
"""

from __future__ import annotations

from collections.abc import Sequence

from boardgen.curate.rules import Excluded, RulesResult, exclusion_reasons
from boardgen.model import CampusOverlay, HideRule, Listing, Program
from boardgen.normalize.text import fold_text


def hide_reasons(listing: Listing, rules: Sequence[HideRule]) -> list[str]:
    """Why the overlay hides ``listing``; empty when it stays."""
    by_source = {rule.source: rule for rule in rules}
    reasons: list[str] = []
    for ref in listing.sources:
        rule = by_source.get(ref.id)
        if rule is None:
            return []
        why = f" ({rule.reason})" if rule.reason else ""
        if rule.rules is None:
            reasons.append(f"source {ref.id} is hidden by site_config/overlay.yml{why}")
            continue
        failed = exclusion_reasons(listing, rule.rules)
        if not failed:
            return []
        reasons += [f"source {ref.id}, overlay.yml: {reason}{why}" for reason in failed]
    return reasons


def apply_hiding(listings: Sequence[Listing], overlay: CampusOverlay) -> RulesResult:
    """Split listings into those the campus shows and those its overlay hides."""
    if not overlay.hide:
        return RulesResult(list(listings), [])
    kept: list[Listing] = []
    hidden: list[Excluded] = []
    for listing in listings:
        reasons = hide_reasons(listing, overlay.hide)
        if reasons:
            hidden.append(Excluded(listing, tuple(reasons)))
        else:
            kept.append(listing)
    return RulesResult(kept, hidden)


def in_program(listing: Listing, program: Program) -> bool:
    if listing.id in program.listings:
        return True
    if program.opportunity_types and listing.opportunity_type in program.opportunity_types:
        return True
    if set(program.categories) & set(listing.categories):
        return True
    org = fold_text(listing.organization.name)
    return any(fold_text(name) == org for name in program.organizations)


def program_labels(listing: Listing, overlay: CampusOverlay) -> list[str]:
    """The badges of the campus programs a listing counts for, in overlay order."""
    return [program.label for program in overlay.programs if in_program(listing, program)]

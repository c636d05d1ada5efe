"""The curated board in memory: every listing with its status, and what the site shows (pure).

:func:`boardgen.gather.board.load_board` reads the project and the store and builds it;
everything here works on listings already in memory.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from boardgen.curate.dedupe import ReviewPair
from boardgen.curate.lifecycle import closed_date, status
from boardgen.curate.overlay import program_labels
from boardgen.curate.pipeline import CONTRIBUTED
from boardgen.curate.rules import Excluded
from boardgen.model import (
    BoardConfig,
    CampusOverlay,
    Listing,
    ListingInput,
    ListingStatus,
    SourceRef,
)
from boardgen.normalize import sanitize
from boardgen.problems import Problem
from boardgen.render.i18n import Translator, translator

_SHOWN = (ListingStatus.OPEN, ListingStatus.CLOSING_SOON)


def from_contributed(
    item: ListingInput,
    *,
    today: dt.date,
    closing_soon_days: int,
    description_html: str | None = None,
    campus_only: bool = False,
) -> Listing:
    """A contributed file's listing as the board stores it: Markdown rendered and sanitized.

    ``description_html`` is the description already rendered by ``validate`` (which may
    have run in another process), to save rendering it twice.
    """
    description = description_html or sanitize.markdown_to_html(item.description)
    core = item.model_dump(exclude={"description", "status", "posted_at", "closed_on"})
    state = status(
        None,
        item.deadline,
        today=today,
        closing_soon_days=closing_soon_days,
        closed=item.status == "closed",
    )
    return Listing(
        **core,
        description=description,
        summary=sanitize.summarize(sanitize.html_to_text(description)),
        posted_at=item.posted_at,
        sources=[SourceRef(id=CONTRIBUTED, kind=CONTRIBUTED)],
        status=state,
        closed_at=closed_date(state, item.deadline, item.closed_on),
        campus_only=campus_only,
    )


NEW_DAYS = 7


@dataclass(frozen=True)
class Board:
    """The curated board. ``listings`` never holds held (scam-flagged) or rule-excluded ones."""

    config: BoardConfig
    listings: list[Listing]
    today: dt.date
    #: Held for review by scam flags, each with its ``flags``: kept off the site.
    held: list[Listing] = field(default_factory=list)
    #: Kept off the board by ``rules:`` in board.yml, with the reasons.
    excluded: list[Excluded] = field(default_factory=list)
    #: Listings that may be one posting: both kept, for a curator to look at.
    review_pairs: list[ReviewPair] = field(default_factory=list)
    #: Data files that could not be read, ids used twice, and such (never fatal).
    warnings: list[Problem] = field(default_factory=list)
    #: The campus overlay (site_config/overlay.yml): pinned listings, programs, pages.
    overlay: CampusOverlay = field(default_factory=CampusOverlay)
    #: Scratch space for renderers (e.g. each listing's card text), kept for this board only.
    render_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def open_listings(self) -> list[Listing]:
        """Listings the board shows, newest first (ties by id, so pages are stable)."""
        shown = [item for item in self.listings if item.status in _SHOWN]
        shown.sort(key=lambda item: item.id)
        shown.sort(key=lambda item: item.posted_at or dt.date.min, reverse=True)
        return shown

    @functools.cached_property
    def tr(self) -> Translator:
        """The interface strings and formats of the board's language."""
        return translator(self.config.language)

    @functools.cached_property
    def featured(self) -> list[Listing]:
        """Open listings the overlay pins, in its order."""
        by_id = {item.id: item for item in self.open_listings}
        return [by_id[i] for i in dict.fromkeys(self.overlay.pinned) if i in by_id]

    @functools.cached_property
    def board_order(self) -> list[Listing]:
        """The board's list: pinned listings first, then the rest newest first."""
        pinned = {item.id for item in self.featured}
        return self.featured + [i for i in self.open_listings if i.id not in pinned]

    def programs_of(self, listing: Listing) -> list[str]:
        """The campus programs (badge labels) a listing counts for."""
        return program_labels(listing, self.overlay) if self.overlay.programs else []

    @functools.cached_property
    def closed_listings(self) -> list[Listing]:
        """Closed or expired listings whose page still stands, with a 'closed' notice."""
        keep = dt.timedelta(days=self.config.closed_page_days)
        kept = [
            item
            for item in self.listings
            if item.status not in _SHOWN
            and item.closed_at is not None
            and self.today - item.closed_at <= keep
        ]
        return sorted(kept, key=lambda item: item.id)

    @functools.cached_property
    def closing_soon(self) -> list[Listing]:
        """Open listings with a deadline inside the closing-soon window, soonest first."""
        soon = [i for i in self.open_listings if i.status is ListingStatus.CLOSING_SOON]
        return sorted(soon, key=lambda item: (item.deadline, item.id))

    @functools.cached_property
    def new_this_week(self) -> list[Listing]:
        since = self.today - dt.timedelta(days=NEW_DAYS)
        return [i for i in self.open_listings if i.posted_at is not None and i.posted_at > since]

    @functools.cached_property
    def by_field(self) -> dict[str, list[Listing]]:
        """Open listings per field (category), fields in name order, listings newest first."""
        return _group(self.open_listings, lambda item: item.categories)

    @functools.cached_property
    def by_type(self) -> dict[str, list[Listing]]:
        return _group(self.open_listings, lambda item: [item.opportunity_type.value])

    @functools.cached_property
    def by_organization(self) -> dict[str, list[Listing]]:
        """Open listings per organization slug (see :func:`org_slug`)."""
        return _group(self.open_listings, lambda item: [org_slug(item.organization.name)])


def _group(
    listings: list[Listing], keys: Callable[[Listing], Iterable[str]]
) -> dict[str, list[Listing]]:
    groups: dict[str, list[Listing]] = {}
    for item in listings:
        for key in dict.fromkeys(keys(item)):
            groups.setdefault(key, []).append(item)
    return dict(sorted(groups.items()))


def org_slug(name: str) -> str:
    """A stable URL slug for an organization name ('Café Nord GmbH' -> 'cafe-nord-gmbh')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    if slug:
        return slug
    # Names with no Latin letters (e.g. 東京大学) still need a distinct, stable address.
    return "org-" + hashlib.sha1(name.encode()).hexdigest()[:10]  # noqa: S324 - not security

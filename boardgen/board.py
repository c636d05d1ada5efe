"""The curated board in memory: every listing with its status, and what the site shows.

``load_board`` gathers and validates everything first (raising with every problem at
once); only a valid board reaches the generator, so a bad file never half-writes a site.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from boardgen import sanitize
from boardgen.errors import ConfigError, ListingError
from boardgen.project import Project
from boardgen.schema import BoardConfig, Listing, ListingInput, ListingStatus, SourceRef

CONTRIBUTED = "contributed"
_SHOWN = (ListingStatus.OPEN, ListingStatus.CLOSING_SOON)


def listing_status(
    deadline: dt.date | str | None, closed: bool, today: dt.date, closing_soon_days: int
) -> ListingStatus:
    """Lifecycle state from the deadline: expired after it, closing soon inside the window."""
    if closed:
        return ListingStatus.CLOSED
    if isinstance(deadline, dt.date):
        if deadline < today:
            return ListingStatus.EXPIRED
        if (deadline - today).days <= closing_soon_days:
            return ListingStatus.CLOSING_SOON
    return ListingStatus.OPEN


def from_contributed(item: ListingInput, *, today: dt.date, closing_soon_days: int) -> Listing:
    """A contributed file's listing as the board stores it: Markdown rendered and sanitized."""
    description = sanitize.markdown_to_html(item.description)
    core = item.model_dump(exclude={"description", "status", "posted_at", "closed_on"})
    status = listing_status(item.deadline, item.status == "closed", today, closing_soon_days)
    return Listing(
        **core,
        description=description,
        summary=sanitize.summarize(sanitize.html_to_text(description)),
        posted_at=item.posted_at,
        sources=[SourceRef(id=CONTRIBUTED, kind=CONTRIBUTED)],
        status=status,
        closed_at=closed_since(status, item.deadline, item.closed_on),
    )


def closed_since(
    status: ListingStatus, deadline: dt.date | str | None, closed_on: dt.date | None
) -> dt.date | None:
    """The day a listing stopped taking applications, if it has."""
    if status is ListingStatus.EXPIRED and isinstance(deadline, dt.date):
        return deadline
    if status is ListingStatus.CLOSED:
        return closed_on
    return None


NEW_DAYS = 7


@dataclass(frozen=True)
class Board:
    config: BoardConfig
    listings: list[Listing]
    today: dt.date

    @functools.cached_property
    def open_listings(self) -> list[Listing]:
        """Listings the board shows, newest first (ties by id, so pages are stable)."""
        shown = [item for item in self.listings if item.status in _SHOWN]
        shown.sort(key=lambda item: item.id)
        shown.sort(key=lambda item: item.posted_at or dt.date.min, reverse=True)
        return shown

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


def load_board(project: Project, *, today: dt.date) -> Board:
    """Validate the project and build the board; raise with every error if it is invalid."""
    from boardgen.validate import check_project

    check = check_project(project, today=today)
    config_errors = [p for p in check.errors if p.path.startswith("site_config/")]
    if config_errors or check.board is None:
        raise ConfigError("site_config/ is invalid: fix these and try again", config_errors)
    if check.errors:
        raise ListingError(
            f"{len(check.errors)} problem(s) in contributed listings: run 'boardgen validate'",
            check.errors,
        )
    config = check.board
    listings = [
        from_contributed(item.listing, today=today, closing_soon_days=config.closing_soon_days)
        for item in check.listings
        if config.include_examples or not item.listing.example
    ]
    return Board(config, listings, today)

"""The curated board in memory: every listing with its status, and what the site shows.

``load_board`` gathers and validates everything first (raising with every problem at
once); only a valid board reaches the generator, so a bad file never half-writes a site.
"""

from __future__ import annotations

import datetime as dt
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
    core = item.model_dump(exclude={"description", "status", "posted_at"})
    return Listing(
        **core,
        description=description,
        summary=sanitize.summarize(sanitize.html_to_text(description)),
        posted_at=item.posted_at,
        sources=[SourceRef(id=CONTRIBUTED, kind=CONTRIBUTED)],
        status=listing_status(item.deadline, item.status == "closed", today, closing_soon_days),
    )


@dataclass(frozen=True)
class Board:
    config: BoardConfig
    listings: list[Listing]
    today: dt.date

    @property
    def open_listings(self) -> list[Listing]:
        """Listings the board shows, newest first."""
        shown = [item for item in self.listings if item.status in _SHOWN]
        shown.sort(key=lambda item: item.id)
        shown.sort(key=lambda item: item.posted_at or dt.date.min, reverse=True)
        return shown


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

"""The curated board in memory: every listing with its status, and what the site shows.

``load_board`` gathers and validates everything first (raising with every problem at
once); only a valid board reaches the generator, so a bad file never half-writes a site.
It reads the contributed files and every enabled source's stored listings
(``data/sources/<id>.json``) with their sightings (``data/lifecycle.json``), and hands them
to the pure curation pipeline (:func:`boardgen.curate.pipeline.curate`): dedupe, lifecycle,
scam flags, board rules. An unreadable data file is a warning, never a failed build.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from boardgen.config.project import Project
from boardgen.curate.dedupe import ReviewPair
from boardgen.curate.lifecycle import closed_date, status
from boardgen.curate.overlay import apply_hiding, program_labels
from boardgen.curate.pipeline import CONTRIBUTED, SourceListings, curate
from boardgen.curate.rules import Excluded
from boardgen.errors import ConfigError, ListingError
from boardgen.model import (
    BoardConfig,
    CampusOverlay,
    Listing,
    ListingInput,
    ListingStatus,
    SourceRef,
    SourcesConfig,
)
from boardgen.normalize import sanitize
from boardgen.problems import Problem, Severity
from boardgen.render.i18n import Translator, translator

if TYPE_CHECKING:
    from boardgen.gather.validate import ProjectCheck

log = logging.getLogger("boardgen")

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


def load_board(project: Project, *, today: dt.date, check: ProjectCheck | None = None) -> Board:
    """Validate the project and build the curated board; raise with every error if invalid.

    Fetched data is read as it is: a missing or unreadable ``data/`` file is a warning
    (logged, and kept in :attr:`Board.warnings`), and that source is skipped. ``check`` is
    an earlier :func:`check_project` of the same files (``boardgen update`` loads the board
    before and after fetching, and only ``data/`` changes in between).
    """
    from boardgen.gather.validate import check_project

    if check is None:
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
    contributed = [
        from_contributed(
            item.listing,
            today=today,
            closing_soon_days=config.closing_soon_days,
            description_html=item.description_html,
            campus_only=project.is_campus_file(item.path),
        )
        for item in check.listings
        if config.include_examples or not item.listing.example
    ]
    sources, warnings = read_sources(project, check.sources or SourcesConfig())
    result = curate(
        contributed,
        sources,
        rules=config.rules,
        today=today,
        closing_soon_days=config.closing_soon_days,
    )
    warnings += [_warning("data/", message) for message in result.warnings]
    overlay = check.overlay or CampusOverlay()
    shown = apply_hiding(result.listings, overlay)
    known = {item.id for item in shown.kept}
    rel = project.relative(project.overlay_file)
    warnings += [
        _warning(rel, f"pinned listing {pinned!r} is not on the board: check its id")
        for pinned in overlay.pinned
        if pinned not in known
    ]
    for problem in warnings:
        log.warning("%s", problem.format())
    return Board(
        config,
        shown.kept,
        today,
        held=result.held,
        excluded=result.excluded + shown.excluded,
        review_pairs=result.review_pairs,
        warnings=warnings,
        overlay=overlay,
    )


def read_sources(
    project: Project, config: SourcesConfig
) -> tuple[list[SourceListings], list[Problem]]:
    """Every enabled source's stored and retained listings with their sightings (I/O).

    Descriptions are sanitized again on the way in (defence in depth: the file is data a
    workflow committed, not something to trust blindly).
    """
    from boardgen.store.sightings import LIFECYCLE_FILE, read_lifecycle
    from boardgen.store.sources import SourceData, read_json, source_data_path

    problems: list[Problem] = []
    lifecycle, why = read_lifecycle(project.data_dir)
    if why is not None:
        rel = project.relative(project.data_dir / LIFECYCLE_FILE)
        problems.append(_warning(rel, f"{why}: listings are treated as never seen before"))
    out: list[SourceListings] = []
    for source in config.sources:
        if not source.enabled:
            continue
        path = source_data_path(project.data_dir, source.id)
        rel = project.relative(path)
        if not path.is_file():
            problems.append(
                _warning(rel, f"no data for source {source.id!r} yet: run 'boardgen fetch'")
            )
            continue
        raw = read_json(path)
        if raw is None:
            problems.append(_warning(rel, "is not valid JSON: this source is skipped"))
            continue
        try:
            data = SourceData.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            problems.append(
                _warning(rel, f"is not a source data file ({where}: {first['msg']}): skipped")
            )
            continue
        listed = {item.id for item in data.listings}
        gone = [item for item in lifecycle.retained(source.id) if item.id not in listed]
        listings = [_clean(item) for item in [*data.listings, *gone]]
        out.append(SourceListings(source.id, source.kind, listings, lifecycle.seen(source.id)))
    return out, problems


def _clean(listing: Listing) -> Listing:
    return listing.model_copy(update={"description": sanitize.clean_html(listing.description)})


def _warning(path: str, message: str) -> Problem:
    return Problem(path, 1, 1, "", message, Severity.WARNING)

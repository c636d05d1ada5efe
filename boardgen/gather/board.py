"""Gathering the board: the project's files and the store, validated and curated in memory.

``load_board`` gathers and validates everything first (raising with every problem at
once); only a valid board reaches the generator, so a bad file never half-writes a site.
It reads the contributed files and every enabled source's stored listings
(``data/sources/<id>.json``) with their sightings (``data/lifecycle.json``), and hands them
to the pure curation pipeline (:func:`boardgen.curate.pipeline.curate`): dedupe, lifecycle,
scam flags, board rules. An unreadable data file is a warning, never a failed build.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from pydantic import ValidationError

from boardgen.config.project import Project
from boardgen.curate.board import Board, from_contributed
from boardgen.curate.overlay import apply_hiding
from boardgen.curate.pipeline import SourceListings, curate
from boardgen.errors import ConfigError, ListingError
from boardgen.model import (
    CampusOverlay,
    Listing,
    SourcesConfig,
)
from boardgen.normalize import sanitize
from boardgen.problems import Problem, Severity

if TYPE_CHECKING:
    from boardgen.gather.validate import ProjectCheck

log = logging.getLogger("boardgen")


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

"""Checking a board project: every config file and contributed listing, all problems at once.

Like MkDocs' config validation, nothing stops at the first error: each file is read,
parsed and validated on its own, and every problem is collected with its position, so a
contributor fixes everything in one round.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import difflib
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from boardgen.config.load import check_bytes, dotted
from boardgen.config.project import Project
from boardgen.config.yamlio import Document
from boardgen.curate import scam
from boardgen.curate.scam import HOLD_AT, RULES, Posting, ScamRule, held_for_review, scam_flags
from boardgen.model import (
    BoardConfig,
    CampusOverlay,
    Flag,
    ListingInput,
    PayKind,
    SourcesConfig,
)
from boardgen.normalize import sanitize
from boardgen.problems import Problem, Severity

M = TypeVar("M", bound=BaseModel)

MIN_DESCRIPTION_CHARS = 100
#: Every scam warning starts so: the pull-request comment groups them by it.
SCAM_PREFIX = "looks like a scam: rule "
CONFIG_MODELS: dict[str, type[BaseModel]] = {
    "board.yml": BoardConfig,
    "sources.yml": SourcesConfig,
    "overlay.yml": CampusOverlay,
}


@dataclass(frozen=True)
class LoadedListing:
    path: str
    listing: ListingInput
    document: Document
    #: The description rendered and sanitized, when the check already did it.
    description_html: str | None = None


@dataclass
class ProjectCheck:
    """Everything ``check_project`` learned: the problems and whatever loaded cleanly."""

    problems: list[Problem] = field(default_factory=list)
    board: BoardConfig | None = None
    sources: SourcesConfig | None = None
    overlay: CampusOverlay | None = None
    listings: list[LoadedListing] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def check_project(project: Project, *, today: dt.date, workers: int | None = None) -> ProjectCheck:
    """Read and validate site_config/*.yml and content/listings/*.yml of ``project``.

    ``workers``: processes for the listing files (default: one per CPU for large boards).
    """
    result = ProjectCheck()
    board_rel = project.relative(project.board_file)
    if not project.board_file.is_file():
        result.problems.append(
            Problem(board_rel, 1, 1, "", "file is missing: every board needs its board.yml")
        )
    for path in sorted(project.config_dir.glob("*.y*ml")):
        rel = project.relative(path)
        model = CONFIG_MODELS.get(path.name)
        if model is None:
            result.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    f"boardgen does not read {path.name}: rename it to one of "
                    f"{', '.join(CONFIG_MODELS)}, or move it out of site_config/",
                    Severity.WARNING,
                )
            )
            continue
        result.files_checked += 1
        loaded, _, problems = check_bytes(rel, path.read_bytes(), model)
        result.problems.extend(problems)
        if isinstance(loaded, BoardConfig):
            result.board = loaded
            result.problems.extend(_missing_files(project, loaded))
        elif isinstance(loaded, SourcesConfig):
            result.sources = loaded
        elif isinstance(loaded, CampusOverlay):
            result.overlay = loaded
    if result.sources is None and not project.sources_file.exists():
        result.sources = SourcesConfig()
    result.problems.extend(stale_engine_copies(project))
    if result.overlay is None and not project.overlay_file.exists():
        result.overlay = CampusOverlay()
    if result.overlay is not None and result.sources is not None:
        result.problems.extend(_overlay_problems(project, result.overlay, result.sources))

    # Positions are worked out only for a clash: locating means composing the YAML node
    # tree, which a board of thousands of valid files should not pay for.
    first_by_id: dict[str, tuple[str, Document]] = {}
    for checked in _check_all_listing_files(project, today, workers):
        result.files_checked += 1
        result.problems.extend(checked.problems)
        listing = checked.listing
        if listing is None or checked.text is None:
            continue
        document = Document(checked.data, checked.text)
        rel = checked.rel
        if listing.id in first_by_id:
            other, other_document = first_by_id[listing.id]
            line, column, _ = document.locate(["id"])
            other_line = other_document.locate(["id"])[0]
            result.problems.append(
                Problem(
                    rel,
                    line,
                    column,
                    "id",
                    f"{listing.id!r} is already used by {other}:{other_line}: ids must be "
                    "unique, pick another",
                )
            )
            continue
        first_by_id[listing.id] = (rel, document)
        result.problems.extend(checked.warnings)
        result.listings.append(LoadedListing(rel, listing, document, checked.description_html))
    result.problems.sort(key=lambda p: (p.path, p.line, p.column))
    return result


#: SHA-256 of the theme files older boardgen versions had boards keep in their own folders;
#: an unmodified copy hides the maintained one the package now ships.
OLD_ENGINE_COPIES = {
    "site_config/overrides/main.html": {
        "6ba70bcd3b0f11745df769dcf44d47a8275adc97d0e2bc594bef51974b38a7a3",
    },
    "site_config/overrides/boardgen-page.html": {
        "2919656d0b294884a350b973e191598829cd2e8ba8473ba51478c1d1dad1bdac",
    },
    "content/assets/board.css": {
        "1a999a913cb11b313510941bd9b20bd63e1daf1b42c2701bc24b1b1f0b51c8a0",
        "0a206a78507c1364bbabb979dc41167c202b60a50eee46fdd210f0474f1e6363",
        "582dc4cd353570ad3c0b25b2672923d9cae25c5c69d452921b5bf61f93242754",
    },
}


def stale_engine_copies(project: Project) -> list[Problem]:
    """Warn about unmodified copies of theme files that boardgen now ships in the package."""
    problems = []
    for rel, digests in OLD_ENGINE_COPIES.items():
        path = project.root / rel
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() in digests:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    "an unmodified copy of a file boardgen now ships in its package: delete it "
                    "so the board uses the maintained one (board.yml's branding needs it)",
                    Severity.WARNING,
                )
            )
    return problems


def _missing_files(project: Project, board: BoardConfig) -> list[Problem]:
    """board.yml's logo and favicon must be files of the board (or https URLs)."""
    rel = project.relative(project.board_file)
    problems = []
    for key in ("logo", "favicon"):
        value = getattr(board, key)
        if value and "://" not in value and not (project.content_dir / value).is_file():
            line = _key_line(project.board_file, key)
            problems.append(
                Problem(rel, line, 1, key, f"content/{value} does not exist: add the file there")
            )
    icons = _material_icons()
    for index, link in enumerate(board.social):
        if link.icon and icons is not None and not (icons / f"{link.icon}.svg").is_file():
            problems.append(
                Problem(
                    rel,
                    _key_line(project.board_file, "icon", nth=index),
                    1,
                    f"social[{index}].icon",
                    f"{link.icon!r} is not an icon Material for MkDocs ships: pick one at "
                    "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/, "
                    "or leave icon out to have it guessed from the link",
                )
            )
    return problems


def _material_icons() -> Path | None:
    """Material for MkDocs' bundled icons, which footer social links are drawn from."""
    try:
        from importlib.resources import files

        return Path(str(files("material") / "templates" / ".icons"))
    except ModuleNotFoundError:
        return None


def _overlay_problems(
    project: Project, overlay: CampusOverlay, sources: SourcesConfig
) -> list[Problem]:
    """Cross-file checks: hidden sources exist in sources.yml, campus pages exist."""
    rel = project.relative(project.overlay_file)
    known = [source.id for source in sources.sources]
    problems = []
    for index, rule in enumerate(overlay.hide):
        if rule.source not in known:
            close = difflib.get_close_matches(rule.source, known, n=1, cutoff=0.6)
            guess = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                Problem(
                    rel,
                    _key_line(project.overlay_file, "source", nth=index),
                    1,
                    f"hide[{index}].source",
                    f"{rule.source!r} is not a source in sources.yml: {guess}"
                    f"known sources are {', '.join(known) or 'none'}",
                )
            )
    for index, page in enumerate(overlay.pages):
        if not (project.content_dir / page.file).is_file():
            problems.append(
                Problem(
                    rel,
                    _key_line(project.overlay_file, "file", nth=index),
                    1,
                    f"pages[{index}].file",
                    f"content/{page.file} does not exist: write the page there",
                )
            )
    return problems


def _key_line(path: Path, key: str, nth: int = 0) -> int:
    """The line of the ``nth`` ``key:`` in a small config file (1 if not found)."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"^\s*(- )?{re.escape(key)}\s*:", line):
            if seen == nth:
                return number
            seen += 1
    return 1


#: Boards with at least this many listing files are checked by one process per CPU.
PARALLEL_FROM = 400


@dataclass(frozen=True)
class _FileResult:
    rel: str
    stem: str
    listing: ListingInput | None
    data: Any
    text: str | None
    problems: list[Problem]
    #: Content warnings: reported only if the file is not a duplicate of another's id.
    warnings: list[Problem]
    description_html: str | None


def _check_listing_files(jobs: Sequence[tuple[str, str, str]], today: dt.date) -> list[_FileResult]:
    """Check listing files on their own (no cross-file rules): run in worker processes."""
    return _check_listing_chunk(jobs, today)[0]


Known = list[tuple[Posting, tuple[Flag, ...]]]


def _check_listing_chunk(
    jobs: Sequence[tuple[str, str, str]], today: dt.date
) -> tuple[list[_FileResult], Known]:
    """:func:`_check_listing_files`, and the scam flags it computed (for the main process)."""
    before = scam.known_count()
    results = []
    for rel, path, stem in jobs:
        listing, document, problems = check_bytes(rel, Path(path).read_bytes(), ListingInput)
        html = None
        warnings: list[Problem] = []
        if listing is not None and document is not None:
            html = sanitize.markdown_to_html(listing.description)
            warnings = listing_warnings(LoadedListing(rel, listing, document), stem, today)
        results.append(
            _FileResult(
                rel,
                stem,
                listing,
                document.data if document else None,
                document.text if document else None,
                problems,
                warnings,
                html,
            )
        )
    return results, scam.known_flags(before)


def _check_all_listing_files(
    project: Project, today: dt.date, workers: int | None
) -> list[_FileResult]:
    jobs = [(project.relative(p), str(p), p.stem) for p in project.listing_files()]
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or (workers is None and len(jobs) < PARALLEL_FROM):
        return _check_listing_files(jobs, today)
    # Parsing, validating and rendering each file is independent work, and it is most of
    # a large board's build: spread it over the CPUs in a few big chunks.
    size = -(-len(jobs) // (count * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=count) as pool:
        parts = list(pool.map(_check_listing_chunk, chunks, [today] * len(chunks)))
    # The board scans the same contributed postings for scams: it gets the answers.
    for _results, known in parts:
        scam.remember_flags(known)
    return [result for results, _known in parts for result in results]


def listing_warnings(loaded: LoadedListing, stem: str, today: dt.date) -> list[Problem]:
    """Things that are legal but make a poor listing; errors under ``--strict``."""
    listing, doc, rel = loaded.listing, loaded.document, loaded.path
    found: list[Problem] = []

    def warn(loc: Sequence[str | int], message: str) -> None:
        line, column, _ = doc.locate(loc)
        found.append(Problem(rel, line, column, dotted(loc), message, Severity.WARNING))

    if stem != listing.id:
        warn(["id"], f"the file is named {stem}.yml: name it {listing.id}.yml to match its id")
    deadline = listing.deadline
    # Example listings exist to show every state (past deadlines, unknown pay), so those two
    # checks, which ask a contributor to fix facts, do not apply to them.
    if not listing.example:
        if isinstance(deadline, dt.date) and deadline < today and listing.status == "open":
            warn(
                ["deadline"], f"{deadline.isoformat()} has passed: update it, or set status: closed"
            )
        if listing.compensation is None or listing.compensation.kind is PayKind.UNKNOWN:
            where = ["compensation"] if listing.compensation else ["title"]
            warn(where, "no pay information: students filter by pay, so add compensation: kind")
    if listing.status == "closed" and listing.closed_on is None:
        warn(
            ["status"],
            "closed with no closed_on date, so its page is removed at once: add "
            f"closed_on: {today.isoformat()} to keep a 'closed' notice up for a while",
        )
    if listing.status == "open" and listing.closed_on is not None:
        warn(["closed_on"], "closed_on is set but status is open: set status: closed, or remove it")
    text = sanitize.html_to_text(sanitize.markdown_to_html(listing.description))
    if len(text) < MIN_DESCRIPTION_CHARS:
        warn(
            ["description"],
            f"only {len(text)} characters: describe the project, the deliverable and who it "
            f"suits (at least {MIN_DESCRIPTION_CHARS})",
        )
    for loc, message in scam_warnings(listing, text):
        warn(loc, message)
    return found


def scam_warnings(listing: ListingInput, text: str) -> list[tuple[list[str | int], str]]:
    """One (field, message) per scam rule the contributed listing trips (GUIDE §5).

    Contributed listings get the full weight. Each message names the rule, its weight and
    why; when the weights together reach the hold threshold, it says the listing will be
    held off the board for review.
    """
    posting = Posting(
        title=listing.title,
        organization=listing.organization.name,
        text=text,
        apply_url=listing.apply_url,
        organization_url=listing.organization.url,
    )
    flags = scam_flags(posting)
    held = held_for_review(flags)
    by_id = {rule.id: rule for rule in RULES}
    out: list[tuple[list[str | int], str]] = []
    for flag in flags:
        rule = by_id.get(flag.rule)
        if rule is not None and rule.target in ("apply_host", "domain_mismatch"):
            loc: list[str | int] = ["apply_url"]
        elif rule is not None and rule.target == "text" and _matches(rule, listing.title):
            loc = ["title"]
        else:
            loc = ["description"]
        tail = (
            f"; with its other flags it reaches {HOLD_AT:g}, so it is held off the board for "
            "review (see 'boardgen review')"
            if held
            else ""
        )
        out.append(
            (loc, f"{SCAM_PREFIX}{flag.rule} (weight {flag.weight:g}): {flag.reason}{tail}")
        )  # fmt: skip
    return out


def _matches(rule: ScamRule, value: str) -> bool:
    return bool(rule.pattern) and re.search(rule.pattern, value, re.I) is not None

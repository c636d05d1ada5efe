"""Building the site: gather and validate the board, write generated pages, run MkDocs."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardgen.board import Board, load_board
from boardgen.errors import BuildError
from boardgen.generate import WriteReport, render_site, site_health, write_pages
from boardgen.project import Project
from boardgen.schema import BoardConfig

#: Written into site/ after a successful build: what the build was made from.
STAMP = ".boardgen-build"


@dataclass(frozen=True)
class BuildReport:
    listings: int
    pages: WriteReport
    seconds: float
    site_dir: str
    skipped: bool = False

    def describe(self) -> str:
        p = self.pages
        done = "site is up to date in" if self.skipped else "built"
        return (
            f"{done} {self.site_dir}/ with {self.listings} open listings in {self.seconds:.1f} s "
            f"(pages: {p.written} written, {p.unchanged} unchanged, {p.removed} removed)"
        )


def build_site(
    project: Project, *, today: dt.date, clean: bool = False, board: Board | None = None
) -> BuildReport:
    """Generate pages from the board, then ``mkdocs build --strict``.

    ``board``: the board as :func:`load_board` just loaded it from these files, to save
    loading it again (``boardgen update`` has it).

    Everything is validated before the first file is written; a failure leaves the
    previous site/ as it was until MkDocs starts writing. When no input has changed since
    the last successful build (same files, sizes and modification times, same day, same
    tool versions), nothing is done at all: the site is already what a build would write.
    """
    start = time.perf_counter()
    stamp_file = project.site_dir / STAMP
    inputs = _digest(project, today, generated=False)
    previous = _read_stamp(stamp_file)
    if (
        not clean
        and previous is not None
        and (project.site_dir / "index.html").is_file()
        and previous.get("inputs") == inputs
        and previous.get("generated") == _digest(project, today, generated=True)
    ):
        return BuildReport(
            listings=int(previous.get("listings", 0)),
            pages=WriteReport(0, int(previous.get("files", 0)), 0),
            seconds=time.perf_counter() - start,
            site_dir=project.relative(project.site_dir),
            skipped=True,
        )
    # Loading and rendering allocate millions of long-lived objects and few cycles; the
    # collector's repeated full scans of them cost about 40 % of this phase on a board of
    # 10,000 listings. It runs again once the board is dropped, before MkDocs starts.
    gc.disable()
    try:
        if board is None:
            board = load_board(project, today=today)
        pages = render_site(board, site_health(project, board.today))
        if clean and project.generated_dir.exists():
            shutil.rmtree(project.generated_dir)
        report = write_pages(project.generated_dir, pages)
        config, listings, files = board.config, len(board.open_listings), len(pages)
        del board, pages
    finally:
        gc.enable()
    gc.collect()
    stamp_file.unlink(missing_ok=True)
    run_mkdocs(project, config)
    stamp = {
        # Taken before the board was read, so an edit made during the build is not missed.
        "inputs": inputs,
        "generated": _digest(project, today, generated=True),
        "listings": listings,
        "files": files,
    }
    stamp_file.write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return BuildReport(
        listings=listings,
        pages=report,
        seconds=time.perf_counter() - start,
        site_dir=project.relative(project.site_dir),
    )


def _read_stamp(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _digest(project: Project, today: dt.date, *, generated: bool) -> str:
    """A digest of what a build reads (or, with ``generated``, of the files it generated).

    Names, sizes and modification times stand in for content: stat-ing 20,000 files takes
    a fraction of a second, reading them takes far longer. The generated folder is only
    rewritten where bytes change, so its times move only with its content.
    """
    from importlib.metadata import version

    digest = hashlib.sha256()
    if generated:
        roots = [project.generated_dir]
    else:
        for package in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
            digest.update(f"{package}={version(package)}\n".encode())
        digest.update(f"today={today.isoformat()}\n".encode())
        # boardgen's own code too, so an upgrade (or a local edit) of the engine rebuilds.
        engine = Path(__file__).resolve().parent
        roots = [project.mkdocs_file, project.config_dir, project.content_dir]
        roots += [project.data_dir, engine]
    for root in roots:
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if not generated and project.generated_dir in path.parents:
                continue
            if path.is_file() and path.suffix != ".pyc":
                info = path.stat()
                digest.update(f"{path}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def run_mkdocs(
    project: Project,
    board: BoardConfig,
    *,
    site_dir: Path | None = None,
    site_url: str | None = None,
) -> None:
    """Build with MkDocs in this process, in strict mode, with board.yml's identity."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    overrides: dict[str, Any] = {
        "site_name": board.name,
        "site_dir": str(site_dir or project.site_dir),
        "use_directory_urls": True,  # generated pages link by directory URLs
    }
    if site_url or board.site_url:
        overrides["site_url"] = site_url or board.site_url
    if board.repo_url:
        overrides["repo_url"] = board.repo_url
    if board.tagline:
        overrides["site_description"] = board.tagline
    handler = _mkdocs_log_handler()
    try:
        # mkdocs.yml's relative paths (snippets' base_path) are relative to the project.
        with contextlib.chdir(project.root):
            config = load_config(config_file=str(project.mkdocs_file), strict=True, **overrides)
            build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs could not build the site: {exc}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _mkdocs_log_handler() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    return handler

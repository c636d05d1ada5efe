"""Building the site: gather and validate the board, write generated pages, run MkDocs."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardgen.board import load_board
from boardgen.errors import BuildError
from boardgen.generate import WriteReport, render_site, write_pages
from boardgen.project import Project
from boardgen.schema import BoardConfig


@dataclass(frozen=True)
class BuildReport:
    listings: int
    pages: WriteReport
    seconds: float
    site_dir: str

    def describe(self) -> str:
        p = self.pages
        return (
            f"built {self.site_dir}/ with {self.listings} open listings in {self.seconds:.1f} s "
            f"(pages: {p.written} written, {p.unchanged} unchanged, {p.removed} removed)"
        )


def build_site(project: Project, *, today: dt.date, clean: bool = False) -> BuildReport:
    """Generate pages from the board, then ``mkdocs build --strict``.

    Everything is validated before the first file is written; a failure leaves the
    previous site/ as it was until MkDocs starts writing.
    """
    start = time.perf_counter()
    board = load_board(project, today=today)
    pages = render_site(board)
    if clean and project.generated_dir.exists():
        shutil.rmtree(project.generated_dir)
    report = write_pages(project.generated_dir, pages)
    run_mkdocs(project, board.config)
    return BuildReport(
        listings=len(board.open_listings),
        pages=report,
        seconds=time.perf_counter() - start,
        site_dir=project.relative(project.site_dir),
    )


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

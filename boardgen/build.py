"""Building the site: gather and validate the board, write generated pages, run MkDocs."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
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


def build_site(project: Project, *, today: dt.date, clean: bool = False) -> BuildReport:
    """Generate pages from the board, then ``mkdocs build --strict``.

    Everything is validated before the first file is written; a failure leaves the
    previous site/ as it was until MkDocs starts writing. When nothing MkDocs reads has
    changed since the last build (same files, sizes and modification times, same tool
    versions), MkDocs is not run again: the site it would write is the one already there.
    """
    start = time.perf_counter()
    board = load_board(project, today=today)
    pages = render_site(board)
    if clean and project.generated_dir.exists():
        shutil.rmtree(project.generated_dir)
    report = write_pages(project.generated_dir, pages)
    stamp = project.site_dir / STAMP
    fingerprint = input_fingerprint(project, board.config)
    skipped = (
        not clean
        and (project.site_dir / "index.html").is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == fingerprint
    )
    if not skipped:
        stamp.unlink(missing_ok=True)
        run_mkdocs(project, board.config)
        stamp.write_text(fingerprint, encoding="utf-8")
    return BuildReport(
        listings=len(board.open_listings),
        pages=report,
        seconds=time.perf_counter() - start,
        site_dir=project.relative(project.site_dir),
        skipped=skipped,
    )


def input_fingerprint(project: Project, board: BoardConfig) -> str:
    """A digest of everything the MkDocs build reads.

    Generated files are only rewritten when their bytes change, so their modification
    times are as good as their content here, and stat-ing 10,000 files takes milliseconds.
    """
    from importlib.metadata import version

    digest = hashlib.sha256()
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        digest.update(f"{package}={version(package)}\n".encode())
    digest.update(board.model_dump_json().encode())
    # boardgen's own code too, so an upgrade (or a local edit) of the engine rebuilds.
    engine = Path(__file__).resolve().parent
    roots = [project.mkdocs_file, project.config_dir, project.content_dir, engine]
    for root in roots:
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file() and project.listings_dir not in path.parents:
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

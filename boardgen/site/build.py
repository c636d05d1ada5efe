"""Building the site: gather and validate the board, write generated pages, run MkDocs."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import html
import json
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from boardgen.config.project import Project
from boardgen.curate.board import Board
from boardgen.errors import BuildError
from boardgen.gather.board import load_board
from boardgen.model import Analytics, BoardConfig, CampusOverlay
from boardgen.site import forked
from boardgen.site.generate import WriteReport, generate, site_health

#: boardgen's own theme templates and assets, shipped inside the package.
THEME_DIR = Path(__file__).resolve().parents[1] / "theme"

#: Written into site/ after a successful build: what the build was made from.
STAMP = ".boardgen-build"


@dataclass(frozen=True)
class BuildReport:
    listings: int
    pages: WriteReport
    seconds: float
    site_dir: str
    skipped: bool = False
    #: Processes that rendered the pages (see :mod:`boardgen.site.mkbuild`).
    processes: int = 1

    def describe(self) -> str:
        p = self.pages
        done = "site is up to date in" if self.skipped else "built"
        on = f" by {self.processes} processes" if self.processes > 1 else ""
        return (
            f"{done} {self.site_dir}/ with {self.listings} open listings in {self.seconds:.1f} s"
            f"{on} (pages: {p.written} written, {p.unchanged} unchanged, {p.removed} removed)"
        )


def build_site(
    project: Project,
    *,
    today: dt.date,
    clean: bool = False,
    board: Board | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Generate pages from the board, then ``mkdocs build --strict``.

    ``board``: the board as :func:`load_board` just loaded it from these files, to save
    loading it again (``boardgen update`` has it). ``workers``: processes that render
    the pages (see :mod:`boardgen.site.mkbuild`; None: one per core, 1: this process alone).

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
        if clean and project.generated_dir.exists():
            shutil.rmtree(project.generated_dir)
        count = forked.default_workers() if workers is None else workers
        health = site_health(project, board.today)
        report, files = generate(project.generated_dir, board, health, workers=count)
        config, overlay = board.config, board.overlay
        listings = len(board.open_listings)
        del board
    finally:
        gc.enable()
    gc.collect()
    stamp_file.unlink(missing_ok=True)
    processes = run_mkdocs(project, config, overlay=overlay, workers=workers)
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
        processes=processes,
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
        for package in ("mkdocs", "mkdocs-material", "pymdown-extensions", "snowballstemmer"):
            digest.update(f"{package}={version(package)}\n".encode())
        digest.update(f"today={today.isoformat()}\n".encode())
        # boardgen's own code too, so an upgrade (or a local edit) of the engine rebuilds.
        engine = Path(__file__).resolve().parents[1]
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
    overlay: CampusOverlay | None = None,
    workers: int | None = None,
) -> int:
    """Build with MkDocs, in strict mode, with board.yml's identity; return the processes.

    ``workers``: processes that read and render the pages (:mod:`boardgen.site.mkbuild`);
    None: one per core; 1: this process alone, with MkDocs' own build.

    Everything a campus sets in board.yml (name, URLs, colours, logo, language, footer,
    announcement, analytics) and overlay.yml's pages is applied to the loaded config here,
    so a board never edits mkdocs.yml or a template for them.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from boardgen.site import mkbuild

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
            use_engine_theme(config.theme, project)
            apply_branding(config, board)
            if overlay is not None and overlay.pages:
                config.nav = add_pages(config.nav, overlay)
            count = forked.default_workers() if workers is None else workers
            return mkbuild.build(config, workers=count)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs could not build the site: {exc}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def use_engine_theme(theme: Any, project: Project) -> None:
    """Put boardgen's templates behind the board's own overrides, ahead of Material's.

    Jinja looks through ``theme.dirs`` in order: mkdocs.yml's ``custom_dir`` (if any), then
    ``site_config/overrides/`` (optional, found by convention), then the package's
    templates, which extend Material's ``base.html``. So a board's template replaces the
    package's one of the same name and leaves the rest maintained by boardgen.
    """
    dirs: list[str] = theme.dirs
    board_dirs = [Path(theme.custom_dir).resolve()] if theme.custom_dir else []
    custom = project.theme_overrides_dir.resolve()
    if custom.is_dir() and custom not in board_dirs:
        dirs.insert(len(board_dirs), str(custom))
        board_dirs.append(custom)
    if THEME_DIR not in [Path(d).resolve() for d in dirs]:
        dirs.insert(len(board_dirs), str(THEME_DIR))


def apply_branding(config: Any, board: BoardConfig) -> None:
    """board.yml's look and language, set on a loaded MkDocs config (Material's keys)."""
    theme = config.theme
    theme["language"] = board.language
    palette = theme.get("palette") or [
        {"media": "(prefers-color-scheme: light)", "scheme": "default"},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
    ]
    for scheme in palette if isinstance(palette, list) else [palette]:
        scheme["primary"] = board.colors.primary
        scheme["accent"] = board.colors.accent
    theme["palette"] = palette
    if board.logo:
        theme["logo"] = board.logo
    if board.favicon:
        theme["favicon"] = board.favicon
    if board.footer:
        # Material prints copyright as HTML; board.yml text is shown as text.
        config.copyright = html.escape(board.footer)
    if board.social:
        config.extra["social"] = [
            {
                "icon": link.icon or social_icon(link.link),
                "link": link.link,
                "name": link.name or "",
            }
            for link in board.social
        ]
    extra: dict[str, Any] = {"campus": board.campus or ""}
    if board.announcement:
        extra["announcement"] = board.announcement.model_dump()
    if board.analytics:
        extra["analytics"] = analytics_tag(board.analytics)
    config.extra["boardgen"] = extra


#: Icons Material ships for common hosts; anything else gets a plain link icon.
SOCIAL_ICONS = {
    "github.com": "fontawesome/brands/github",
    "instagram.com": "fontawesome/brands/instagram",
    "linkedin.com": "fontawesome/brands/linkedin",
    "x.com": "fontawesome/brands/x-twitter",
    "twitter.com": "fontawesome/brands/x-twitter",
    "facebook.com": "fontawesome/brands/facebook",
    "youtube.com": "fontawesome/brands/youtube",
    "tiktok.com": "fontawesome/brands/tiktok",
    "bsky.app": "fontawesome/brands/bluesky",
}


def social_icon(link: str) -> str:
    host = (urlsplit(link).hostname or "").removeprefix("www.")
    if "mastodon" in host:
        return "fontawesome/brands/mastodon"
    return SOCIAL_ICONS.get(host, "fontawesome/solid/link")


def analytics_tag(analytics: Analytics) -> dict[str, str]:
    """The one script tag's parts: its address and the attribute naming the site."""
    if analytics.provider == "plausible":
        src = analytics.script or "https://plausible.io/js/script.js"
        return {"src": src, "attribute": "data-domain", "value": analytics.site}
    src = analytics.script or "https://gc.zgo.at/count.js"
    endpoint = f"https://{analytics.site}.goatcounter.com/count"
    return {"src": src, "attribute": "data-goatcounter", "value": endpoint}


def add_pages(nav: list[Any] | None, overlay: CampusOverlay) -> list[Any]:
    """mkdocs.yml's nav with overlay.yml's campus pages added (to a section, or at the end)."""
    result: list[Any] = list(nav or [])
    for extra in overlay.pages:
        entry = {extra.title: extra.file}
        for index, item in enumerate(result):
            if (
                extra.section
                and isinstance(item, dict)
                and isinstance(item.get(extra.section), list)
            ):
                result[index] = {extra.section: [*item[extra.section], entry]}
                break
        else:
            result.append(entry)
    return result


def _mkdocs_log_handler() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    return handler

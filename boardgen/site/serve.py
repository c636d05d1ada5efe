"""`boardgen serve`: a live-reloading preview that regenerates pages when listings change.

``mkdocs serve`` only rebuilds MkDocs; boardgen's pages come from listings, site_config/ and
data/, so this serves with MkDocs' own LiveReloadServer around a builder that first runs
boardgen's generator. A board that stops validating keeps the last good preview and prints
the problems, as MkDocs does for a broken page.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import click

from boardgen.config.project import Project
from boardgen.errors import BoardgenError
from boardgen.gather.board import load_board
from boardgen.site.build import run_mkdocs
from boardgen.site.generate import render_site, site_health, write_pages


def make_builder(
    project: Project, site_dir: Path, serve_url: str, today: Callable[[], dt.date]
) -> Callable[[], None]:
    def builder() -> None:
        try:
            board = load_board(project, today=today())
            report = write_pages(
                project.generated_dir, render_site(board, site_health(project, board.today))
            )
            run_mkdocs(
                project, board.config, site_dir=site_dir, site_url=serve_url, overlay=board.overlay
            )
        except BoardgenError as exc:
            click.echo(f"error: {exc} (still serving the last good build)", err=True)
            for problem in getattr(exc, "problems", []):
                click.echo(problem.format(), err=True)
            return
        click.echo(
            f"rebuilt: {len(board.open_listings)} open listings, {report.written} files "
            f"written, {report.removed} removed",
            err=True,
        )

    return builder


def serve(
    project: Project,
    *,
    host: str,
    port: int,
    today: Callable[[], dt.date],
    open_browser: bool = False,
) -> None:
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="boardgen-serve-"))
    serve_url = f"http://{host}:{port}/"
    builder = make_builder(project, site_dir, serve_url, today)
    builder()
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))
    # Listings, guidance pages and the generated folder are all under content/; a write
    # there by the builder wakes the server once more, and that rebuild writes nothing.
    for path in (project.content_dir, project.config_dir, project.data_dir, project.mkdocs_file):
        if path.exists():
            server.watch(str(path))
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    click.echo(f"serving {serve_url} (Ctrl+C to stop)", err=True)
    try:
        server.serve(open_in_browser=open_browser)  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)

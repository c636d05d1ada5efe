"""``boardgen update``: fetch (or merge shards), curate, build, and say what changed.

One command for any scheduler (GitHub Actions, cron, GitLab CI). The board is loaded
before and after the fetch; the two snapshots give the change log, which is written to a
file as a commit message. A failing source never stops the update (its last good listings
stay); when every source tried failed, the site is still built and the change log
written, then the command exits 1 so the scheduler reports it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console

from boardgen.commands._shared import Context, engine_options
from boardgen.config.load import load_sources
from boardgen.config.project import Project
from boardgen.curate.changes import ChangeLog, FailingSource, compare, snapshot
from boardgen.errors import FetchRunError
from boardgen.fetch.command import merge_shards, run_fetch
from boardgen.fetch.engine import FetchOptions
from boardgen.gather.board import load_board
from boardgen.site.build import BuildReport, build_site
from boardgen.store.sources import write_text_atomic
from boardgen.store.state import load_state

__all__ = ["UpdateResult", "failing_sources", "run_update"]


@dataclass(frozen=True)
class UpdateResult:
    changes: ChangeLog
    build: BuildReport | None
    #: Sources fetched (or merged from shards) this run.
    sources: int
    #: Set when every source tried failed: raised after the change log is written.
    fetch_error: FetchRunError | None = None


def failing_sources(project: Project) -> list[FailingSource]:
    """Enabled sources whose last attempts failed, or that the fetcher disabled (HTTP 410)."""
    config = load_sources(project)
    state = load_state(project.data_dir / "state.json")
    failing = []
    for source in config.sources:
        st = state.sources.get(source.id)
        if not source.enabled or st is None:
            continue
        if st.disabled_reason:
            failing.append(FailingSource(source.id, st.disabled_reason, st.consecutive_failures))
        elif st.consecutive_failures:
            message = st.last_error.message if st.last_error else "failed"
            failing.append(FailingSource(source.id, message, st.consecutive_failures))
    return failing


def run_update(
    project: Project,
    *,
    today: dt.date,
    options: FetchOptions,
    source_ids: Sequence[str] = (),
    shard_dirs: Sequence[Path] = (),
    build: bool = True,
    changelog: Path | None = None,
    console: Console | None = None,
) -> UpdateResult:
    """Fetch or merge, compare the board before and after, build, write the change log.

    Raises (before anything is fetched) when the board itself is invalid: an update must
    not publish a board it cannot check.
    """
    from boardgen.gather.validate import check_project

    err = console or Console(stderr=True)
    # Fetching changes data/ only: the check of config and contributed files (most of a
    # large board's load time) serves the board before, the board after and the build.
    check = check_project(project, today=today)
    before = snapshot(load_board(project, today=today, check=check))
    fetch_error: FetchRunError | None = None
    if shard_dirs:
        count = len(merge_shards(project, shard_dirs))
        err.print(f"merged {count} sources from {len(shard_dirs)} shard folders", highlight=False)
    else:
        try:
            report = run_fetch(
                project, ids=source_ids, shard=None, as_json=False, options=options, out=err
            )
            count = len(report.attempted)
        except FetchRunError as exc:
            fetch_error = exc
            count = 0
    # Held in a list that build_site empties, so that this frame keeps no reference to the
    # board (nor to the check and snapshots) while MkDocs runs: large boards are large.
    board = [load_board(project, today=today, check=check)]
    changes = compare(before, snapshot(board[0]), failing_sources(project))
    del check, before
    if changelog is not None:
        changelog.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(changelog, changes.text())
    built = build_site(project, today=today, board=board.pop()) if build else None
    return UpdateResult(changes, built, count, fetch_error)


@click.command()
@click.option(
    "--changelog",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the change log here (its first line is a commit subject).",
)
@click.option(
    "--merge",
    "shard_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="DIR",
    help="Merge these shards' data/ folders (from 'fetch --shard') instead of fetching.",
)
@click.option("--source", "source_ids", multiple=True, metavar="ID", help="Fetch only this source.")
@click.option("--no-build", is_flag=True, help="Stop after curating; do not build the site.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@engine_options
@click.pass_obj
def update(
    obj: Context,
    changelog: Path | None,
    shard_dirs: tuple[Path, ...],
    source_ids: tuple[str, ...],
    no_build: bool,
    as_json: bool,
    options: FetchOptions,
) -> None:
    """Fetch every source, curate and build the site, and report what changed.

    The change log lists new, updated and closed listings and failing sources; with
    --changelog it is written to a file usable as a commit message. Exits 0 when the
    update ran (some sources may have failed), 1 when every source tried failed (the site
    is still built and the change log written) or the board is invalid.
    """
    if shard_dirs and source_ids:
        raise click.UsageError("--merge and --source do not go together")
    result = run_update(
        obj.project(),
        today=obj.today,
        options=options,
        source_ids=source_ids,
        shard_dirs=shard_dirs,
        build=not no_build,
        changelog=changelog,
    )
    if as_json:
        data = result.changes.as_dict()
        data["built"] = result.build is not None
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(result.changes.text(), nl=False)
    if result.build is not None:
        click.echo(result.build.describe(), err=True)
    if changelog is not None:
        click.echo(f"change log written to {changelog}", err=True)
    if result.fetch_error is not None:
        raise result.fetch_error

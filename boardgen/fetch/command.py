"""What ``boardgen fetch``, ``status`` and ``merge`` do around the engine: config, output, shards.

The CLI module stays a thin layer of click options; loading sources.yml, choosing the
sources to run, drawing progress and the closing table live here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from boardgen.config.load import load_board_config, load_sources
from boardgen.config.project import Project
from boardgen.errors import FetchRunError, ProjectError
from boardgen.fetch.engine import SKIPPED, Engine, FetchOptions, RunReport, SourceResult
from boardgen.fetch.engine import default_user_agent as _user_agent
from boardgen.fetch.shard import in_shard
from boardgen.model import Source, SourcesConfig
from boardgen.store.sightings import load_lifecycle, save_lifecycle
from boardgen.store.sources import SourceData, read_json, source_data_path, write_json_atomic
from boardgen.store.state import State, load_state, save_state

__all__ = [
    "merge_shards",
    "run_fetch",
    "select_sources",
    "show_status",
]


def select_sources(
    config: SourcesConfig, ids: Sequence[str], shard: tuple[int, int] | None
) -> list[Source]:
    """The enabled sources to fetch: the ``ids`` given (all if none), then the shard's part."""
    known = {source.id: source for source in config.sources}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ProjectError(
            f"no source with id {', '.join(map(repr, unknown))} in site_config/sources.yml "
            f"(known: {', '.join(known) or 'none'})"
        )
    chosen = [known[i] for i in dict.fromkeys(ids)] if ids else list(config.sources)
    if not ids:
        chosen = [s for s in chosen if s.enabled]
    if shard is not None:
        chosen = [s for s in chosen if in_shard(s.id, *shard)]
    return chosen


def run_fetch(
    project: Project,
    *,
    ids: Sequence[str],
    shard: tuple[int, int] | None,
    as_json: bool,
    options: FetchOptions,
    out: Console | None = None,
) -> RunReport:
    """Fetch, show progress and the closing table; raise if every source failed.

    ``out`` receives the report (standard output unless given; ``boardgen update`` keeps
    its own standard output for its change log).
    """
    sources = select_sources(load_sources(project), ids, shard)
    board = load_board_config(project)
    if options.user_agent == _user_agent():
        contact = (board.site_url or board.repo_url) if board else None
        options = dataclasses.replace(options, user_agent=_user_agent(contact))
    if board is not None:
        options = dataclasses.replace(
            options,
            misses_to_close=board.lifecycle.misses_to_close,
            keep_days=board.lifecycle.forget_closed_days,
        )
    err = Console(stderr=True)
    out = out or Console()
    if not sources:
        err.print("no enabled sources to fetch (see site_config/sources.yml)")
        report = RunReport([], 0.0)
    elif err.is_terminal and not as_json:
        with Progress(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("", total=len(sources))

            def advance(result: SourceResult) -> None:
                progress.update(task, advance=1, description=f"{result.source}: {result.status}")

            report = _engine(project, options, advance).run(sources)
    else:
        report = _engine(project, options, lambda r: err.print(_line(r), highlight=False)).run(
            sources
        )
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "ok": not report.all_failed,
                    "seconds": round(report.seconds, 3),
                    "sources": [r.as_dict() for r in report.results],
                }
            )
        )
    elif report.results:
        out.print(_table(report))
    if report.all_failed:
        raise FetchRunError(
            f"all {len(report.attempted)} sources that were tried failed: check the network "
            "and the errors above"
        )
    return report


def _engine(
    project: Project, options: FetchOptions, on_result: Callable[[SourceResult], None]
) -> Engine:
    return Engine(project.data_dir, options=options, on_result=on_result)


def _line(result: SourceResult) -> str:
    counts = f"{result.listings} listings (+{result.new} ~{result.updated} -{result.removed})"
    tail = f": {result.error}" if result.error else (f" ({result.note})" if result.note else "")
    return f"{result.status:<11} {result.source}  {counts}  {result.seconds:.1f}s{tail}"


_STYLE = {"ok": "green", "unchanged": "green", "suspicious": "yellow", "waiting": "yellow"}


def _table(report: RunReport) -> Table:
    table = Table(title=f"boardgen fetch: {len(report.results)} sources, {report.seconds:.1f} s")
    for column in ("source", "status", "listings", "new", "updated", "removed", "time", "error"):
        table.add_column(column, justify="right" if column in ("new", "updated") else "left")
    for r in sorted(report.results, key=lambda item: item.source):
        style = _STYLE.get(r.status, "dim" if r.status in SKIPPED else "red")
        table.add_row(
            r.source,
            f"[{style}]{r.status}[/]",
            str(r.listings),
            str(r.new),
            str(r.updated),
            str(r.removed),
            f"{r.seconds:.1f}s",
            r.error or r.note or "",
        )
    return table


def show_status(project: Project, *, as_json: bool, now: dt.datetime) -> None:
    """Each configured source's health from data/state.json."""
    rows = source_health(project, now)
    if as_json:
        Console().print_json(json.dumps({"sources": rows}))
        return
    _print_health(rows)


def source_health(project: Project, now: dt.datetime) -> list[dict[str, Any]]:
    """One row per configured source: health, listings, last success, failures, next try.

    Shared by ``boardgen status`` and the site's Sources page, so both say the same.
    """
    config = load_sources(project)
    state = load_state(project.data_dir / "state.json")
    rows: list[dict[str, Any]] = []
    for source in config.sources:
        st = state.sources.get(source.id)
        error = st.last_error.message if st and st.last_error else None
        rows.append(
            {
                "source": source.id,
                "name": source.name or source.id,
                "kind": source.kind,
                "enabled": source.enabled,
                "health": (st.health(now) if st else "new") if source.enabled else "off",
                "listings": st.listing_count if st else 0,
                "last_success": _iso(st.last_success_at if st else None),
                "consecutive_failures": st.consecutive_failures if st else 0,
                "next_attempt": _iso(st.next_attempt_at if st else None),
                "error": (st.disabled_reason if st and st.disabled_reason else error),
            }
        )
    return rows


def _print_health(rows: list[dict[str, Any]]) -> None:
    table = Table(title="boardgen sources")
    for column in ("source", "kind", "health", "listings", "last success", "failures", "next"):
        table.add_column(column)
    table.add_column("error")
    for row in rows:
        table.add_row(
            str(row["source"]),
            str(row["kind"]),
            str(row["health"]),
            str(row["listings"]),
            str(row["last_success"] or "never"),
            str(row["consecutive_failures"]),
            str(row["next_attempt"] or "next run"),
            str(row["error"] or ""),
        )
    Console().print(table)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def merge_shards(project: Project, shard_dirs: Sequence[Path]) -> list[str]:
    """Fold shards' ``data/`` directories into the project's, newest attempt winning.

    Shards are disjoint by construction (a hash of the source id), so normally this is a
    plain union; if two shards did hold the same source, the later attempt wins.
    """
    target = load_state(project.data_dir / "state.json")
    lifecycle = load_lifecycle(project.data_dir)
    merged: list[str] = []
    for shard_dir in shard_dirs:
        state_file = shard_dir / "state.json"
        if not state_file.is_file():
            raise ProjectError(f"{shard_dir} holds no state.json: is it a shard's data/ folder?")
        shard = load_state(state_file)
        shard_lifecycle = load_lifecycle(shard_dir)
        for sid, st in shard.sources.items():
            mine = target.sources.get(sid)
            newer = mine is None or (
                st.last_attempt_at or dt.datetime.min.replace(tzinfo=dt.UTC)
            ) >= (mine.last_attempt_at or dt.datetime.min.replace(tzinfo=dt.UTC))
            if not newer:
                continue
            target.sources[sid] = st
            raw = read_json(source_data_path(shard_dir, sid))
            if raw is not None:
                SourceData.model_validate(raw)  # refuse to copy a corrupt file
                write_json_atomic(source_data_path(project.data_dir, sid), raw)
            if sid in shard_lifecycle.sources:
                lifecycle.sources[sid] = shard_lifecycle.sources[sid]
            merged.append(sid)
    save_state(project.data_dir / "state.json", State(sources=dict(sorted(target.sources.items()))))
    save_lifecycle(project.data_dir, lifecycle)
    return merged

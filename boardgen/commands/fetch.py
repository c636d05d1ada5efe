"""Fetching the sources into data/: ``boardgen fetch``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from boardgen.commands._shared import Context, engine_options

if TYPE_CHECKING:
    from boardgen.fetch import FetchOptions


@click.command()
@click.option(
    "--source",
    "source_ids",
    multiple=True,
    metavar="ID",
    help="Fetch only this source (repeatable).",
)
@click.option("--shard", metavar="K/N", help="Fetch a stable K-th of N parts of the sources.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report.")
@engine_options
@click.pass_obj
def fetch(
    obj: Context,
    source_ids: tuple[str, ...],
    shard: str | None,
    as_json: bool,
    options: FetchOptions,
) -> None:
    """Fetch listings from the sources in site_config/sources.yml into data/.

    Exits 0 when the run completed, even if some sources failed (their last good listings
    are kept); 1 when the configuration is invalid or every source tried failed.
    """
    from boardgen.fetch import parse_shard
    from boardgen.fetch.command import run_fetch

    try:
        parts = parse_shard(shard) if shard is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None
    run_fetch(obj.project(), ids=source_ids, shard=parts, as_json=as_json, options=options)

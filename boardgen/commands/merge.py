"""Combining sharded fetches: ``boardgen merge``."""

from __future__ import annotations

from pathlib import Path

import click

from boardgen.commands._shared import Context


@click.command()
@click.argument(
    "shard_dirs", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.pass_obj
def merge(obj: Context, shard_dirs: tuple[Path, ...]) -> None:
    """Combine the data/ folders of sharded fetch runs into this project's data/."""
    from boardgen.fetch.command import merge_shards

    merged = merge_shards(obj.project(), shard_dirs)
    click.echo(f"merged {len(merged)} sources from {len(shard_dirs)} shard folders", err=True)

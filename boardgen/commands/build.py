"""Building the site: ``boardgen build``."""

from __future__ import annotations

import click

from boardgen.commands._shared import Context


@click.command()
@click.option("--clean", is_flag=True, help="Remove generated pages first.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that render the pages (default: one per core; 1: no extra process).",
)
@click.pass_obj
def build(obj: Context, clean: bool, workers: int | None) -> None:
    """Generate the listing pages and build the site into site/ with MkDocs (strict)."""
    from boardgen.site.build import build_site

    report = build_site(obj.project(), today=obj.today, clean=clean, workers=workers)
    click.echo(report.describe(), err=True)

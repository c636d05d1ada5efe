"""Scaffolding a listing file: ``boardgen new``."""

from __future__ import annotations

import sys

import click

from boardgen.commands._shared import Context


@click.command()
@click.argument("listing_id", required=False)
@click.option("--title")
@click.option("--organization")
@click.option("--apply-url")
@click.option("--type", "opportunity_type")
@click.option("--work-mode")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
def new(
    obj: Context,
    listing_id: str | None,
    title: str | None,
    organization: str | None,
    apply_url: str | None,
    opportunity_type: str | None,
    work_mode: str | None,
    force: bool,
) -> None:
    """Create content/listings/<id>.yml with every field present and explained.

    Values come from the flags; on a terminal, boardgen asks for the ones not given.
    """
    from boardgen.intake.scaffold import NewListing, write_new_listing

    answers = NewListing(
        id=listing_id,
        title=title,
        organization=organization,
        apply_url=apply_url,
        opportunity_type=opportunity_type,
        work_mode=work_mode,
    )
    if sys.stdin.isatty():
        answers = answers.ask(click.prompt)
    path = write_new_listing(obj.project(), answers, today=obj.today, force=force)
    click.echo(f"wrote {path}: fill in the fields, then run 'boardgen validate'")

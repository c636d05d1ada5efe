"""Printing the open listings: ``boardgen export``."""

from __future__ import annotations

import click

from boardgen.commands._shared import Context


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.pass_obj
def export(obj: Context, fmt: str) -> None:
    """Print the board's open listings (what the site shows) as JSON or CSV."""
    from boardgen.gather.board import load_board
    from boardgen.render.export import to_csv, to_json

    board = load_board(obj.project(), today=obj.today)
    text = to_json(board.open_listings) if fmt == "json" else to_csv(board.open_listings)
    click.echo(text, nl=False)

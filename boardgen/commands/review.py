"""What curation kept off the board: ``boardgen review``."""

from __future__ import annotations

import json

import click

from boardgen.commands._shared import Context


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable output.")
@click.pass_obj
def review(obj: Context, as_json: bool) -> None:
    """List what curation kept off the board, and why.

    Held listings (scam flags, each rule's reason and weight), listings the board's rules
    exclude, and pairs that may be one posting (both kept). Always exits 0.
    """
    from boardgen.curate.review import review_data, review_text
    from boardgen.gather.board import load_board

    board = load_board(obj.project(), today=obj.today)
    if as_json:
        click.echo(json.dumps(review_data(board), indent=2, ensure_ascii=False))
    else:
        click.echo(review_text(board), nl=False)

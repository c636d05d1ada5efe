"""Creating a board project: ``boardgen init``."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", help="The board's name, e.g. 'Example U Opportunity Board'.")
@click.option("--campus", help="The campus or institution it serves.")
@click.option("--site-url", help="Where it will be published, e.g. https://example.edu/jobs/.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def init(
    directory: Path, name: str | None, campus: str | None, site_url: str | None, force: bool
) -> None:
    """Create a new board project in DIRECTORY that builds at once.

    Values come from the flags; on a terminal, boardgen asks for the ones not given.
    """
    from boardgen.config.starter import NewBoard, init_board

    answers = NewBoard(name=name, campus=campus, site_url=site_url)
    if sys.stdin.isatty():
        answers = answers.ask(click.prompt)
    written = init_board(directory, answers, force=force)
    click.echo(
        f"created {directory} ({len(written)} files). Next: edit {directory}/site_config/"
        f"board.yml, then run 'boardgen -C {directory} build' (see "
        "content/guide/campus-in-15-minutes.md)"
    )

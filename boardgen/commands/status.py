"""Each source's health: ``boardgen status``."""

from __future__ import annotations

import datetime as dt

import click

from boardgen.commands._shared import Context


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable health.")
@click.pass_obj
def status(obj: Context, as_json: bool) -> None:
    """Show each source's health: last success, consecutive failures, next attempt."""
    from boardgen.fetch.command import show_status

    show_status(obj.project(), as_json=as_json, now=dt.datetime.now(dt.UTC))

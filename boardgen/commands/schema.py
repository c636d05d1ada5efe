"""Regenerating the JSON Schemas and references: ``boardgen schema``."""

from __future__ import annotations

import sys

import click

from boardgen.commands._shared import Context


@click.command(name="schema")
@click.option("--check", is_flag=True, help="Exit 1 if the committed schemas are out of date.")
@click.pass_obj
def schema_cmd(obj: Context, check: bool) -> None:
    """Write schemas/*.json (editor completion) and the listing field reference page."""
    from boardgen.config.generated import write_generated

    stale = write_generated(obj.project_dir, check_only=check)
    for name in stale:
        click.echo(f"{'out of date' if check else 'wrote'}: {name}")
    if check and stale:
        sys.exit(1)

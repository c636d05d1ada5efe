"""Checking a whole project: ``boardgen validate``."""

from __future__ import annotations

import json
import sys

import click

from boardgen.commands._shared import Context
from boardgen.problems import Problem


@click.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json gives a machine-readable list of problems.",
)
@click.pass_obj
def validate(obj: Context, strict: bool, fmt: str) -> None:
    """Check site_config/*.yml and every content/listings/*.yml, reporting every problem."""
    from boardgen.gather.validate import check_project

    check = check_project(obj.project(), today=obj.today)
    failing = check.errors + (check.warnings if strict else [])
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "ok": not failing,
                    "files": check.files_checked,
                    "problems": [p.as_dict() for p in check.problems],
                },
                indent=2,
            )
        )
    else:
        for problem in check.problems:
            click.echo(problem.format())
        click.echo(_summary(check.files_checked, check.errors, check.warnings, strict), err=True)
    sys.exit(1 if failing else 0)


def _summary(files: int, errors: list[Problem], warnings: list[Problem], strict: bool) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    text = f"{plural(files, 'file')} checked: {plural(len(errors), 'error')}, "
    text += plural(len(warnings), "warning")
    if warnings and strict:
        text += " (--strict: warnings count as errors)"
    return text

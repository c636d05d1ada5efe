"""The ``boardgen`` command line: the one boundary where :class:`BoardgenError` is caught.

Each command lives in its own module of this package and is added to the group here.
Heavy imports (MkDocs, nh3, httpx) happen inside the commands that need them, so
``boardgen validate`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

import click

from boardgen import __version__
from boardgen.commands import (
    build,
    export,
    fetch,
    from_issue,
    init,
    merge,
    new,
    pr_report,
    review,
    schema,
    serve,
    status,
    update,
    validate,
)
from boardgen.commands._shared import Context, parse_today
from boardgen.errors import BoardgenError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The board project directory.",
)
@click.option(
    "--today",
    callback=parse_today,
    metavar="YYYY-MM-DD",
    envvar="BOARDGEN_TODAY",
    help="Act as if today were this date (for reproducible builds and tests; "
    "or set BOARDGEN_TODAY).",
)
@click.version_option(__version__, prog_name="boardgen")
@click.pass_context
def cli(ctx: click.Context, project_dir: Path, today: dt.date) -> None:
    """Build and curate a static board of micro-internships and internships."""
    ctx.obj = Context(project_dir, today)


for _command in (
    validate.validate,
    export.export,
    review.review,
    build.build,
    serve.serve,
    new.new,
    init.init,
    schema.schema_cmd,
    fetch.fetch,
    status.status,
    merge.merge,
    update.update,
    from_issue.from_issue,
    pr_report.pr_report,
):
    cli.add_command(_command)


def main() -> NoReturn:
    """Entry point: run the CLI, turning BoardgenError into a message and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BoardgenError as exc:
        click.echo(f"error: {exc}", err=True)
        problems = getattr(exc, "problems", [])
        for problem in problems:
            click.echo(problem.format(), err=True)
        sys.exit(exc.exit_code)
    sys.exit(0)

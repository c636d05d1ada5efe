"""Turning a submission issue into a listing file: ``boardgen from-issue``."""

from __future__ import annotations

from pathlib import Path

import click

from boardgen.commands._shared import Context
from boardgen.problems import Problem


@click.command(name="from-issue")
@click.argument("body_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--issue", type=click.IntRange(1), help="The issue number, noted in the file.")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a Markdown comment for the issue here (what was made, or what to fix).",
)
@click.option("--force", is_flag=True, help="Overwrite a listing file with the same id.")
@click.pass_obj
def from_issue(
    obj: Context, body_file: Path, issue: int | None, report: Path | None, force: bool
) -> None:
    """Turn a "Submit an opportunity" issue body into content/listings/<id>.yml.

    BODY_FILE holds the issue body as GitHub renders the form. Every field is checked
    before anything is written; on problems nothing is written, each problem names its
    field, and the exit code is 1. Prints the new file's path.
    """
    from boardgen.errors import SubmissionError
    from boardgen.intake.submission import report_markdown, write_submission

    project = obj.project()
    try:
        body = body_file.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        problem = Problem(str(body_file), 1, 1, "", "is not UTF-8 text")
        body = None
        error = SubmissionError("the issue body cannot be read", [problem])
    if body is not None:
        try:
            path, submission = write_submission(
                project,
                body,
                today=obj.today,
                source=body_file.name,
                issue=issue,
                force=force,
            )
        except SubmissionError as exc:
            error = exc
        else:
            rel = project.relative(path)
            for warning in submission.warnings:
                click.echo(warning.format(), err=True)
            if report is not None:
                report.write_text(
                    report_markdown([], path=rel, warnings=submission.warnings, issue=issue),
                    encoding="utf-8",
                )
            click.echo(rel)
            return
    if report is not None:
        report.write_text(report_markdown(error.problems), encoding="utf-8")
    raise error

"""A listing pull request's comment: ``boardgen pr-report``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(name="pr-report")
@click.argument("report_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--files",
    "files_list",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The pull request's changed files, one per line (from GitHub's API).",
)
@click.option(
    "--comment",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown comment for the pull request here.",
)
def pr_report(report_file: Path, files_list: Path, comment: Path | None) -> None:
    """Make a pull request's listing-check comment from a 'validate --format json' report.

    The report is treated as untrusted data. Prints listings_only=... and code=... lines
    (for $GITHUB_OUTPUT): whether the PR changes only listing files, and whether it
    touches code paths that need a maintainer's review.
    """
    from boardgen.intake.prreport import classify, comment_markdown, read_report

    files = files_list.read_text(encoding="utf-8", errors="replace").splitlines()
    report = read_report(report_file.read_bytes())
    if comment is not None:
        comment.write_text(comment_markdown(report, files), encoding="utf-8")
    click.echo(classify(files).outputs(), nl=False)

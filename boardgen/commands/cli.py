"""The ``boardgen`` command line: the one boundary where :class:`BoardgenError` is caught.

Heavy imports (MkDocs, nh3, httpx) happen inside the commands that need them, so
``boardgen validate`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from boardgen import __version__
from boardgen.config.project import Project
from boardgen.errors import BoardgenError
from boardgen.problems import Problem


@dataclass(frozen=True)
class Context:
    project_dir: Path
    today: dt.date

    def project(self) -> Project:
        return Project.open(self.project_dir)


def _parse_today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD") from None


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
    callback=_parse_today,
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


@cli.command()
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


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.pass_obj
def export(obj: Context, fmt: str) -> None:
    """Print the board's open listings (what the site shows) as JSON or CSV."""
    from boardgen.gather.board import load_board
    from boardgen.render.export import to_csv, to_json

    board = load_board(obj.project(), today=obj.today)
    text = to_json(board.open_listings) if fmt == "json" else to_csv(board.open_listings)
    click.echo(text, nl=False)


@cli.command()
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


@cli.command()
@click.option("--clean", is_flag=True, help="Remove generated pages first.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that render the pages (default: one per core; 1: no extra process).",
)
@click.pass_obj
def build(obj: Context, clean: bool, workers: int | None) -> None:
    """Generate the listing pages and build the site into site/ with MkDocs (strict)."""
    from boardgen.site.build import build_site

    report = build_site(obj.project(), today=obj.today, clean=clean, workers=workers)
    click.echo(report.describe(), err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_obj
def serve(obj: Context, host: str, port: int, open_browser: bool) -> None:
    """Preview the site, rebuilding when listings, pages, config or data change."""
    from boardgen.site.serve import serve as run_server

    pinned = obj.today
    run_server(obj.project(), host=host, port=port, today=lambda: pinned, open_browser=open_browser)


@cli.command()
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


@cli.command()
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


@cli.command(name="schema")
@click.option("--check", is_flag=True, help="Exit 1 if the committed schemas are out of date.")
@click.pass_obj
def schema_cmd(obj: Context, check: bool) -> None:
    """Write schemas/*.json (editor completion) and the listing field reference page."""
    from boardgen.model.jsonschema import write_generated

    stale = write_generated(obj.project_dir, check_only=check)
    for name in stale:
        click.echo(f"{'out of date' if check else 'wrote'}: {name}")
    if check and stale:
        sys.exit(1)


_F = TypeVar("_F", bound=Callable[..., Any])


def _fetch_options(command: _F) -> _F:
    """The engine's options, shared by ``fetch`` and ``update``."""
    options = (
        click.option(
            "--force", is_flag=True, help="Ignore backoff and retry disabled (410) sources."
        ),
        click.option("--concurrency", type=click.IntRange(1, 256), default=16, show_default=True),
        click.option("--per-host", type=click.IntRange(1, 64), default=4, show_default=True),
        click.option(
            "--workers",
            type=click.IntRange(0, 64),
            default=None,
            help="Processes parsing payloads beside the fetching one (0: parse in it). "
            "Default: one per extra core, for runs of 50 sources or more.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.option(
    "--source",
    "source_ids",
    multiple=True,
    metavar="ID",
    help="Fetch only this source (repeatable).",
)
@click.option("--shard", metavar="K/N", help="Fetch a stable K-th of N parts of the sources.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report.")
@_fetch_options
@click.pass_obj
def fetch(
    obj: Context,
    source_ids: tuple[str, ...],
    shard: str | None,
    as_json: bool,
    force: bool,
    concurrency: int,
    per_host: int,
    workers: int | None,
) -> None:
    """Fetch listings from the sources in site_config/sources.yml into data/.

    Exits 0 when the run completed, even if some sources failed (their last good listings
    are kept); 1 when the configuration is invalid or every source tried failed.
    """
    from boardgen.fetch import FetchOptions, parse_shard
    from boardgen.fetch.command import run_fetch

    try:
        parts = parse_shard(shard) if shard is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None
    options = FetchOptions(concurrency=concurrency, per_host=per_host, workers=workers, force=force)
    run_fetch(obj.project(), ids=source_ids, shard=parts, as_json=as_json, options=options)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable health.")
@click.pass_obj
def status(obj: Context, as_json: bool) -> None:
    """Show each source's health: last success, consecutive failures, next attempt."""
    from boardgen.fetch.command import show_status

    show_status(obj.project(), as_json=as_json, now=dt.datetime.now(dt.UTC))


@cli.command()
@click.argument(
    "shard_dirs", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.pass_obj
def merge(obj: Context, shard_dirs: tuple[Path, ...]) -> None:
    """Combine the data/ folders of sharded fetch runs into this project's data/."""
    from boardgen.fetch.command import merge_shards

    merged = merge_shards(obj.project(), shard_dirs)
    click.echo(f"merged {len(merged)} sources from {len(shard_dirs)} shard folders", err=True)


@cli.command()
@click.option(
    "--changelog",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the change log here (its first line is a commit subject).",
)
@click.option(
    "--merge",
    "shard_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="DIR",
    help="Merge these shards' data/ folders (from 'fetch --shard') instead of fetching.",
)
@click.option("--source", "source_ids", multiple=True, metavar="ID", help="Fetch only this source.")
@click.option("--no-build", is_flag=True, help="Stop after curating; do not build the site.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@_fetch_options
@click.pass_obj
def update(
    obj: Context,
    changelog: Path | None,
    shard_dirs: tuple[Path, ...],
    source_ids: tuple[str, ...],
    no_build: bool,
    as_json: bool,
    force: bool,
    concurrency: int,
    per_host: int,
    workers: int | None,
) -> None:
    """Fetch every source, curate and build the site, and report what changed.

    The change log lists new, updated and closed listings and failing sources; with
    --changelog it is written to a file usable as a commit message. Exits 0 when the
    update ran (some sources may have failed), 1 when every source tried failed (the site
    is still built and the change log written) or the board is invalid.
    """
    from boardgen.commands.update import run_update
    from boardgen.fetch import FetchOptions

    if shard_dirs and source_ids:
        raise click.UsageError("--merge and --source do not go together")
    options = FetchOptions(concurrency=concurrency, per_host=per_host, workers=workers, force=force)
    result = run_update(
        obj.project(),
        today=obj.today,
        options=options,
        source_ids=source_ids,
        shard_dirs=shard_dirs,
        build=not no_build,
        changelog=changelog,
    )
    if as_json:
        data = result.changes.as_dict()
        data["built"] = result.build is not None
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(result.changes.text(), nl=False)
    if result.build is not None:
        click.echo(result.build.describe(), err=True)
    if changelog is not None:
        click.echo(f"change log written to {changelog}", err=True)
    if result.fetch_error is not None:
        raise result.fetch_error


@cli.command(name="from-issue")
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


@cli.command(name="pr-report")
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

"""What every command shares: the CLI's context object and the fetch engine's options.

Not a command: command modules import this and nothing of each other.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from boardgen.config.project import Project


@dataclass(frozen=True)
class Context:
    project_dir: Path
    today: dt.date

    def project(self) -> Project:
        return Project.open(self.project_dir)


def parse_today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD") from None


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The engine's options, shared by ``fetch`` and ``update``, handed over as one
    ``options: FetchOptions`` argument (the fetch package is imported only when run)."""

    @functools.wraps(command)
    def run(*args: Any, force: bool, concurrency: int, per_host: int, workers: int | None,
            **kwargs: Any) -> Any:  # fmt: skip
        from boardgen.fetch import FetchOptions

        options = FetchOptions(
            concurrency=concurrency, per_host=per_host, workers=workers, force=force
        )
        return command(*args, options=options, **kwargs)

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
    wrapped: Callable[..., Any] = run
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped

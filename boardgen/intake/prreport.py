"""The pull-request comment for a listing PR, made from an untrusted validation report (pure).

The ``check`` workflow runs ``boardgen validate --format json`` on the PR's code, so its
output is data from a stranger: it is read here with a strict model and size caps, only
the problems in files the PR changed are shown, and every piece of text goes inside a code
block that no value can close (no Markdown, no HTML, no @mentions reach the comment).
Which files the PR changed comes from GitHub's API, not from the artifact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from boardgen.errors import BoardgenError
from boardgen.gather.validate import SCAM_PREFIX

__all__ = [
    "CODE_PATHS",
    "MARKER",
    "Classification",
    "classify",
    "comment_markdown",
    "read_report",
]

#: Paths whose change is a code change (GUIDE §5): mkdocs.yml can run Python, and the
#: rest is the engine, its adapters, the theme, the workflows and the package definition.
CODE_PATHS = (
    "mkdocs.yml",
    "pyproject.toml",
    "boardgen/",
    "scrapers/",
    "site_config/overrides/",
    ".github/",
)
_LISTING = re.compile(r"^content/listings/[A-Za-z0-9._-]+\.ya?ml$")
#: Finds the bot's earlier comment, to edit it instead of adding another.
MARKER = "<!-- boardgen-listing-check -->"
MAX_REPORT_BYTES = 2_000_000
MAX_SHOWN = 100

_Text = Annotated[str, Field(max_length=2000)]


class _Problem(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    path: Annotated[str, Field(max_length=400)]
    line: Annotated[int, Field(ge=0, le=10_000_000)]
    column: Annotated[int, Field(ge=0, le=10_000_000)]
    field: Annotated[str, Field(max_length=400)]
    severity: Literal["error", "warning"]
    message: _Text


class _Report(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    ok: bool
    files: Annotated[int, Field(ge=0)]
    problems: Annotated[list[_Problem], Field(max_length=20_000)]


@dataclass(frozen=True)
class Classification:
    """What a pull request touches, from its list of changed files."""

    listings_only: bool
    code_paths: list[str]

    def outputs(self) -> str:
        """``key=value`` lines for ``$GITHUB_OUTPUT`` (booleans only: nothing untrusted)."""
        only = str(self.listings_only).lower()
        code = str(bool(self.code_paths)).lower()
        return f"listings_only={only}\ncode={code}\n"


def classify(files: Iterable[str]) -> Classification:
    names = [name.strip() for name in files if name.strip()]
    code = [
        name
        for name in names
        if any(name == p or (p.endswith("/") and name.startswith(p)) for p in CODE_PATHS)
    ]
    only = bool(names) and all(_LISTING.match(name) for name in names)
    return Classification(only, code)


def read_report(raw: bytes) -> _Report:
    """The validation report, or :class:`BoardgenError` if it is not one."""
    if len(raw) > MAX_REPORT_BYTES:
        raise BoardgenError(f"the validation report is {len(raw):,} bytes: refusing it")
    try:
        return _Report.model_validate(json.loads(raw))
    except (ValueError, ValidationError) as exc:
        raise BoardgenError(f"not a 'boardgen validate --format json' report: {exc}") from None


_UNPRINTABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _line(problem: _Problem) -> str:
    field = f"{problem.field}: " if problem.field else ""
    text = f"{problem.path}:{problem.line}:{problem.column}: {field}{problem.message}"
    return _UNPRINTABLE.sub(" ", text).replace("\n", " ")


def _block(lines: list[str]) -> str:
    shown = lines[:MAX_SHOWN]
    if len(lines) > MAX_SHOWN:
        shown.append(f"... and {len(lines) - MAX_SHOWN} more")
    body = "\n".join(shown)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}\n"


def comment_markdown(report: _Report, changed: Iterable[str]) -> str:
    """The PR comment: errors, scam flags (with reasons) and other warnings in the PR's files."""
    files = {name.strip() for name in changed}
    mine = [p for p in report.problems if p.path in files]
    errors = [p for p in mine if p.severity == "error"]
    scams = [p for p in mine if p.severity == "warning" and SCAM_PREFIX in p.message]
    others = [p for p in mine if p.severity == "warning" and p not in scams]
    lines = [MARKER, "### Listing check", ""]
    if not mine:
        lines.append("✅ The listing files in this pull request passed `boardgen validate`.")
    else:
        verdict = "❌" if errors else "⚠️"
        lines.append(
            f"{verdict} `boardgen validate` found {len(errors)} error(s), {len(scams)} scam "
            f"flag(s) and {len(others)} other warning(s) in the files this pull request changes."
        )
    for title, found, hint in (
        ("Errors", errors, "Fix these, then push again: the check must pass before merging."),
        ("Scam flags", scams, "A maintainer reviews flagged listings before merging."),
        (
            "Warnings",
            others,
            "Not blocking on their own, but `--strict` (the check) fails on them.",
        ),
    ):
        if found:
            lines += [
                "",
                f"**{title} ({len(found)})**. {hint}",
                "",
                _block([_line(p) for p in found]),
            ]
    return "\n".join(lines).rstrip() + "\n"

"""The one exception tree of boardgen.

Every error that a user can cause (a missing project, a bad config file, a failed build)
is a :class:`BoardgenError`. The command line catches this class, and only this class, at
one boundary (``boardgen.cli``) and turns it into a message and an exit code; anything
else escaping is a bug and keeps its traceback.

    BoardgenError
    ├── ProjectError      the directory is not a board project
    ├── ConfigError       site_config/*.yml is invalid (carries every problem found)
    ├── ListingError      contributed listings are invalid (carries every problem found)
    └── BuildError        generating or building the site failed
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from boardgen.problems import Problem


class BoardgenError(Exception):
    """Base class: a failure the user can act on. ``str(err)`` is the message to show."""

    exit_code = 1


class ProjectError(BoardgenError):
    """The directory given (or the current one) is not a board project."""

    exit_code = 2


class _ProblemsError(BoardgenError):
    def __init__(self, summary: str, problems: Sequence[Problem]) -> None:
        super().__init__(summary)
        self.problems = list(problems)


class ConfigError(_ProblemsError):
    """A file in site_config/ is invalid; ``problems`` lists every error found."""


class ListingError(_ProblemsError):
    """Contributed listing files are invalid; ``problems`` lists every error found."""


class BuildError(BoardgenError):
    """Generating the pages or running MkDocs failed."""

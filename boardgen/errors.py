"""The one exception tree of boardgen.

Every error that a user can cause (a missing project, a bad config file, a failed build)
is a :class:`BoardgenError`. The command line catches this class, and only this class, at
one boundary (``boardgen.commands.cli``) and turns it into a message and an exit code; anything
else escaping is a bug and keeps its traceback.

    BoardgenError
    ├── ProjectError      the directory is not a board project
    ├── ConfigError       site_config/*.yml is invalid (carries every problem found)
    ├── ListingError      contributed listings are invalid (carries every problem found)
    ├── SubmissionError   an issue-form submission cannot become a listing (every problem)
    ├── BuildError        generating or building the site failed
    ├── FetchRunError     ``boardgen fetch`` ran but every source failed
    └── SourceError       one source could not be fetched or read
        ├── FetchError        the HTTP exchange failed
        │   ├── FetchTimeout      connect or read timed out
        │   ├── NetworkError      DNS, connection refused or reset, TLS
        │   ├── HTTPStatusError   an error status (``status`` holds it)
        │   ├── TooLargeError     the body passed the cap after decompression
        │   ├── RedirectError     too many redirects, or a redirect to a bad URL
        │   └── BlockedError      a non-public address, without allow_private_network
        ├── CredentialsError  an API key the source needs is not in the environment
        └── ParseError        the payload is not what the adapter reads
            └── UnsafeXMLError    an XML prolog declares entities (GUIDE §5)

``SourceError`` is the one exception caught somewhere else than ``cli.main``: the fetch
engine's per-source task records it in ``data/state.json`` and carries on, because one
bad source must never fail the run.
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


class SubmissionError(_ProblemsError):
    """An issue-form submission cannot become a listing; ``problems`` names each field."""


class BuildError(BoardgenError):
    """Generating the pages or running MkDocs failed."""


class FetchRunError(BoardgenError):
    """Every source that was attempted failed (the per-source errors are in the report)."""


class SourceError(BoardgenError):
    """One source failed; ``kind`` is a short stable name recorded in state.json."""

    kind = "error"


class FetchError(SourceError):
    kind = "fetch"


class FetchTimeout(FetchError):
    kind = "timeout"


class NetworkError(FetchError):
    kind = "network"


class HTTPStatusError(FetchError):
    kind = "http"

    def __init__(self, message: str, status: int, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        #: The raw Retry-After header of a 429 or 503, parsed by the engine's clock.
        self.retry_after = retry_after


class TooLargeError(FetchError):
    kind = "too-large"


class RedirectError(FetchError):
    kind = "redirect"


class BlockedError(FetchError):
    kind = "blocked"


class CredentialsError(SourceError):
    """A source needs a credential (an API key in an environment variable) that is missing."""

    kind = "credentials"


class ParseError(SourceError):
    kind = "parse"


class UnsafeXMLError(ParseError):
    kind = "unsafe-xml"

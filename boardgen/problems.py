"""One reported problem in a board project: where it is, which field, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at ``path:line:column``; ``field`` is a dotted path such as ``locations[0].city``.

    ``format()`` gives the one-line form editors and CI annotations understand:
    ``path:line:column: field: message`` (warnings say ``warning:`` after the position).
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}: "
        tag = "" if self.is_error else "warning: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{tag}{field}{self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity.value,
            "message": self.message,
        }

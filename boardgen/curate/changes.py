"""What an update changed on the board: new, updated and closed listings (pure).

A :class:`Snapshot` is the board's open listings, each with a digest of what a student
sees; two snapshots give a :class:`ChangeLog`, written as a commit message (a subject
line, a blank line, then one line per listing and per failing source).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from boardgen.curate.board import Board
from boardgen.model import Listing, ListingStatus

__all__ = ["ChangeLog", "Entry", "FailingSource", "Snapshot", "compare", "snapshot"]

#: Fields that move without the listing changing (sightings, derived status and text).
_VOLATILE = frozenset(
    {"first_seen", "last_seen", "status", "closed_at", "flags", "summary", "sources"}
)
#: Lines per section of the change log; a commit message of 5,000 lines helps nobody.
MAX_LINES = 50
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def listing_digest(listing: Listing) -> str:
    """A digest of the listing's content as the site shows it."""
    data = listing.model_dump(mode="json", exclude=set(_VOLATILE))
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    organization: str
    sources: tuple[str, ...]
    #: For a closed listing: why it left the board.
    reason: str = ""

    def line(self) -> str:
        text = f"{self.id}: {_one_line(self.title)} ({_one_line(self.organization)})"
        if self.sources:
            text += f" [{', '.join(self.sources)}]"
        return text + (f": {self.reason}" if self.reason else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "organization": self.organization,
            "sources": list(self.sources),
            "reason": self.reason,
        }


def _entry(listing: Listing, reason: str = "") -> Entry:
    return Entry(
        listing.id,
        listing.title,
        listing.organization.name,
        tuple(ref.id for ref in listing.sources),
        reason,
    )


def _one_line(text: str) -> str:
    # Titles come from feeds: no newline or control character may reach a commit message.
    return _UNPRINTABLE.sub(" ", text).strip()[:160]


@dataclass(frozen=True)
class Snapshot:
    """The open listings of a board (id -> digest), and every listing it knows by id."""

    digests: dict[str, str]
    open: dict[str, Listing]
    #: Why listings that are not open are off the board, by id.
    off_reasons: dict[str, str] = field(default_factory=dict)


def snapshot(board: Board) -> Snapshot:
    off: dict[str, str] = {}
    for item in board.listings:
        if item.status is ListingStatus.EXPIRED:
            off[item.id] = "deadline passed"
        elif item.status is ListingStatus.CLOSED:
            fetched = item.sources and all(ref.kind != "contributed" for ref in item.sources)
            off[item.id] = "no longer listed by its source" if fetched else "closed"
    for item in board.held:
        off[item.id] = "held for review (scam flags: " + ", ".join(f.rule for f in item.flags) + ")"
    for excluded in board.excluded:
        off[excluded.listing.id] = "excluded by the board's rules"
    shown = {item.id: item for item in board.open_listings}
    return Snapshot({i: listing_digest(item) for i, item in shown.items()}, shown, off)


@dataclass(frozen=True)
class FailingSource:
    source: str
    error: str
    failures: int

    def line(self) -> str:
        times = f"{self.failures} failure{'' if self.failures == 1 else 's'} in a row"
        return f"{self.source}: {_one_line(self.error)} ({times})"


@dataclass(frozen=True)
class ChangeLog:
    new: list[Entry]
    updated: list[Entry]
    closed: list[Entry]
    failing: list[FailingSource]
    open_before: int
    open_after: int

    @property
    def listings_changed(self) -> bool:
        return bool(self.new or self.updated or self.closed)

    def subject(self) -> str:
        parts = []
        if self.new:
            parts.append(f"{len(self.new)} new")
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        if self.closed:
            parts.append(f"{len(self.closed)} closed")
        text = "Update board: " + (", ".join(parts) if parts else "no listing changes")
        if self.failing:
            n = len(self.failing)
            text += f"; {n} failing source{'' if n == 1 else 's'}"
        return text

    def text(self) -> str:
        """The change log as a commit message: subject, blank line, body."""
        lines = [self.subject(), ""]
        lines.append(f"Open listings: {self.open_before} -> {self.open_after}.")
        sections: list[tuple[str, list[str]]] = [
            ("New", [e.line() for e in self.new]),
            ("Updated", [e.line() for e in self.updated]),
            ("Closed", [e.line() for e in self.closed]),
            ("Failing sources", [f.line() for f in self.failing]),
        ]
        for title, items in sections:
            if not items:
                continue
            lines += ["", f"{title} ({len(items)}):"]
            lines += [f"- {item}" for item in items[:MAX_LINES]]
            if len(items) > MAX_LINES:
                lines.append(f"- ... and {len(items) - MAX_LINES} more")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject(),
            "open_before": self.open_before,
            "open_after": self.open_after,
            "new": [e.as_dict() for e in self.new],
            "updated": [e.as_dict() for e in self.updated],
            "closed": [e.as_dict() for e in self.closed],
            "failing_sources": [
                {"source": f.source, "error": f.error, "failures": f.failures} for f in self.failing
            ],
        }


def compare(before: Snapshot, after: Snapshot, failing: list[FailingSource]) -> ChangeLog:
    new = [_entry(after.open[i]) for i in sorted(after.digests.keys() - before.digests.keys())]
    updated = [
        _entry(after.open[i])
        for i in sorted(after.digests.keys() & before.digests.keys())
        if after.digests[i] != before.digests[i]
    ]
    closed = [
        _entry(before.open[i], after.off_reasons.get(i, "no longer listed by its source"))
        for i in sorted(before.digests.keys() - after.digests.keys())
    ]
    return ChangeLog(
        new,
        updated,
        closed,
        sorted(failing, key=lambda f: f.source),
        len(before.digests),
        len(after.digests),
    )

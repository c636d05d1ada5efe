"""``data/lifecycle.json``: when each fetched listing was seen, and the ones that went away.

``data/sources/<id>.json`` holds what a source lists *now*. A listing that drops out of it
is not gone yet: it leaves only after ``K`` consecutive successful fetches without it
(GUIDE §4), and a closed listing's page stays up for a while. So this file remembers, per
source, every listing's sightings and a copy of each listing no longer listed (``retained``)
until it is forgotten. The counting is :func:`boardgen.curate.lifecycle.track` (pure); this
module only reads and writes the file (atomically). Format::

    {"format": 1,
     "sources": {"<source id>": {
        "checked_at": "<last successful fetch>",
        "listings": {"<listing id>": {"first_seen": "...", "misses": 0},
                     "<gone id>": {"first_seen": "...", "last_seen": "...", "misses": 3,
                                   "closed_at": "..."}},
        "retained": [<Listing>, ...]}}}

``last_seen`` is written only for listings missing from the latest fetch; for the others
it is ``checked_at``, so a routine run changes one line per source, not one per listing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from boardgen.curate.lifecycle import DEFAULT_MISSES_TO_CLOSE, Seen, prune, track
from boardgen.model import LifecycleSettings, Listing
from boardgen.store.sources import read_json, write_text_atomic

__all__ = [
    "DEFAULT_KEEP_DAYS",
    "LIFECYCLE_FILE",
    "Lifecycle",
    "SeenRecord",
    "SourceLifecycle",
    "load_lifecycle",
    "read_lifecycle",
    "save_lifecycle",
]

LIFECYCLE_FILE = "lifecycle.json"
#: Closed listings are forgotten this long after closing (board.yml can say otherwise).
DEFAULT_KEEP_DAYS: int = LifecycleSettings().forget_closed_days


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SeenRecord(_Model):
    first_seen: dt.datetime
    last_seen: dt.datetime | None = None
    misses: int = 0
    closed_at: dt.datetime | None = None


class SourceLifecycle(_Model):
    checked_at: dt.datetime | None = Field(default=None, description="The last successful fetch.")
    listings: dict[str, SeenRecord] = Field(default_factory=dict)
    retained: list[Listing] = Field(
        default_factory=list, description="Listings the source no longer lists, remembered."
    )

    def seen(self) -> dict[str, Seen]:
        """The sightings as :class:`~boardgen.curate.lifecycle.Seen`, by listing id."""
        out: dict[str, Seen] = {}
        for key, rec in self.listings.items():
            last = rec.last_seen or self.checked_at or rec.first_seen
            out[key] = Seen(rec.first_seen, last, rec.misses, rec.closed_at)
        return out


class Lifecycle(_Model):
    format: Literal[1] = 1
    sources: dict[str, SourceLifecycle] = Field(default_factory=dict)

    def seen(self, source_id: str) -> dict[str, Seen]:
        entry = self.sources.get(source_id)
        return entry.seen() if entry is not None else {}

    def retained(self, source_id: str) -> list[Listing]:
        entry = self.sources.get(source_id)
        return list(entry.retained) if entry is not None else []

    def observe(
        self,
        source_id: str,
        before: Sequence[Listing],
        present: Sequence[str],
        *,
        now: dt.datetime,
        misses_to_close: int = DEFAULT_MISSES_TO_CLOSE,
        keep_days: int = DEFAULT_KEEP_DAYS,
    ) -> None:
        """Record a successful fetch of ``source_id`` that listed the ids ``present``.

        ``before``: the listings the source had until now.
        """
        entry = self.sources.get(source_id) or SourceLifecycle()
        previous = entry.seen()
        for listing in before:
            if listing.id not in previous:
                # Listed before this file knew of it: seed from what the listing says.
                first = listing.first_seen or now
                previous[listing.id] = Seen(first, listing.last_seen or first)
        state = track(previous, present, now=now, fetch_ok=True, misses_to_close=misses_to_close)
        self._store(source_id, entry, state, before, present, now, keep_days)

    def observe_unchanged(
        self,
        source_id: str,
        *,
        now: dt.datetime,
        misses_to_close: int = DEFAULT_MISSES_TO_CLOSE,
        keep_days: int = DEFAULT_KEEP_DAYS,
    ) -> None:
        """Record a successful fetch that returned what the last one did (304, same body)."""
        entry = self.sources.get(source_id)
        if entry is None:
            return  # nothing known yet: the next changed fetch seeds the record
        previous = entry.seen()
        present = [key for key, seen in previous.items() if seen.misses == 0]
        state = track(previous, present, now=now, fetch_ok=True, misses_to_close=misses_to_close)
        self._store(source_id, entry, state, [], present, now, keep_days)

    def _store(
        self,
        source_id: str,
        entry: SourceLifecycle,
        state: dict[str, Seen],
        before: Sequence[Listing],
        present: Sequence[str],
        now: dt.datetime,
        keep_days: int,
    ) -> None:
        state = prune(state, now=now, keep_days=keep_days)
        listed = set(present)
        kept = {item.id: item for item in entry.retained}
        kept.update({item.id: item for item in before if item.id not in listed})
        retained = [kept[key] for key in sorted(kept) if key in state and key not in listed]
        self.sources[source_id] = SourceLifecycle(
            checked_at=now,
            listings={
                key: SeenRecord(
                    first_seen=seen.first_seen,
                    last_seen=seen.last_seen if seen.misses else None,
                    misses=seen.misses,
                    closed_at=seen.closed_at,
                )
                for key, seen in sorted(state.items())
            },
            retained=retained,
        )


def lifecycle_path(data_dir: Path) -> Path:
    return data_dir / LIFECYCLE_FILE


def read_lifecycle(data_dir: Path) -> tuple[Lifecycle, str | None]:
    """The lifecycle file and, if it exists but cannot be read, why (then it starts empty)."""
    path = lifecycle_path(data_dir)
    if not path.is_file():
        return Lifecycle(), None
    raw = read_json(path)
    if raw is None:
        return Lifecycle(), "is not valid JSON"
    try:
        return Lifecycle.model_validate(raw), None
    except ValidationError as exc:
        return Lifecycle(), f"does not have the expected shape ({exc.error_count()} errors)"


def load_lifecycle(data_dir: Path) -> Lifecycle:
    """``data/lifecycle.json``; a missing or unreadable file starts afresh."""
    return read_lifecycle(data_dir)[0]


def save_lifecycle(data_dir: Path, lifecycle: Lifecycle) -> None:
    ordered = Lifecycle(sources=dict(sorted(lifecycle.sources.items())))
    text = ordered.model_dump_json(indent=2, exclude_none=True) + "\n"
    write_text_atomic(lifecycle_path(data_dir), text)

"""Per-source fetch health in ``data/state.json``, and the backoff arithmetic (pure).

State is machine-written and never hand-edited: validators (ETag, Last-Modified, body
hash), when each source was last tried and last succeeded, its consecutive failures, when
it may be tried again, and why it is disabled. The listings themselves live apart, in
``data/sources/<id>.json`` (:mod:`boardgen.store.sources`), so that a run that only checks
sources changes this one file.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from boardgen.store.sources import read_json, write_json_atomic

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "FAILING_AFTER",
    "LastError",
    "SourceState",
    "State",
    "backoff_delay",
    "load_state",
    "retry_after_time",
    "save_state",
]

#: Consecutive errors after which a source is reported as failing (Miniflux's limit).
FAILING_AFTER = 3
#: First retry delay after an error; doubled per further error (with up to 25 % jitter,
#: NewsBlur-style, so sources that failed together do not retry together).
BACKOFF_BASE = dt.timedelta(hours=1)
#: NewsBlur caps its backoff at a week; so do we, and so does our Retry-After clamp.
BACKOFF_CAP = dt.timedelta(days=7)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LastError(_Model):
    kind: str = Field(description="timeout, network, http, too-large, redirect, blocked, parse...")
    message: str
    status: int | None = None
    at: dt.datetime


class SourceState(_Model):
    """What boardgen remembers about fetching one source."""

    url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    last_attempt_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    last_change_at: dt.datetime | None = None
    consecutive_failures: int = 0
    next_attempt_at: dt.datetime | None = None
    last_error: LastError | None = None
    disabled_reason: str | None = None
    listing_count: int = 0
    #: The size of a suspiciously small result held back last run; the same size again
    #: is then believed (the board really shrank).
    held_count: int | None = None
    #: Where every redirect hop was permanent: a suggestion to update sources.yml.
    moved_to: str | None = None

    @property
    def failing(self) -> bool:
        return self.consecutive_failures >= FAILING_AFTER

    def health(self, now: dt.datetime) -> str:
        """One word for ``boardgen status``: ok, failing, failed, disabled, waiting, new."""
        if self.disabled_reason:
            return "disabled"
        if self.consecutive_failures:
            if self.next_attempt_at is not None and self.next_attempt_at > now:
                return "failing" if self.failing else "waiting"
            return "failing" if self.failing else "failed"
        if self.last_success_at is None:
            return "new"
        return "ok"


class State(_Model):
    format: Literal[1] = 1
    sources: dict[str, SourceState] = Field(default_factory=dict)


def backoff_delay(failures: int, rng: random.Random) -> dt.timedelta:
    """How long to leave a source alone after its ``failures``-th error in a row."""
    exponent = min(max(failures, 1) - 1, 20)
    seconds = BACKOFF_BASE.total_seconds() * (2**exponent) * rng.uniform(1.0, 1.25)
    return min(dt.timedelta(seconds=seconds), BACKOFF_CAP)


def retry_after_time(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """The moment a ``Retry-After`` header (seconds or an HTTP date) points at, clamped.

    Clamped to [now, now + a week] so a broken or hostile header can neither make us
    retry in a hot loop nor silence a source for years.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        when = now + dt.timedelta(seconds=int(text))
    else:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
    return max(now, min(when, now + BACKOFF_CAP))


def load_state(path: Path) -> State:
    """Read ``data/state.json``; a missing or unreadable file starts afresh."""
    raw = read_json(path)
    if raw is None:
        return State()
    try:
        return State.model_validate(raw)
    except ValidationError:
        return State()


def save_state(path: Path, state: State) -> None:
    write_json_atomic(path, state.model_dump(mode="json", exclude_defaults=False))

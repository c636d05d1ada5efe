"""Lifecycle maths over runs: first seen, last seen, closed, expired, closing soon (pure).

A listing leaves only after it is missing from ``K`` consecutive *successful* fetches of its
source (GUIDE §4): a failed or suspicious fetch proves nothing, and one flaky response must
not close every listing of a board. State in, state out; the caller stores it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from boardgen.model import LifecycleSettings, ListingStatus

DEFAULT_MISSES_TO_CLOSE: int = LifecycleSettings().misses_to_close


@dataclass(frozen=True)
class Seen:
    """What we remember about one listing of one source between runs."""

    first_seen: dt.datetime
    last_seen: dt.datetime
    #: Successful fetches in a row that did not contain it.
    misses: int = 0
    closed_at: dt.datetime | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


def track(
    previous: Mapping[str, Seen],
    current_ids: Iterable[str],
    *,
    now: dt.datetime,
    fetch_ok: bool,
    misses_to_close: int = DEFAULT_MISSES_TO_CLOSE,
) -> dict[str, Seen]:
    """The state after one fetch of a source.

    ``fetch_ok`` is False for a failed fetch or one the caller distrusts (suddenly empty):
    then nothing is counted as missing, and listings in it are not treated as new sightings.
    A closed listing that reappears is open again, keeping its first-seen time.
    """
    if not fetch_ok:
        return dict(previous)
    present = set(current_ids)
    state: dict[str, Seen] = {}
    for key, seen in previous.items():
        if key in present:
            state[key] = replace(seen, last_seen=now, misses=0, closed_at=None)
            continue
        misses = seen.misses + 1
        closed_at = seen.closed_at
        if closed_at is None and misses >= misses_to_close:
            closed_at = now
        state[key] = replace(seen, misses=misses, closed_at=closed_at)
    for key in present - previous.keys():
        state[key] = Seen(first_seen=now, last_seen=now)
    return state


def status(
    seen: Seen | None,
    deadline: dt.date | str | None,
    *,
    today: dt.date,
    closing_soon_days: int,
    closed: bool = False,
) -> ListingStatus:
    """A listing's status: closed when gone from its source, expired after its deadline.

    ``closed`` is an explicit close (a contributed file's ``status: closed``). This is the
    one place status is decided, for contributed and fetched listings alike.
    """
    if closed or (seen is not None and seen.closed):
        return ListingStatus.CLOSED
    if isinstance(deadline, dt.date):
        if deadline < today:
            return ListingStatus.EXPIRED
        if (deadline - today).days <= closing_soon_days:
            return ListingStatus.CLOSING_SOON
    return ListingStatus.OPEN


def closed_date(
    state: ListingStatus, deadline: dt.date | str | None, closed_on: dt.date | None
) -> dt.date | None:
    """The day a listing stopped taking applications, if it has.

    Expired listings closed on their deadline; closed ones on ``closed_on`` (the contributed
    file's date, or the day its source stopped listing it).
    """
    if state is ListingStatus.EXPIRED and isinstance(deadline, dt.date):
        return deadline
    if state is ListingStatus.CLOSED:
        return closed_on
    return None


def prune(state: Mapping[str, Seen], *, now: dt.datetime, keep_days: int) -> dict[str, Seen]:
    """Forget listings closed more than ``keep_days`` ago, so the state file stays small."""
    limit = now - dt.timedelta(days=keep_days)
    return {
        key: seen
        for key, seen in state.items()
        if seen.closed_at is None or seen.closed_at >= limit
    }

"""Dates from every shape the sources use, as aware UTC datetimes (pure functions).

Sources disagree: RSS has RFC 822 (with zone names, numeric offsets or none), APIs have ISO
8601 with or without a zone, Lever has epoch milliseconds, Arbeitnow and Himalayas epoch
seconds, Recruitee ``2026-08-05 10:10:39 UTC`` and NEOGOV ``Sun, 20 Sep 2026 04:59:00:0``.
A value we cannot read becomes ``None``: a wrong date is worse than a missing one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

UTC = dt.UTC
#: Dates outside this window are junk (a 0 epoch, a typo'd year), not real postings.
_EARLIEST = dt.datetime(1995, 1, 1, tzinfo=UTC)
_LATEST = dt.datetime(2100, 1, 1, tzinfo=UTC)
#: Epoch values above this are milliseconds: 1e11 seconds is the year 5138.
_MS_THRESHOLD = 100_000_000_000

_NEOGOV_TAIL = re.compile(r"(\d{1,2}:\d{2}:\d{2}):\d+\s*$")
_TRAILING_UTC = re.compile(r"\s*(?:UTC|GMT|Z)$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
#: Human-written forms seen in contributed data and career pages. Slashed dates are read the
#: US way (month first), as the US government and US boards write them.
_WRITTEN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y", "%b. %d, %Y")
_DIGITS = re.compile(r"[+-]?\d+(?:\.\d+)?")


def parse_datetime(value: object) -> dt.datetime | None:
    """An aware UTC datetime from a string, epoch number or date; ``None`` if unreadable.

    Naive times are taken as UTC (Remotive documents its naive timestamps as UTC).
    """
    result = _parse(value)
    if result is None:
        return None
    if result.tzinfo is None:
        result = result.replace(tzinfo=UTC)
    result = result.astimezone(UTC)
    if not _EARLIEST <= result < _LATEST:
        return None
    return result


def parse_date(value: object) -> dt.date | None:
    """The calendar date of ``value``: a date-only string keeps its day, times go via UTC."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        match = _DATE_ONLY.fullmatch(value.strip()) or _SLASHED.fullmatch(value.strip())
        if match:
            day = _ymd(*match.groups())
            if day is None:
                return None
            return day if _EARLIEST.date() <= day < _LATEST.date() else None
    moment = parse_datetime(value)
    return moment.date() if moment else None


def _parse(value: object) -> dt.datetime | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > 80:
        return None
    if _DIGITS.fullmatch(text):
        return _from_epoch(float(text))
    return _from_iso(text) or _from_rfc822(text) or _from_written(text)


def _from_epoch(seconds: float) -> dt.datetime | None:
    if seconds != seconds or seconds <= 0:  # NaN or the 0 "unknown" placeholder
        return None
    if seconds > _MS_THRESHOLD:
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> dt.datetime | None:
    candidate = _TRAILING_UTC.sub("+00:00", text) if re.match(r"\d{4}-", text) else text
    match = _DATE_ONLY.fullmatch(candidate) or _SLASHED.fullmatch(candidate)
    if match:
        day = _ymd(*match.groups())
        return dt.datetime(day.year, day.month, day.day) if day else None
    if not re.match(r"\d{4}-\d{1,2}-\d{1,2}[T ]\d", candidate):
        return None
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _from_rfc822(text: str) -> dt.datetime | None:
    # NEOGOV appends ":0" (a fraction?) after the seconds and leaves out the zone; the
    # element names (advertiseToDateTimeUTC) say the time is UTC.
    text = _NEOGOV_TAIL.sub(r"\1 +0000", text)
    if not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _from_written(text: str) -> dt.datetime | None:
    for fmt in _WRITTEN_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _ymd(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None

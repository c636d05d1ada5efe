"""Effort from free text: total hours, weeks it runs, hours per week (pure).

``10-15 hours`` is a total, ``20 hrs/week`` a weekly load, ``4 weeks`` or ``2 months`` a
span; one text often gives two of them (``10 hours a week for 6 weeks``). For a range of a
total or a span we keep the upper end: a student planning their time needs the most it
may take. Weekly loads keep both ends, since the schema has room for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from boardgen.model import Duration, HoursPerWeek

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "few": 3,
}  # fmt: skip
_N = r"(?:\d+(?:[.,]\d+)?|" + "|".join(_WORDS) + r")"
# The patterns are lowercase and run on lowercased text, and a quantity must start with a
# digit or a number word's first letter: with re.I and no such check, sre tries the whole
# 19-way alternation at every position (parse_effort took ~1.4 ms on 2,000 characters).
_QTY_START = "(?=[\\d" + "".join(sorted({word[0] for word in _WORDS})) + "])"
_QTY = rf"{_QTY_START}(?P<low>{_N})(?:\s*(?:-|–|—|to|or|and)\s*(?P<high>{_N}))?\s*\+?"
_HOUR = r"(?:hours?|hrs?|h)\b"
_PER_WEEK = (
    r"(?:\s*(?:/|per|a|each|every)\s*(?:wk|week)\b|\s*weekly\b|\s*pw\b|\s*p/w\b|"
    r"\s*(?:/|per)\s*w\b|\s*in a week\b)"
)
_WEEKLY = re.compile(rf"{_QTY}\s*{_HOUR}{_PER_WEEK}")
_WEEKLY_PREFIX = re.compile(rf"(?:weekly|per week)[^.\d]{{0,25}}?{_QTY}\s*{_HOUR}")
_TOTAL_HOURS = re.compile(rf"{_QTY}[\s-]*{_HOUR}(?!\s*(?:/|per|a|each|every)\s*(?:day|d)\b)")
_SPAN = re.compile(
    rf"{_QTY}[\s-]*(?P<unit>weeks?|wks?|months?|mos?|days?|semesters?|years?)\b"
    r"(?!\s*ago)(?!\s*(?:a|per|/|each)\s*(?:week|wk|month|year)\b)",
)
_FULL_TIME = re.compile(r"\bfull[- ]time\b")
_HALF_TIME = re.compile(r"\bhalf[- ]time\b")
_PER_DAY = re.compile(rf"{_QTY}\s*{_HOUR}\s*(?:/|per|a|each)\s*(?:day|d)\b")
_DIGITS = re.compile(r"\d+")
_WEEKS_PER = {"week": 1.0, "wk": 1.0, "month": 52 / 12, "mo": 52 / 12, "day": 1 / 7}
_WEEKS_PER |= {"semester": 15.0, "year": 52.0}
_MAX_INPUT = 2000


@dataclass(frozen=True)
class Effort:
    """What a text says about the work's size; each part ``None`` when it does not say."""

    duration: Duration | None = None
    hours_per_week: HoursPerWeek | None = None


def parse_effort(text: str | None) -> Effort:
    """Total hours, span in weeks and weekly hours named in ``text``; never raises."""
    if not text or not isinstance(text, str):
        return Effort()
    text = " ".join(text[:_MAX_INPUT].split()).lower()
    weekly, weekly_spans = _weekly(text)
    rest = text
    for start, end in weekly_spans:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    starts = _starts(rest)
    hours = _total_hours(rest, starts)
    weeks = _weeks(rest, starts)
    duration = None
    if hours is not None or weeks is not None:
        duration = Duration(hours=hours, weeks=weeks)
    return Effort(duration=duration, hours_per_week=weekly)


def _starts(text: str) -> list[int]:
    """Where a quantity may begin: each run of digits and each number word, in order.

    A quantity that starts inside a run of digits would start at the run's first digit
    as well (nothing after a number is a digit), so the runs' starts are enough.
    """
    found = {match.start() for match in _DIGITS.finditer(text)}
    for word in _WORDS:
        at = text.find(word)
        while at != -1:
            found.add(at)
            at = text.find(word, at + 1)
    return sorted(found)


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that begins with a quantity.

    Trying the pattern only where a quantity starts gives the same matches as scanning
    every position, for a fraction of the cost: four such scans were most of parse_effort.
    """
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = match.end()


def _number(token: str | None) -> float | None:
    if token is None:
        return None
    key = token.lower()
    if key in _WORDS:
        return float(_WORDS[key])
    try:
        return float(key.replace(",", "."))
    except ValueError:
        return None


def _range(match: re.Match[str]) -> tuple[float, float] | None:
    low = _number(match.group("low"))
    high = _number(match.group("high")) if match.group("high") else low
    if low is None or high is None or low <= 0:
        return None
    if high < low:
        high = low
    return low, high


def _weekly(text: str) -> tuple[HoursPerWeek | None, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    found: tuple[float, float] | None = None
    starts = _starts(text)
    # The substring tests skip a scan that could not match (the patterns contain them).
    prefixed = "weekly" in text or "per week" in text
    for matches in (
        _matches(_WEEKLY, text, starts),
        _WEEKLY_PREFIX.finditer(text) if prefixed else iter(()),
    ):
        for match in matches:
            spans.append(match.span())
            if found is None:
                found = _range(match)
    if found is None:
        per_day = next(_matches(_PER_DAY, text, starts), None)
        if per_day:
            spans.append(per_day.span())
            span = _range(per_day)
            # "4 hours a day": count a working week of five days.
            found = (span[0] * 5, span[1] * 5) if span else None
    if found is None:
        if "half" in text and _HALF_TIME.search(text):
            found = (20.0, 20.0)
        elif "full" in text and _FULL_TIME.search(text):
            found = (40.0, 40.0)
    if found is None or found[1] > 80:
        return None, spans
    low, high = found
    return HoursPerWeek(min=low, max=high), spans


def _total_hours(text: str, starts: list[int]) -> float | None:
    for match in _matches(_TOTAL_HOURS, text, starts):
        span = _range(match)
        if span and span[1] <= 2000:
            return span[1]
    return None


def _weeks(text: str, starts: list[int]) -> float | None:
    for match in _matches(_SPAN, text, starts):
        span = _range(match)
        if span is None:
            continue
        unit = match.group("unit").lower().rstrip("s")
        if unit == "mo":
            unit = "mo"
        per = _WEEKS_PER.get(unit)
        if per is None:
            continue
        weeks = round(span[1] * per, 1)
        if 0 < weeks <= 104:
            return weeks
    return None

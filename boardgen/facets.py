"""The board's facets and the compact index the board's JavaScript filters (pure).

Every facet value of a listing is derived here, in Python, from the same present/schema
definitions the pages use, so tests compute the counts a visitor should see from the data.
The browser gets two kinds of file under ``opportunities/board/``:

* ``index.json``: what the board needs before it is interactive. Each facet is a column
  of small integers (one per open listing, in the board's newest-first order) coded
  against that facet's list of values; multi-valued facets (fields, countries,
  eligibility) hold a list of codes per listing. Plus the numbers the sorts need. No text
  of a listing is in it, which keeps it small at tens of thousands of listings.
* ``cards/<n>.json``: the text of CARD_CHUNK listings each (id, title, organization,
  facts), fetched only for the results on screen.

Facet semantics (the JavaScript applies the same ones): values of one facet combine with
OR, facets combine with AND, and a value's count is the number of listings that would
match if that value were added to the current filters of the other facets.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from boardgen import present
from boardgen.board import NEW_DAYS, Board
from boardgen.schema import (
    ClassYear,
    DegreeLevel,
    Listing,
    ListingStatus,
    PayKind,
    PayPeriod,
    WorkMode,
)

#: Listings per lazily fetched file of card text.
CARD_CHUNK = 50
#: Where the board's data files live inside the generated folder.
FOLDER = "board/"

PAY_LABELS = {
    "paid": "Paid",
    "stipend": "Stipend",
    "unpaid": "Unpaid",
    "credit": "Academic credit",
    "unknown": "Pay not stated",
}
_PAY_OF_KIND = {
    PayKind.HOURLY: "paid",
    PayKind.SALARY: "paid",
    PayKind.FIXED_FEE: "paid",
    PayKind.STIPEND: "stipend",
    PayKind.UNPAID: "unpaid",
    PayKind.ACADEMIC_CREDIT: "credit",
    PayKind.UNKNOWN: "unknown",
}
EFFORT_LABELS = {
    "up-to-10h": "Up to 10 hours",
    "10-40h": "10–40 hours",
    "1-4w": "1–4 weeks",
    "longer": "Longer",
    "unknown": "Not stated",
}
WEEKLY_LABELS = {
    "up-to-10": "Up to 10 hours a week",
    "10-20": "10–20 hours a week",
    "over-20": "Over 20 hours a week",
    "unknown": "Not stated",
}
DEADLINE_LABELS = {
    "week": "This week",
    "month": "This month",
    "later": "Later",
    "rolling": "Rolling",
    "unknown": "Not stated",
}
POSTED_LABELS = {"new": "In the last 7 days", "older": "Earlier"}
CLASS_YEAR_LABELS = {year.value: year.value.replace("-", " ").capitalize() for year in ClassYear}
DEGREE_LABELS = {level.value: level.value.replace("-", " ").capitalize() for level in DegreeLevel}
MODE_LABELS = {mode.value: label for mode, label in present.MODE_LABELS.items()}
ANYWHERE = "anywhere"
NO_COUNTRY = "none"


def pay_kind(listing: Listing) -> str:
    pay = listing.compensation
    return _PAY_OF_KIND[pay.kind if pay else PayKind.UNKNOWN]


def hourly_rate(listing: Listing) -> float | None:
    """The top hourly amount of an hourly-paid listing (in its own currency), else None."""
    pay = listing.compensation
    if pay is None or pay.kind is not PayKind.HOURLY or pay.period not in (None, PayPeriod.HOUR):
        return None
    return pay.max if pay.max is not None else pay.min


def effort_bucket(listing: Listing) -> str:
    """Total effort: up to 10 h, 10–40 h, 1–4 weeks, longer (by hours when stated)."""
    duration = listing.duration
    if duration is None or (duration.hours is None and duration.weeks is None):
        return "unknown"
    if duration.hours is not None and duration.hours <= 10:
        return "up-to-10h"
    if duration.hours is not None and duration.hours <= 40:
        return "10-40h"
    if duration.weeks is not None and duration.weeks <= 4:
        return "1-4w"
    return "longer"


def weekly_bucket(listing: Listing) -> str:
    hours = listing.hours_per_week
    if hours is None:
        return "unknown"
    top = hours.max if hours.max is not None else hours.min
    if top <= 10:
        return "up-to-10"
    return "10-20" if top <= 20 else "over-20"


def deadline_bucket(listing: Listing, today: dt.date) -> str:
    """This week (7 days), this month (30 days), later, rolling, or not stated."""
    deadline = listing.deadline
    if deadline is None:
        return "unknown"
    if isinstance(deadline, str):
        return "rolling"
    days = (deadline - today).days
    if days <= 7:
        return "week"
    return "month" if days <= 30 else "later"


def countries(listing: Listing) -> list[str]:
    """Country codes where it is (or, remote, whose residents may apply); 'anywhere'."""
    found: list[str] = []
    for loc in listing.locations:
        if loc.country and loc.country not in found:
            found.append(loc.country)
    if listing.work_mode is WorkMode.REMOTE:
        allowed = listing.remote.countries if listing.remote else []
        for code in allowed:
            if code not in found:
                found.append(code)
        if not allowed:
            found.append(ANYWHERE)
    return found or [NO_COUNTRY]


def class_years(listing: Listing) -> list[str]:
    """Years of study that may apply: a listing that names none is open to all."""
    years = [year.value for year in listing.eligibility.class_years]
    return years or list(CLASS_YEAR_LABELS)


def degree_levels(listing: Listing) -> list[str]:
    levels = [level.value for level in listing.eligibility.degree_levels]
    return levels or list(DEGREE_LABELS)


def is_new(listing: Listing, today: dt.date) -> bool:
    since = today - dt.timedelta(days=NEW_DAYS)
    return listing.posted_at is not None and listing.posted_at > since


@dataclass(frozen=True)
class Facet:
    """One filter group: its URL key, heading, and how a listing's values are found."""

    key: str
    label: str
    values: Callable[[Listing, dt.date], list[str]]
    labels: dict[str, str] | None = None  # fixed values in display order; None: from data


def _one(fn: Callable[[Listing], str]) -> Callable[[Listing, dt.date], list[str]]:
    return lambda item, _today: [fn(item)]


FACETS: tuple[Facet, ...] = (
    Facet("type", "Type", _one(lambda i: i.opportunity_type.value), dict(present.TYPE_LABELS)),
    Facet("field", "Field", lambda i, _t: list(i.categories)),
    Facet("mode", "Work mode", _one(lambda i: i.work_mode.value), MODE_LABELS),
    Facet("country", "Country or region", lambda i, _t: countries(i)),
    Facet("pay", "Pay", _one(pay_kind), PAY_LABELS),
    Facet("effort", "Total effort", _one(effort_bucket), EFFORT_LABELS),
    Facet("weekly", "Hours per week", _one(weekly_bucket), WEEKLY_LABELS),
    Facet("deadline", "Deadline", lambda i, t: [deadline_bucket(i, t)], DEADLINE_LABELS),
    Facet("year", "Class year", lambda i, _t: class_years(i), CLASS_YEAR_LABELS),
    Facet("degree", "Degree level", lambda i, _t: degree_levels(i), DEGREE_LABELS),
    Facet("posted", "Posted", lambda i, t: ["new" if is_new(i, t) else "older"], POSTED_LABELS),
)
FACET_KEYS = tuple(facet.key for facet in FACETS)
MULTI = frozenset({"field", "country", "year", "degree"})


def listing_values(listing: Listing, today: dt.date) -> dict[str, list[str]]:
    return {facet.key: facet.values(listing, today) for facet in FACETS}


def value_labels(facet: Facet, seen: Sequence[str]) -> dict[str, str]:
    """A facet's values in display order with their labels.

    Fixed lists (types, buckets) are offered whole, so a shared link keeps its meaning;
    open ones (fields, countries) list only the values some open listing has.
    """
    present_values = set(seen)
    if facet.labels is not None:
        return dict(facet.labels)
    if facet.key == "field":
        return {k: k.replace("-", " ").capitalize() for k in sorted(present_values)}
    special = {ANYWHERE: "Anywhere (remote)", NO_COUNTRY: "Not stated"}
    codes = sorted(present_values - set(special))
    ordered = {k: k for k in codes}
    ordered.update({k: v for k, v in special.items() if k in present_values})
    return ordered


# --- matching, in Python: what the board should show for a set of filters -----------------

Filters = dict[str, set[str]]


def matches(
    values: dict[str, list[str]],
    rate: float | None,
    filters: Filters,
    *,
    min_rate: float | None = None,
    skip: str | None = None,
) -> bool:
    for key, wanted in filters.items():
        if key != skip and wanted and not wanted.intersection(values[key]):
            return False
    return min_rate is None or (rate is not None and rate >= min_rate)


def counts(
    listings: Sequence[Listing], today: dt.date, filters: Filters, min_rate: float | None = None
) -> tuple[list[str], dict[str, dict[str, int]]]:
    """The ids of matching listings (board order) and each facet value's count."""
    rows = [(item, listing_values(item, today), hourly_rate(item)) for item in listings]
    shown = [
        item.id for item, vals, rate in rows if matches(vals, rate, filters, min_rate=min_rate)
    ]
    tally: dict[str, dict[str, int]] = {facet.key: {} for facet in FACETS}
    for _item, vals, rate in rows:
        for key in FACET_KEYS:
            if matches(vals, rate, filters, min_rate=min_rate, skip=key):
                for value in vals[key]:
                    tally[key][value] = tally[key].get(value, 0) + 1
    return shown, tally


# --- the files the browser loads --------------------------------------------------------


def _deadline_day(listing: Listing, today: dt.date) -> int | None:
    return (listing.deadline - today).days if isinstance(listing.deadline, dt.date) else None


def index_files(board: Board) -> dict[str, str]:
    """``board/index.json`` and ``board/cards/<n>.json`` for the open listings."""
    listings = board.open_listings
    today = board.today
    rows = [listing_values(item, today) for item in listings]
    facets = []
    for facet in FACETS:
        seen = [value for row in rows for value in row[facet.key]]
        labels = value_labels(facet, seen)
        code = {value: n for n, value in enumerate(labels)}
        column: list[object]
        if facet.key in MULTI:
            column = [[code[v] for v in row[facet.key]] for row in rows]
        else:
            column = [code[row[facet.key][0]] for row in rows]
        facets.append(
            {
                "key": facet.key,
                "label": facet.label,
                "multi": facet.key in MULTI,
                "values": list(labels),
                "labels": list(labels.values()),
                "col": column,
            }
        )
    rates = [hourly_rate(item) for item in listings]
    index = {
        "version": 1,
        "today": today.isoformat(),
        "count": len(listings),
        "chunk": CARD_CHUNK,
        "facets": facets,
        # Days from today to each deadline (null: rolling or none), for the deadline sort.
        "deadline": [_deadline_day(item, today) for item in listings],
        "rate": [None if r is None else round(r, 2) for r in rates],
    }
    files = {f"{FOLDER}index.json": _dumps(index)}
    for start in range(0, len(listings), CARD_CHUNK):
        chunk = listings[start : start + CARD_CHUNK]
        files[f"{FOLDER}cards/{start // CARD_CHUNK}.json"] = _dumps(
            [card_data(item, today) for item in chunk]
        )
    return files


def card_data(listing: Listing, today: dt.date) -> list[object]:
    """[id, title, organization, facts, flags] of one card (flags: example, closing soon)."""
    facts = " · ".join(
        (
            present.type_label(listing),
            present.pay_text(listing.compensation),
            present.effort_text(listing.duration, listing.hours_per_week),
            present.where_text(listing),
            "Deadline: " + present.deadline_text(listing.deadline, today),
        )
    )
    deadline = listing.deadline.isoformat() if isinstance(listing.deadline, dt.date) else ""
    flags = int(listing.example) | (2 if listing.status is ListingStatus.CLOSING_SOON else 0)
    return [listing.id, listing.title, listing.organization.name, facts, flags, deadline]


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- interface strings -------------------------------------------------------------------

#: Every text the board's JavaScript shows, in one place (the page carries it as JSON).
UI_STRINGS: dict[str, str] = {
    "filters": "Filters",
    "show_filters": "Show filters",
    "close_filters": "Close filters",
    "clear": "Clear all filters",
    "search": "Search opportunities",
    "search_placeholder": "Title, organization, skill or any word",
    "sort": "Sort by",
    "sort_newest": "Newest",
    "sort_deadline": "Deadline",
    "sort_pay": "Pay (hourly)",
    "min_rate": "Minimum hourly pay",
    "min_rate_hint": "In the listing's currency; hourly-paid listings only",
    "results_one": "1 opportunity",
    "results_many": "{n} opportunities",
    "results_none": "No opportunity matches. Remove a filter or change the search.",
    "show_more": "Show more",
    "loading": "Loading…",
    "search_failed": "Search is not available right now.",
    "save": "Save",
    "saved": "Saved",
    "save_label": "Save {title}",
    "applied": "Applied",
    "mark_applied": "Mark applied",
    "applied_on": "Applied on {date}",
    "applied_label": "Mark {title} as applied",
    "all": "All opportunities",
    "my_list": "My list",
    "my_list_empty": "Nothing saved yet. Use Save on an opportunity to keep it here.",
    "export_csv": "Export CSV",
    "export_ics": "Export deadlines (.ics)",
    "remove": "Remove",
    "example": "Example",
    "closing_soon": "Closing soon",
    "deadline": "Deadline",
}


def strings_json() -> str:
    return _dumps(UI_STRINGS)

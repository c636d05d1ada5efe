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

from boardgen.curate.board import NEW_DAYS, Board
from boardgen.model import (
    ClassYear,
    DegreeLevel,
    Listing,
    ListingStatus,
    OpportunityType,
    PayKind,
    PayPeriod,
    WorkMode,
)
from boardgen.render import present
from boardgen.render.i18n import ENGLISH, Translator

#: Listings per lazily fetched file of card text.
CARD_CHUNK = 50
#: Where the board's data files live inside the generated folder.
FOLDER = "board/"

#: Values of each facet whose list is fixed, in display order (labels: ``facet.*`` keys).
PAY_KINDS = ("paid", "stipend", "unpaid", "credit", "unknown")
_PAY_OF_KIND = {
    PayKind.HOURLY: "paid",
    PayKind.SALARY: "paid",
    PayKind.FIXED_FEE: "paid",
    PayKind.STIPEND: "stipend",
    PayKind.UNPAID: "unpaid",
    PayKind.ACADEMIC_CREDIT: "credit",
    PayKind.UNKNOWN: "unknown",
}
EFFORTS = ("up-to-10h", "10-40h", "1-4w", "longer", "unknown")
WEEKLY = ("up-to-10", "10-20", "over-20", "unknown")
DEADLINES = ("week", "month", "later", "rolling", "unknown")
POSTED = ("new", "older")
TYPES = tuple(kind.value for kind in OpportunityType)
MODES = tuple(mode.value for mode in WorkMode)
CLASS_YEARS = tuple(year.value for year in ClassYear)
DEGREES = tuple(level.value for level in DegreeLevel)
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


#: Deadline buckets: "this week" is up to WEEK_DAYS days away, "this month" MONTH_DAYS.
WEEK_DAYS = 7
MONTH_DAYS = 30


def deadline_bucket(listing: Listing, today: dt.date) -> str:
    """This week (7 days), this month (30 days), later, rolling, or not stated."""
    deadline = listing.deadline
    if deadline is None:
        return "unknown"
    if isinstance(deadline, str):
        return "rolling"
    days = (deadline - today).days
    if days <= WEEK_DAYS:
        return "week"
    return "month" if days <= MONTH_DAYS else "later"


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
    return years or list(CLASS_YEARS)


def degree_levels(listing: Listing) -> list[str]:
    levels = [level.value for level in listing.eligibility.degree_levels]
    return levels or list(DEGREES)


#: The currency value of listings that state no amount (unpaid, or pay not given).
NO_CURRENCY = "none"


def currency(listing: Listing) -> str:
    """The currency of the listing's amount: the minimum rate only compares like with like."""
    pay = listing.compensation
    return pay.currency if pay is not None and pay.currency else NO_CURRENCY


def is_new(listing: Listing, today: dt.date) -> bool:
    since = today - dt.timedelta(days=NEW_DAYS)
    return listing.posted_at is not None and listing.posted_at > since


Labeler = Callable[[Translator, str], str]


def _catalog(prefix: str, *, capital: bool = False) -> Labeler:
    """Labels from the catalog keys ``prefix + value`` (shared with the pages' wording)."""

    def label(tr: Translator, value: str) -> str:
        text = tr(prefix + value)
        # Eligibility words are lower case to sit inside a sentence; a filter starts upper.
        return text[:1].upper() + text[1:] if capital else text

    return label


@dataclass(frozen=True)
class Facet:
    """One filter group: its URL key (heading: catalog ``facet.<key>``), how a listing's
    values are found, and, for a fixed list of values, that list and their labels."""

    key: str
    values: Callable[[Listing, dt.date], list[str]]
    fixed: tuple[str, ...] | None = None  # fixed values in display order; None: from data
    label: Labeler | None = None


def _one(fn: Callable[[Listing], str]) -> Callable[[Listing, dt.date], list[str]]:
    return lambda item, _today: [fn(item)]


FACETS: tuple[Facet, ...] = (
    Facet("type", _one(lambda i: i.opportunity_type.value), TYPES, _catalog("type.")),
    Facet("field", lambda i, _t: list(i.categories)),
    Facet("mode", _one(lambda i: i.work_mode.value), MODES, _catalog("mode.")),
    Facet("country", lambda i, _t: countries(i)),
    Facet("pay", _one(pay_kind), PAY_KINDS, _catalog("facet.pay.")),
    Facet("currency", _one(currency)),
    Facet("effort", _one(effort_bucket), EFFORTS, _catalog("facet.effort.")),
    Facet("weekly", _one(weekly_bucket), WEEKLY, _catalog("facet.weekly.")),
    Facet("deadline", lambda i, t: [deadline_bucket(i, t)], DEADLINES, _catalog("facet.deadline.")),
    Facet("year", lambda i, _t: class_years(i), CLASS_YEARS, _catalog("year.", capital=True)),
    Facet("degree", lambda i, _t: degree_levels(i), DEGREES, _catalog("degree.", capital=True)),
    Facet(
        "posted",
        lambda i, t: ["new" if is_new(i, t) else "older"],
        POSTED,
        _catalog("facet.posted."),
    ),
)
FACET_KEYS = tuple(facet.key for facet in FACETS)
MULTI = frozenset({"field", "country", "year", "degree"})


def listing_values(listing: Listing, today: dt.date) -> dict[str, list[str]]:
    return {facet.key: facet.values(listing, today) for facet in FACETS}


def heading(facet: Facet, tr: Translator = ENGLISH) -> str:
    return tr(f"facet.{facet.key}")


def value_labels(facet: Facet, seen: Sequence[str], tr: Translator = ENGLISH) -> dict[str, str]:
    """A facet's values in display order with their labels.

    Fixed lists (types, buckets) are offered whole, so a shared link keeps its meaning;
    open ones (fields, countries) list only the values some open listing has.
    """
    present_values = set(seen)
    if facet.fixed is not None and facet.label is not None:
        return {value: facet.label(tr, value) for value in facet.fixed}
    if facet.key == "field":
        return {k: present.field_label(k) for k in sorted(present_values)}
    if facet.key == "currency":
        labels = {k: tr.currency_name(k) for k in sorted(present_values - {NO_CURRENCY})}
        if NO_CURRENCY in present_values:
            labels[NO_CURRENCY] = tr("facet.currency.none")
        return labels
    special = {ANYWHERE: tr("facet.country.anywhere"), NO_COUNTRY: tr("facet.country.none")}
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
        labels = value_labels(facet, seen, board.tr)
        code = {value: n for n, value in enumerate(labels)}
        column: list[object]
        if facet.key in MULTI:
            column = [[code[v] for v in row[facet.key]] for row in rows]
        else:
            column = [code[row[facet.key][0]] for row in rows]
        facets.append(
            {
                "key": facet.key,
                "label": heading(facet, board.tr),
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
        # Days from today to each deadline (null: rolling or none), for the deadline sort,
        # and days since each was posted: with the bucket sizes, the browser moves deadlines
        # and "new" to the visitor's own day (the site may be hours or days old).
        "deadline": [_deadline_day(item, today) for item in listings],
        "posted": [
            None if item.posted_at is None else (today - item.posted_at).days for item in listings
        ],
        "week_days": WEEK_DAYS,
        "month_days": MONTH_DAYS,
        "new_days": NEW_DAYS,
        "rate": [None if r is None else round(r, 2) for r in rates],
    }
    files = {f"{FOLDER}index.json": _dumps(index)}
    for start in range(0, len(listings), CARD_CHUNK):
        chunk = listings[start : start + CARD_CHUNK]
        files[f"{FOLDER}cards/{start // CARD_CHUNK}.json"] = _dumps(
            [card_data(item, today, board.tr) for item in chunk]
        )
    return files


def card_data(listing: Listing, today: dt.date, tr: Translator = ENGLISH) -> list[object]:
    """[id, title, organization, facts, flags] of one card (flags: example, closing soon).

    The facts read as on the board's HTML cards (pages.py), in the board's language.
    """
    facts = " · ".join(
        (
            present.type_label(listing, tr),
            present.pay_text(listing.compensation, tr),
            present.effort_text(listing.duration, listing.hours_per_week, tr),
            present.where_text(listing, tr),
            tr("card.deadline", deadline=present.deadline_text(listing.deadline, today, tr=tr)),
        )
    )
    deadline = listing.deadline.isoformat() if isinstance(listing.deadline, dt.date) else ""
    flags = int(listing.example) | (2 if listing.status is ListingStatus.CLOSING_SOON else 0)
    return [listing.id, listing.title, listing.organization.name, facts, flags, deadline]


def keep_card(listing: Listing) -> str:
    """What a listing page's Save button keeps in the visitor's list, as on the board."""
    deadline = listing.deadline.isoformat() if isinstance(listing.deadline, dt.date) else ""
    return _dumps(
        {
            "id": listing.id,
            "title": listing.title,
            "org": listing.organization.name,
            "deadline": deadline,
        }
    )


#: The board's words a listing page's Save and Mark applied buttons need.
KEEP_STRINGS = (
    "save",
    "saved",
    "save_label",
    "mark_applied",
    "applied_on",
    "applied_label",
    "my_list",
)


def keep_strings(tr: Translator = ENGLISH) -> str:
    return _dumps({key: tr(JS_PREFIX + key) for key in KEEP_STRINGS})


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- interface strings -------------------------------------------------------------------

#: Catalog keys of the board's JavaScript start with this; the page carries them (without it).
JS_PREFIX = "js."


def strings_json(tr: Translator = ENGLISH) -> str:
    """Every text the board's JavaScript shows, as JSON keyed by the names board.js reads."""
    strings = tr.strings_with_prefix(JS_PREFIX)
    return _dumps({key.removeprefix(JS_PREFIX): text for key, text in strings.items()})

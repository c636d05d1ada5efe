"""How listing facts read on the page: pay, effort, place, deadline (pure functions).

Kept apart from page generation so feeds, cards and listing pages say the same thing.
Each takes the board's :class:`~boardgen.render.i18n.Translator` (English when not given).
"""

from __future__ import annotations

import datetime as dt

from boardgen.model import (
    Compensation,
    Duration,
    HoursPerWeek,
    Listing,
    Location,
    OpportunityType,
    PayKind,
    WorkMode,
)
from boardgen.render.i18n import ENGLISH, Translator

#: English labels, kept for callers that need the plain words (tests, exports).
TYPE_LABELS = {kind.value: ENGLISH(f"type.{kind.value}") for kind in OpportunityType}
MODE_LABELS = {mode: ENGLISH(f"mode.{mode.value}") for mode in WorkMode}


# Catalog keys (looked up only when used: pay text is built for every card and feed entry).
_KIND_WORDS = {PayKind.STIPEND: "pay.stipend", PayKind.FIXED_FEE: "pay.fixed_fee"}
_KIND_ONLY = {
    PayKind.HOURLY: "pay.hourly_only",
    PayKind.SALARY: "pay.salary_only",
    PayKind.STIPEND: "pay.stipend_only",
    PayKind.FIXED_FEE: "pay.fixed_fee_only",
}


def money(value: float, currency: str | None, tr: Translator = ENGLISH) -> str:
    return tr.money(value, currency)


def pay_text(pay: Compensation | None, tr: Translator = ENGLISH) -> str:
    """E.g. '$20–25 per hour', '€500 stipend, in total', 'Unpaid', 'Pay not stated'."""
    if pay is None or pay.kind is PayKind.UNKNOWN:
        return tr("pay.not_stated")
    if pay.kind is PayKind.UNPAID:
        return tr("pay.unpaid")
    if pay.kind is PayKind.ACADEMIC_CREDIT:
        return tr("pay.academic_credit")
    kind_word = tr(_KIND_WORDS[pay.kind]) if pay.kind in _KIND_WORDS else ""
    if pay.min is None and pay.max is None:
        return tr(_KIND_ONLY[pay.kind]) if pay.kind in _KIND_ONLY else ""
    low, high = pay.min, pay.max
    if low is not None and high is not None and high != low:
        amount = tr.money_range(low, high, pay.currency)
    else:
        amount = tr.money(low if low is not None else high or 0.0, pay.currency)
    period = tr(f"period.{pay.period.value}") if pay.period else ""
    parts = [amount, kind_word, period]
    if pay.kind is PayKind.FIXED_FEE:
        parts = [amount, kind_word]
    return " ".join(p for p in parts if p)


def effort_text(
    duration: Duration | None, hours: HoursPerWeek | None, tr: Translator = ENGLISH
) -> str:
    """E.g. '20 hours over 2 weeks · 10 hours a week'."""
    parts = []
    if duration is not None:
        if duration.hours is not None and duration.weeks is not None:
            parts.append(
                tr(
                    "effort.hours_over",
                    hours=tr.number(duration.hours),
                    weeks=tr.plural("weeks", duration.weeks),
                )
            )
        elif duration.hours is not None:
            parts.append(tr("effort.hours_total", hours=tr.number(duration.hours)))
        elif duration.weeks is not None:
            parts.append(tr.plural("weeks", duration.weeks))
    if hours is not None:
        span = tr.number(hours.min)
        if hours.max is not None and hours.max != hours.min:
            span += f"–{tr.number(hours.max)}"
        parts.append(tr("effort.per_week", span=span))
    return " · ".join(parts) if parts else tr("effort.not_stated")


def location_text(location: Location) -> str:
    return ", ".join(part for part in (location.city, location.region, location.country) if part)


def where_text(listing: Listing, tr: Translator = ENGLISH) -> str:
    """Work mode plus places, e.g. 'Remote (US, CA)' or 'Hybrid · Chicago, IL, US'."""
    mode = tr(f"mode.{listing.work_mode.value}")
    places = "; ".join(location_text(loc) for loc in listing.locations)
    if listing.work_mode is WorkMode.REMOTE:
        countries = listing.remote.countries if listing.remote else []
        if countries:
            return tr("where.remote_in", mode=mode, countries=", ".join(countries))
        return tr("where.remote_anywhere", mode=mode)
    return f"{mode} · {places}" if places else mode


def deadline_text(
    deadline: dt.date | str | None,
    today: dt.date,
    *,
    relative: bool = True,
    tr: Translator = ENGLISH,
) -> str:
    """E.g. '15 January 2027 (54 days left)', 'Rolling: apply any time', 'Not stated'."""
    if deadline is None:
        return tr("deadline.not_stated")
    if isinstance(deadline, str):
        return tr("deadline.rolling")
    days = (deadline - today).days
    when = tr.date(deadline)
    if not relative:
        return when
    if days < 0:
        return tr("deadline.passed", date=when)
    if days == 0:
        return tr("deadline.today", date=when)
    return tr.plural("deadline.left", days, date=when)


def field_label(slug: str) -> str:
    """A field's name from its slug ('data-science' -> 'Data science'), board and pages alike.

    Field slugs are the board's own words (its categories), not catalog entries.
    """
    return slug.replace("-", " ").capitalize()


def type_label(listing: Listing, tr: Translator = ENGLISH) -> str:
    return tr(f"type.{listing.opportunity_type.value}")

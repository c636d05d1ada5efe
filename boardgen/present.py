"""How listing facts read on the page: pay, effort, place, deadline (pure functions).

Kept apart from page generation so feeds, cards and listing pages say the same thing.
"""

from __future__ import annotations

import datetime as dt

from boardgen.schema import (
    Compensation,
    Duration,
    HoursPerWeek,
    Listing,
    Location,
    PayKind,
    PayPeriod,
    WorkMode,
)

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "CAD": "CA$", "AUD": "A$"}
TYPE_LABELS = {
    "micro-internship": "Micro-internship",
    "internship": "Internship",
    "fellowship": "Fellowship",
    "externship": "Externship",
    "research": "Research",
    "job-simulation": "Job simulation",
    "apprenticeship": "Apprenticeship",
    "co-op": "Co-op",
    "part-time": "Part-time",
    "volunteer": "Volunteer",
    "other": "Other",
}
MODE_LABELS = {
    WorkMode.REMOTE: "Remote",
    WorkMode.HYBRID: "Hybrid",
    WorkMode.ONSITE: "On-site",
    WorkMode.UNKNOWN: "Work mode not stated",
}
_PERIOD_WORDS = {
    PayPeriod.HOUR: "per hour",
    PayPeriod.DAY: "per day",
    PayPeriod.WEEK: "per week",
    PayPeriod.MONTH: "per month",
    PayPeriod.YEAR: "per year",
    PayPeriod.ONE_TIME: "in total",
}


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def money(value: float, currency: str | None) -> str:
    if currency is None:
        return _number(value)
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{_number(value)}" if symbol else f"{_number(value)} {currency}"


def pay_text(pay: Compensation | None) -> str:
    """E.g. '$20–25 per hour', '€500 stipend, in total', 'Unpaid', 'Pay not stated'."""
    if pay is None or pay.kind is PayKind.UNKNOWN:
        return "Pay not stated"
    if pay.kind is PayKind.UNPAID:
        return "Unpaid"
    if pay.kind is PayKind.ACADEMIC_CREDIT:
        return "Academic credit"
    kind_word = {PayKind.STIPEND: "stipend", PayKind.FIXED_FEE: "fixed fee"}.get(pay.kind, "")
    if pay.min is None and pay.max is None:
        return {PayKind.HOURLY: "Paid hourly", PayKind.SALARY: "Salaried"}.get(
            pay.kind, kind_word.capitalize()
        )
    low, high = pay.min, pay.max
    if low is not None and high is not None and high != low:
        amount = f"{money(low, pay.currency)}–{_number(high)}"
    else:
        amount = money(low if low is not None else high or 0.0, pay.currency)
    period = _PERIOD_WORDS.get(pay.period, "") if pay.period else ""
    parts = [amount, kind_word, period]
    if pay.kind is PayKind.FIXED_FEE:
        parts = [amount, kind_word]
    return " ".join(p for p in parts if p)


def effort_text(duration: Duration | None, hours: HoursPerWeek | None) -> str:
    """E.g. '20 hours over 2 weeks · 10 hours a week'."""
    parts = []
    if duration is not None:
        if duration.hours is not None and duration.weeks is not None:
            parts.append(f"{_number(duration.hours)} hours over {_weeks(duration.weeks)}")
        elif duration.hours is not None:
            parts.append(f"{_number(duration.hours)} hours in total")
        elif duration.weeks is not None:
            parts.append(_weeks(duration.weeks))
    if hours is not None:
        span = _number(hours.min)
        if hours.max is not None and hours.max != hours.min:
            span += f"–{_number(hours.max)}"
        parts.append(f"{span} hours a week")
    return " · ".join(parts) if parts else "Not stated"


def _weeks(weeks: float) -> str:
    return f"{_number(weeks)} week{'' if weeks == 1 else 's'}"


def location_text(location: Location) -> str:
    return ", ".join(part for part in (location.city, location.region, location.country) if part)


def where_text(listing: Listing) -> str:
    """Work mode plus places, e.g. 'Remote (US, CA)' or 'Hybrid · Chicago, IL, US'."""
    mode = MODE_LABELS[listing.work_mode]
    places = "; ".join(location_text(loc) for loc in listing.locations)
    if listing.work_mode is WorkMode.REMOTE:
        countries = listing.remote.countries if listing.remote else []
        return f"{mode} ({', '.join(countries)})" if countries else f"{mode}, anywhere"
    return f"{mode} · {places}" if places else mode


def deadline_text(deadline: dt.date | str | None, today: dt.date, *, relative: bool = True) -> str:
    """E.g. '15 January 2027 (54 days left)', 'Rolling: apply any time', 'Not stated'."""
    if deadline is None:
        return "Not stated"
    if isinstance(deadline, str):
        return "Rolling: apply any time"
    days = (deadline - today).days
    when = f"{deadline.day} {deadline:%B %Y}"
    if not relative:
        return when
    if days < 0:
        return f"{when} (passed)"
    if days == 0:
        return f"{when} (today)"
    return f"{when} ({days} day{'' if days == 1 else 's'} left)"


def type_label(listing: Listing) -> str:
    return TYPE_LABELS[listing.opportunity_type.value]

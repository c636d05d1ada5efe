"""Open data: the board's listings as JSON (schema field names) or flat CSV (pure)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from boardgen.model import Listing
from boardgen.render.present import location_text

CSV_COLUMNS = (
    "id", "title", "organization", "apply_url", "opportunity_type", "work_mode", "locations",
    "categories", "skills", "pay_kind", "pay_min", "pay_max", "currency", "pay_period",
    "duration_hours", "duration_weeks", "hours_per_week_min", "hours_per_week_max", "deadline",
    "start_date", "posted_at", "status", "example", "summary",
)  # fmt: skip


def to_json(listings: Sequence[Listing], *, indent: int | None = 2) -> str:
    """The listings as a JSON array (``indent=None``: compact, and far faster to write)."""
    return json.dumps([item.model_dump(mode="json") for item in listings], indent=indent) + "\n"


def to_row(item: Listing) -> dict[str, str]:
    """One listing as CSV cells: lists joined with '; ', missing values empty."""
    pay, duration, hours = item.compensation, item.duration, item.hours_per_week

    def cell(value: object) -> str:
        return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))

    places = [location_text(loc) for loc in item.locations]
    return {
        "id": item.id,
        "title": item.title,
        "organization": item.organization.name,
        "apply_url": item.apply_url,
        "opportunity_type": item.opportunity_type.value,
        "work_mode": item.work_mode.value,
        "locations": "; ".join(places),
        "categories": "; ".join(item.categories),
        "skills": "; ".join(item.skills),
        "pay_kind": pay.kind.value if pay else "",
        "pay_min": cell(pay.min if pay else None),
        "pay_max": cell(pay.max if pay else None),
        "currency": cell(pay.currency if pay else None),
        "pay_period": pay.period.value if pay and pay.period else "",
        "duration_hours": cell(duration.hours if duration else None),
        "duration_weeks": cell(duration.weeks if duration else None),
        "hours_per_week_min": cell(hours.min if hours else None),
        "hours_per_week_max": cell(hours.max if hours else None),
        "deadline": cell(item.deadline),
        "start_date": cell(item.start_date),
        "posted_at": cell(item.posted_at),
        "status": item.status.value,
        "example": "true" if item.example else "false",
        "summary": item.summary,
    }


def to_csv(listings: Sequence[Listing]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in listings:
        writer.writerow(_defuse(to_row(item)))
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defuse(row: dict[str, str]) -> dict[str, str]:
    # A cell starting with = + - @ runs as a formula in spreadsheets (CSV injection).
    return {k: ("'" + v if v[:1] in _FORMULA_STARTS else v) for k, v in row.items()}

"""Normalizers: source values into the listing schema's shapes (pure functions).

Adapters call these on raw records; each returns ``None`` (or an "unknown" value) for
input it cannot read rather than raising, so one odd field never drops a whole listing.
"""

from __future__ import annotations

from boardgen.normalize.dates import parse_date, parse_datetime
from boardgen.normalize.effort import Effort, parse_effort
from boardgen.normalize.kind import classify_type, type_from_field, type_from_title
from boardgen.normalize.location import PlaceInfo, country_code, parse_location, parse_locations
from boardgen.normalize.pay import parse_pay, pay_from_fields, pay_period
from boardgen.normalize.text import fold_text, repair_mojibake
from boardgen.normalize.workmode import infer_work_mode, work_mode_from_field

__all__ = [
    "Effort",
    "PlaceInfo",
    "classify_type",
    "country_code",
    "fold_text",
    "infer_work_mode",
    "parse_date",
    "parse_datetime",
    "parse_effort",
    "parse_location",
    "parse_locations",
    "parse_pay",
    "pay_from_fields",
    "pay_period",
    "repair_mojibake",
    "type_from_field",
    "type_from_title",
    "work_mode_from_field",
]

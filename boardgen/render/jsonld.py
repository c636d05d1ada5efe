"""schema.org JobPosting for a listing page (pure), following Google's job posting guidelines.

Google requires title, description, datePosted, hiringOrganization and either jobLocation or
jobLocationType TELECOMMUTE with applicantLocationRequirements; validThrough whenever the
posting expires. baseSalary only takes HOUR/DAY/WEEK/MONTH/YEAR units, so one-time amounts
(a fixed fee, a one-off stipend) are left out rather than mislabelled.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from boardgen.model import (
    PAID_KINDS,
    Compensation,
    Listing,
    OpportunityType,
    PayPeriod,
    WorkMode,
)

_INTERN_TYPES = frozenset(
    {
        OpportunityType.MICRO_INTERNSHIP,
        OpportunityType.INTERNSHIP,
        OpportunityType.EXTERNSHIP,
        OpportunityType.FELLOWSHIP,
        OpportunityType.APPRENTICESHIP,
        OpportunityType.CO_OP,
        OpportunityType.RESEARCH,
    }
)
_OTHER_TYPES = {
    OpportunityType.PART_TIME: "PART_TIME",
    OpportunityType.VOLUNTEER: "VOLUNTEER",
}
_UNITS = {
    PayPeriod.HOUR: "HOUR",
    PayPeriod.DAY: "DAY",
    PayPeriod.WEEK: "WEEK",
    PayPeriod.MONTH: "MONTH",
    PayPeriod.YEAR: "YEAR",
}


def job_posting(listing: Listing, *, page_url: str | None, today: dt.date) -> dict[str, Any]:
    """The JobPosting object for an open listing."""
    org = listing.organization
    hiring: dict[str, Any] = {"@type": "Organization", "name": org.name}
    if org.url:
        hiring["sameAs"] = org.url
    if org.logo:
        hiring["logo"] = org.logo
    posted = listing.posted_at or (listing.first_seen.date() if listing.first_seen else today)
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": listing.title,
        "description": listing.description or listing.summary or listing.title,
        "datePosted": posted.isoformat(),
        "hiringOrganization": hiring,
        "employmentType": employment_type(listing),
        "identifier": {"@type": "PropertyValue", "name": org.name, "value": listing.id},
        "directApply": False,
    }
    if page_url:
        data["url"] = page_url
    if isinstance(listing.deadline, dt.date):
        data["validThrough"] = f"{listing.deadline.isoformat()}T23:59:59"
    if listing.locations:
        data["jobLocation"] = [
            _place(loc.city, loc.region, loc.country) for loc in listing.locations
        ]
    if listing.work_mode in (WorkMode.REMOTE, WorkMode.HYBRID):
        data["jobLocationType"] = "TELECOMMUTE"
        countries = list(listing.remote.countries) if listing.remote else []
        if not countries:
            countries = list(dict.fromkeys(loc.country for loc in listing.locations if loc.country))
        if countries:
            data["applicantLocationRequirements"] = [
                {"@type": "Country", "name": code} for code in countries
            ]
    salary = base_salary(listing.compensation)
    if salary:
        data["baseSalary"] = salary
    if listing.skills:
        data["skills"] = ", ".join(listing.skills)
    if listing.categories:
        data["occupationalCategory"] = ", ".join(listing.categories)
    if listing.hours_per_week is not None:
        hours = listing.hours_per_week
        span = f"{hours.min:g}" + (f"-{hours.max:g}" if hours.max not in (None, hours.min) else "")
        data["workHours"] = f"{span} hours per week"
    if listing.start_date:
        data["jobStartDate"] = listing.start_date.isoformat()
    return data


def employment_type(listing: Listing) -> list[str]:
    kind = listing.opportunity_type
    types = ["INTERN"] if kind in _INTERN_TYPES else [_OTHER_TYPES.get(kind, "OTHER")]
    hours = listing.hours_per_week
    if hours is not None and (hours.max or hours.min) < 30 and "PART_TIME" not in types:
        types.append("PART_TIME")
    return types


def base_salary(pay: Compensation | None) -> dict[str, Any] | None:
    """MonetaryAmount for pay with a currency, an amount and a per-period unit; else None."""
    if pay is None or pay.kind not in PAID_KINDS or pay.currency is None:
        return None
    unit = _UNITS.get(pay.period) if pay.period else None
    if unit is None or (pay.min is None and pay.max is None):
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": unit}
    if pay.min is not None and pay.max is not None and pay.max != pay.min:
        value["minValue"] = pay.min
        value["maxValue"] = pay.max
    else:
        value["value"] = pay.min if pay.min is not None else pay.max
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}


def _place(city: str | None, region: str | None, country: str | None) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if country:
        address["addressCountry"] = country
    if city:
        address["addressLocality"] = city
    if region:
        address["addressRegion"] = region
    return {"@type": "Place", "address": address}


def dumps(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">`` element that text cannot end.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so a title holding ``</script>``
    stays inside the string.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

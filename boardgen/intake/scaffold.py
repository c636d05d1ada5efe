"""``boardgen new``: a listing file with every field present and explained.

Optional fields are written commented out with an example value, so the file validates as
soon as the required ones are filled in. Values from flags or prompts are written as
JSON strings, which are valid YAML scalars: a title cannot break out of its line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardgen.config.project import Project
from boardgen.errors import BoardgenError
from boardgen.model import SLUG_PATTERN, OpportunityType, WorkMode

Prompt = Callable[..., Any]


@dataclass(frozen=True)
class NewListing:
    id: str | None = None
    title: str | None = None
    organization: str | None = None
    apply_url: str | None = None
    opportunity_type: str | None = None
    work_mode: str | None = None

    def ask(self, prompt: Prompt) -> NewListing:
        """Fill the missing answers by asking (``prompt`` is click.prompt or a test double)."""
        import click

        title = self.title or prompt("Title")
        organization = self.organization or prompt("Organization")
        apply_url = self.apply_url or prompt("Apply URL (https://...)")
        kind = self.opportunity_type or prompt(
            "Opportunity type",
            type=click.Choice([t.value for t in OpportunityType]),
            default=OpportunityType.MICRO_INTERNSHIP.value,
        )
        mode = self.work_mode or prompt(
            "Work mode", type=click.Choice([m.value for m in WorkMode]), default="remote"
        )
        listing_id = self.id or prompt("Id", default=slugify(f"{organization} {title}"))
        return NewListing(listing_id, title, organization, apply_url, kind, mode)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")


def _scalar(value: str | None) -> str:
    return json.dumps(value or "", ensure_ascii=False)


def render_listing(answers: NewListing, *, today: dt.date) -> str:
    types = " | ".join(t.value for t in OpportunityType)
    modes = " | ".join(m.value for m in WorkMode)
    return f"""\
# yaml-language-server: $schema=../../schemas/listing.schema.json
# A listing file: fill in the required fields, uncomment the optional ones you know,
# then run `boardgen validate`. Field reference: content/reference/listing-fields.md

# --- required ---------------------------------------------------------------------------
id: {_scalar(answers.id)}
title: {_scalar(answers.title)}
organization:
  name: {_scalar(answers.organization)}
  # url: https://example.org                # the organization's website
  # logo: https://example.org/logo.png      # a square logo
apply_url: {_scalar(answers.apply_url)}     # where students apply (https://)
opportunity_type: {_scalar(answers.opportunity_type)}  # {types}
work_mode: {_scalar(answers.work_mode)}     # {modes}
description: |
  TODO: the project, the deliverable, what the student learns, who it suits.
posted_at: {today.isoformat()}

# --- optional, but students filter on these ----------------------------------------------
# compensation:
#   kind: hourly          # hourly | salary | stipend | fixed-fee | unpaid | academic-credit | unknown
#   min: 20
#   max: 25
#   currency: USD
#   period: hour          # hour | day | week | month | year | one-time
#   note: plus travel costs
# deadline: {(today + dt.timedelta(days=30)).isoformat()}   # or: rolling
# start_date: {(today + dt.timedelta(days=45)).isoformat()}
# duration:
#   hours: 20             # total hours of work
#   weeks: 2              # weeks from start to end
# hours_per_week: 10      # or: {{min: 5, max: 10}}
# locations:              # needed for onsite and hybrid work
#   - city: Chicago
#     region: IL
#     country: US         # ISO 3166-1 alpha-2 code
# remote:                 # remote or hybrid work: where applicants may live
#   countries: [US, CA]
#   timezones: [UTC-8 to UTC-5]
# categories: [data-science, marketing]   # lowercase words joined by hyphens
# skills: [Excel, Survey design]
# eligibility:
#   class_years: [third-year, fourth-year]   # first-year | second-year | third-year | fourth-year | graduate | recent-graduate
#   degree_levels: [bachelor]                # high-school | associate | bachelor | master | doctorate
#   majors: [Statistics, Economics]
#   work_authorization: US work authorization required
#   sponsorship: false
# example: false          # true only for invented sample listings
# status: open            # closed takes the listing down early
# closed_on: 2026-12-01    # with status: closed, the day it closed (YYYY-MM-DD)
"""


def write_new_listing(
    project: Project, answers: NewListing, *, today: dt.date, force: bool = False
) -> str:
    """Write content/listings/<id>.yml; return its path relative to the project."""
    guess = slugify(f"{answers.organization or ''} {answers.title}") if answers.title else ""
    listing_id = answers.id or guess
    if not listing_id:
        raise BoardgenError("give the listing an id (boardgen new ID) or a --title")
    if not re.fullmatch(SLUG_PATTERN, listing_id):
        raise BoardgenError(
            f"{listing_id!r} is not a valid id: use lowercase words joined by hyphens, "
            f"e.g. {slugify(listing_id) or 'acme-data-cleanup'}"
        )
    path: Path = project.listings_dir / f"{listing_id}.yml"
    if path.exists() and not force:
        raise BoardgenError(f"{project.relative(path)} already exists: pick another id, or --force")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        render_listing(dataclasses.replace(answers, id=listing_id), today=today), encoding="utf-8"
    )
    return project.relative(path)

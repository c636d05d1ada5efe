"""A listing: what a contributed file holds and what the board stores (pydantic).

Human-written input uses ``extra="forbid"`` so a misspelt field is an error, not silently
ignored. Field descriptions are user documentation: they feed the committed JSON Schemas
(editor completion) and the contributor field reference, so write them for a contributor.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from boardgen.model.common import (
    CURRENCY_PATTERN,
    RESERVED_IDS,
    CountryCode,
    Date,
    Deadline,
    ShortText,
    Slug,
    StrictModel,
    TextShorthand,
    WebUrl,
    _or_shorthand,
)


class OpportunityType(StrEnum):
    MICRO_INTERNSHIP = "micro-internship"
    INTERNSHIP = "internship"
    FELLOWSHIP = "fellowship"
    EXTERNSHIP = "externship"
    RESEARCH = "research"
    JOB_SIMULATION = "job-simulation"
    APPRENTICESHIP = "apprenticeship"
    CO_OP = "co-op"
    PART_TIME = "part-time"
    VOLUNTEER = "volunteer"
    OTHER = "other"


class WorkMode(StrEnum):
    REMOTE = "remote"
    HYBRID = "hybrid"
    ONSITE = "onsite"
    UNKNOWN = "unknown"


class PayKind(StrEnum):
    HOURLY = "hourly"
    SALARY = "salary"
    STIPEND = "stipend"
    FIXED_FEE = "fixed-fee"
    UNPAID = "unpaid"
    ACADEMIC_CREDIT = "academic-credit"
    UNKNOWN = "unknown"


#: Kinds that mean money changes hands.
PAID_KINDS = frozenset({PayKind.HOURLY, PayKind.SALARY, PayKind.STIPEND, PayKind.FIXED_FEE})


class PayPeriod(StrEnum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    ONE_TIME = "one-time"


class ClassYear(StrEnum):
    FIRST_YEAR = "first-year"
    SECOND_YEAR = "second-year"
    THIRD_YEAR = "third-year"
    FOURTH_YEAR = "fourth-year"
    GRADUATE = "graduate"
    RECENT_GRADUATE = "recent-graduate"


class DegreeLevel(StrEnum):
    HIGH_SCHOOL = "high-school"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class ListingStatus(StrEnum):
    OPEN = "open"
    CLOSING_SOON = "closing-soon"
    CLOSED = "closed"
    EXPIRED = "expired"


class Organization(TextShorthand):
    """Who offers the opportunity. A plain string is accepted as the name."""

    SHORTHAND = "name"
    name: ShortText = Field(description="The organization's name as students know it.")
    url: WebUrl | None = Field(default=None, description="The organization's website.")
    logo: WebUrl | None = Field(default=None, description="An https URL of a square logo.")


class Location(StrictModel):
    """A place where the work happens (or, for remote work, where the team sits)."""

    city: ShortText | None = Field(default=None, description="City, e.g. Chicago.")
    region: ShortText | None = Field(
        default=None, description="State, province or region, e.g. IL or Bavaria."
    )
    country: CountryCode | None = Field(
        default=None, description="ISO 3166-1 alpha-2 country code, e.g. US."
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Location:
        if not (self.city or self.region or self.country):
            raise ValueError("a location needs at least one of city, region or country")
        return self


class RemoteEligibility(StrictModel):
    """Who may work remotely on it."""

    countries: list[CountryCode] = Field(
        default_factory=list,
        description="Countries remote applicants must live in (ISO codes); empty means anywhere.",
    )
    timezones: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list,
        description="Time zones the team needs overlap with, e.g. 'UTC-5 to UTC+1'.",
    )


class Duration(StrictModel):
    """Total effort: hours of work in all, and/or calendar weeks it runs for."""

    hours: float | None = Field(
        default=None, gt=0, le=2000, description="Estimated total hours of work."
    )
    weeks: float | None = Field(
        default=None, gt=0, le=104, description="How many weeks it runs from start to end."
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Duration:
        if self.hours is None and self.weeks is None:
            raise ValueError("give hours, weeks or both (e.g. hours: 20, weeks: 2)")
        return self


class HoursPerWeek(StrictModel):
    """Expected weekly hours. A single number is accepted for a fixed load."""

    min: float = Field(gt=0, le=80, description="Fewest hours per week.")
    max: float | None = Field(default=None, gt=0, le=80, description="Most hours per week.")

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"min": value, "max": value}
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _or_shorthand(handler(core_schema), {"type": "number", "exclusiveMinimum": 0})

    @model_validator(mode="after")
    def _ordered(self) -> HoursPerWeek:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max:g}) is less than min ({self.min:g})")
        return self


class Compensation(StrictModel):
    """What the work pays."""

    kind: PayKind = Field(
        description=(
            "hourly, salary, stipend, fixed-fee (one payment for the project), unpaid, "
            "academic-credit or unknown."
        )
    )
    min: float | None = Field(default=None, ge=0, description="Lowest amount (or the amount).")
    max: float | None = Field(default=None, ge=0, description="Highest amount, for a range.")
    currency: Annotated[str, Field(pattern=CURRENCY_PATTERN)] | None = Field(
        default=None, description="ISO 4217 code, e.g. USD, EUR, INR."
    )
    period: PayPeriod | None = Field(
        default=None,
        description=(
            "What the amount is per: hour, day, week, month, year or one-time. "
            "hourly implies hour, fixed-fee implies one-time, salary defaults to year."
        ),
    )
    note: Annotated[str, Field(max_length=200)] | None = Field(
        default=None, description="Anything else about pay, e.g. 'plus travel costs'."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Compensation:
        has_amount = self.min is not None or self.max is not None
        if self.kind not in PAID_KINDS:
            if has_amount:
                raise ValueError(f"{self.kind.value} pay has no amount: remove min and max")
            return self
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max:g}) is less than min ({self.min:g})")
        if has_amount and self.currency is None:
            raise ValueError("an amount needs its currency: add currency: USD (or EUR, ...)")
        implied = {PayKind.HOURLY: PayPeriod.HOUR, PayKind.FIXED_FEE: PayPeriod.ONE_TIME}
        if self.kind in implied:
            if self.period not in (None, implied[self.kind]):
                raise ValueError(
                    f"{self.kind.value} pay is per {implied[self.kind].value}: "
                    "remove period or change kind"
                )
            self.period = implied[self.kind]
        elif self.kind is PayKind.SALARY and self.period is None:
            self.period = PayPeriod.YEAR
        elif self.kind is PayKind.STIPEND and has_amount and self.period is None:
            raise ValueError("say how often the stipend is paid: period: one-time, month, ...")
        return self


class Eligibility(StrictModel):
    """Who may apply. Leave a list empty when there is no restriction."""

    class_years: list[ClassYear] = Field(default_factory=list, description="Years of study.")
    degree_levels: list[DegreeLevel] = Field(
        default_factory=list, description="Degree levels being studied for."
    )
    majors: list[ShortText] = Field(default_factory=list, description="Majors or subjects.")
    work_authorization: Annotated[str, Field(max_length=200)] | None = Field(
        default=None, description="Who is authorized to work, e.g. 'US work authorization'."
    )
    sponsorship: bool | None = Field(
        default=None, description="Whether visa sponsorship is offered (true/false)."
    )


class Flag(BaseModel):
    """A curation flag: why a listing is held back for review."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    reason: str
    weight: float = 1.0


class SourceRef(BaseModel):
    """Where a listing came from."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The source id from sources.yml, or 'contributed'.")
    kind: str = Field(description="The source kind, e.g. greenhouse, rss, contributed.")
    native_id: str | None = Field(default=None, description="The id the source gave it.")
    url: str | None = Field(default=None, description="Where the source shows it.")


# --- the listing ---------------------------------------------------------------------------


class ListingCore(StrictModel):
    """The fields shared by a contributed listing file and a stored listing."""

    id: Slug = Field(
        description="Unique id: lowercase words joined by hyphens, e.g. acme-data-cleanup-2026."
    )
    title: Annotated[str, Field(min_length=3, max_length=200)] = Field(
        description="The role's title, e.g. 'Market research micro-internship'."
    )
    organization: Organization = Field(description="Who offers it (a name, or name/url/logo).")
    apply_url: WebUrl = Field(description="Where students apply: a full https:// link.")
    opportunity_type: OpportunityType = Field(description="What kind of opportunity this is.")
    categories: list[Slug] = Field(
        default_factory=list,
        max_length=10,
        description="Fields of work, lowercase and hyphenated, e.g. [data-science, marketing].",
    )
    skills: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default_factory=list, max_length=30, description="Skills used, e.g. [Python, Excel]."
    )
    work_mode: WorkMode = Field(description="remote, hybrid, onsite or unknown.")
    locations: list[Location] = Field(
        default_factory=list,
        validate_default=True,
        description="Where the work is; needed for onsite and hybrid work.",
    )
    remote: RemoteEligibility | None = Field(
        default=None, description="For remote or hybrid work: where applicants may live."
    )
    duration: Duration | None = Field(default=None, description="Total hours and/or weeks.")
    hours_per_week: HoursPerWeek | None = Field(
        default=None, description="Weekly hours: a number, or min and max."
    )
    compensation: Compensation | None = Field(default=None, description="What it pays.")
    deadline: Deadline | None = Field(
        default=None,
        description="Last day to apply (YYYY-MM-DD), or 'rolling'. Leave out when unknown.",
    )
    start_date: Date | None = Field(default=None, description="When the work starts.")
    eligibility: Eligibility = Field(default_factory=Eligibility, description="Who may apply.")
    example: bool = Field(
        default=False,
        description="true for invented sample listings; a production board can hide them.",
    )

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_IDS:
            raise ValueError(
                f"'{value}' is the name of a folder of the site: choose a longer id, "
                f"e.g. acme-{value}-project"
            )
        return value

    @field_validator("locations")
    @classmethod
    def _located(cls, value: list[Location], info: ValidationInfo) -> list[Location]:
        mode = info.data.get("work_mode")
        if mode in (WorkMode.ONSITE, WorkMode.HYBRID) and not value:
            raise ValueError(
                f"a {mode.value} listing needs a location: add "
                "locations: [{city: ..., country: ..}]"
            )
        return value

    @field_validator("remote")
    @classmethod
    def _remote_only(
        cls, value: RemoteEligibility | None, info: ValidationInfo
    ) -> RemoteEligibility | None:
        if value is not None and info.data.get("work_mode") not in (
            WorkMode.REMOTE,
            WorkMode.HYBRID,
        ):
            raise ValueError("remote eligibility is only for remote or hybrid work: remove it")
        return value


class ListingInput(ListingCore):
    """A contributed listing: one YAML file under content/listings/."""

    description: Annotated[str, Field(min_length=1, max_length=20_000)] = Field(
        description="What the work is, in Markdown: the project, the deliverable, who fits."
    )
    posted_at: Date = Field(description="The day the listing was posted (YYYY-MM-DD).")
    status: Literal["open", "closed"] = Field(
        default="open", description="Set to closed to take the listing down early."
    )
    closed_on: Date | None = Field(
        default=None,
        description="With status: closed, the day it closed: its page keeps a 'closed' notice "
        "for the board's closed_page_days, then goes.",
    )

    @field_validator("title", "description")
    @classmethod
    def _no_control_chars(cls, value: str) -> str:
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
            raise ValueError("contains control characters: remove them")
        return value


class Listing(ListingCore):
    """A listing as the board stores and publishes it (normalized and sanitized)."""

    description: str = Field(default="", description="Sanitized HTML.")
    summary: str = Field(default="", description="Plain-text summary of the description.")
    posted_at: dt.date | None = Field(default=None, description="When it was posted.")
    canonical_url: str | None = Field(default=None, description="The listing's own page.")
    sources: list[SourceRef] = Field(default_factory=list, description="Where it came from.")
    first_seen: dt.datetime | None = Field(default=None, description="When we first saw it.")
    last_seen: dt.datetime | None = Field(default=None, description="When we last saw it.")
    status: ListingStatus = Field(default=ListingStatus.OPEN, description="Lifecycle state.")
    closed_at: dt.date | None = Field(
        default=None, description="When it closed or expired (its page stays a while)."
    )
    flags: list[Flag] = Field(default_factory=list, description="Why it is held for review.")
    campus_only: bool = Field(
        default=False, description="Listed by this campus only (a file in content/campus/)."
    )

"""The board's data model: listings, the board config and the sources config (pydantic).

Human-written input (contributed listing files, ``site_config/*.yml``) uses
``extra="forbid"`` so a misspelt field is an error, not silently ignored. Field
descriptions are user documentation: they feed the committed JSON Schemas (editor
completion) and the contributor field reference, so write them for a contributor.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from boardgen.urls import check_web_url

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"


class StrictModel(BaseModel):
    """Base for human-written input: unknown fields are errors, strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


# --- value types -------------------------------------------------------------------------


def _parse_date(value: Any) -> Any:
    """Accept a YAML date, a datetime (its date) or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{text!r} is not a real calendar date") from None
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD")
    raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD")


def _parse_deadline(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == "rolling":
        return "rolling"
    try:
        return _parse_date(value)
    except ValueError as exc:
        raise ValueError(
            f"{exc}, or 'rolling' when applications are reviewed until the role is filled"
        ) from None


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Deadline = Annotated[dt.date | Literal["rolling"], BeforeValidator(_parse_deadline)]
WebUrl = Annotated[str, AfterValidator(check_web_url)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=80)]
CountryCode = Annotated[
    str,
    Field(pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-2 code, e.g. US, DE, IN"),
]
ShortText = Annotated[str, Field(min_length=1, max_length=120)]


#: Listing pages live beside these generated folders of the site, so no id may take their name.
RESERVED_IDS = frozenset(
    {"page", "fields", "organizations", "types", "calendar", "feeds", "index", "sources", "board"}
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


def _or_shorthand(schema: JsonSchemaValue, shorthand: JsonSchemaValue) -> JsonSchemaValue:
    """Advertise a model's scalar shorthand in the JSON Schema, so editors accept it too."""
    return {"anyOf": [shorthand, schema]}


# --- parts of a listing --------------------------------------------------------------------


class TextShorthand(StrictModel):
    """A model that a plain string may stand for: the string becomes its SHORTHAND field."""

    SHORTHAND: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {cls.SHORTHAND: value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _or_shorthand(handler(core_schema), {"type": "string", "minLength": 1})


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


# --- site_config/board.yml -------------------------------------------------------------------


class CurationRules(StrictModel):
    """Which listings this board shows. Empty lists mean 'no restriction'."""

    include_keywords: list[ShortText] = Field(
        default_factory=list, description="Show only listings mentioning one of these words."
    )
    exclude_keywords: list[ShortText] = Field(
        default_factory=list, description="Hide listings mentioning any of these words."
    )
    opportunity_types: list[OpportunityType] = Field(
        default_factory=list, description="Show only these opportunity types."
    )
    countries: list[CountryCode] = Field(
        default_factory=list, description="Show only listings located in (or open to) these."
    )
    work_modes: list[WorkMode] = Field(
        default_factory=list, description="Show only these work modes."
    )
    organizations_allow: list[ShortText] = Field(
        default_factory=list, description="Show only these organizations."
    )
    organizations_deny: list[ShortText] = Field(
        default_factory=list, description="Never show these organizations."
    )
    paid_only: bool = Field(default=False, description="Hide unpaid and unknown-pay listings.")
    min_hourly_pay: float | None = Field(
        default=None, ge=0, description="Hide hourly listings paying less than this."
    )
    require_deadline: bool = Field(
        default=False, description="Hide listings without a deadline (rolling counts)."
    )


#: Material for MkDocs' palette colour names (its docs: "Changing the colors").
PRIMARY_COLORS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal",
    "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown",
    "grey", "blue-grey", "black", "white",
)  # fmt: skip
ACCENT_COLORS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal",
    "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange",
)  # fmt: skip
PrimaryColor = Literal[PRIMARY_COLORS]  # type: ignore[valid-type]
AccentColor = Literal[ACCENT_COLORS]  # type: ignore[valid-type]
#: Languages with a catalog of interface strings in boardgen.i18n (and in Material).
LANGUAGES = ("en", "de")
Language = Literal[LANGUAGES]  # type: ignore[valid-type]
#: The board.yml format this boardgen writes; 1 still reads (it has no branding keys).
BOARD_SCHEMA_VERSION: Literal[2] = 2
#: board.yml keys that format 1 did not have.
BRANDING_KEYS = (
    "campus", "language", "logo", "favicon", "colors", "social", "announcement", "footer",
    "analytics",
)  # fmt: skip


class LifecycleSettings(StrictModel):
    """How fetched listings leave the board once their source stops listing them."""

    misses_to_close: int = Field(
        default=3,
        ge=1,
        le=30,
        description="Successful fetches of a source in a row that must miss a listing before "
        "it counts as closed; more than 1 keeps one odd response from closing listings.",
    )
    forget_closed_days: int = Field(
        default=365,
        ge=1,
        le=3650,
        description="Days data/lifecycle.json remembers a closed fetched listing (its dates "
        "and a copy for its closed page); at least closed_page_days.",
    )


def _asset_path(value: str) -> str:
    """A file of the board (relative to content/) or a full https URL."""
    if "://" in value:
        return check_web_url(value)
    path = value.replace("\\", "/")
    if path.startswith("/") or ".." in path.split("/"):
        raise ValueError(
            f"{value!r} must be a path inside content/ (e.g. assets/logo.svg) or an https URL"
        )
    return path


AssetPath = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_asset_path)]


class Colors(StrictModel):
    """The board's colours: Material for MkDocs palette names."""

    primary: PrimaryColor = Field(
        default="indigo", description="Header and link colour, e.g. indigo, teal, deep-orange."
    )
    accent: AccentColor = Field(
        default="teal", description="Colour of buttons and hovered links, e.g. amber."
    )


class SocialLink(StrictModel):
    """A link in the footer, e.g. the career office's Instagram."""

    link: WebUrl = Field(description="The full https:// address.")
    name: ShortText | None = Field(default=None, description="Shown when hovering the icon.")
    icon: Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+(/[a-z0-9-]+)?$")] | None = Field(
        default=None,
        description="A Material icon, e.g. fontawesome/brands/instagram; guessed from the link.",
    )


class Announcement(TextShorthand):
    """A line above the header on every page. A plain string is accepted as the text."""

    SHORTHAND = "text"
    text: Annotated[str, Field(min_length=1, max_length=300)] = Field(description="The text.")
    url: WebUrl | None = Field(default=None, description="Where the line links to.")


class Analytics(StrictModel):
    """Privacy-friendly visitor counts (no cookies): Plausible or GoatCounter. Off if absent."""

    provider: Literal["plausible", "goatcounter"] = Field(description="plausible or goatcounter.")
    site: Annotated[str, Field(pattern=r"^[A-Za-z0-9.-]{1,253}$")] = Field(
        description="plausible: the site's domain as registered there (e.g. jobs.example.edu); "
        "goatcounter: your code (the part before .goatcounter.com)."
    )
    script: WebUrl | None = Field(
        default=None,
        description="The script's address, for a self-hosted instance (default: the provider's).",
    )


class BoardConfig(StrictModel):
    """site_config/board.yml: the board's identity, branding and rules."""

    schema_version: Literal[1, 2] = Field(
        default=BOARD_SCHEMA_VERSION,
        description="Format version of this file: 2 (1 is the older format, without branding).",
    )
    name: ShortText = Field(description="The board's name, shown in the header and titles.")
    tagline: Annotated[str, Field(max_length=200)] = Field(
        default="", description="One line under the name on the home page."
    )
    campus: ShortText | None = Field(
        default=None, description="The campus or institution the board serves, e.g. 'Example U'."
    )
    site_url: WebUrl | None = Field(
        default=None, description="Where the site is published, e.g. https://example.org/board/."
    )
    repo_url: WebUrl | None = Field(
        default=None, description="The board's repository (for edit and report-a-problem links)."
    )
    contact: ShortText | None = Field(
        default=None, description="An email address or URL where students reach the board."
    )
    language: Language = Field(
        default="en",
        description="Language of the site's labels, dates and amounts: en or de.",
    )
    logo: AssetPath | None = Field(
        default=None, description="Header logo: a file under content/ (e.g. assets/logo.svg)."
    )
    favicon: AssetPath | None = Field(
        default=None, description="Browser tab icon: a file under content/ (e.g. assets/icon.png)."
    )
    colors: Colors = Field(default_factory=Colors, description="Primary and accent colours.")
    social: list[SocialLink] = Field(
        default_factory=list, max_length=10, description="Links shown as icons in the footer."
    )
    announcement: Announcement | None = Field(
        default=None, description="A line shown above the header on every page."
    )
    footer: Annotated[str, Field(max_length=300)] | None = Field(
        default=None, description="Text in the footer, e.g. '© 2026 Career Center, Example U'."
    )
    analytics: Analytics | None = Field(
        default=None, description="Privacy-friendly visitor counts; leave out for none."
    )
    closing_soon_days: int = Field(
        default=7, ge=1, le=90, description="Deadlines this close count as closing soon."
    )
    closed_page_days: int = Field(
        default=30, ge=0, le=365, description="Days a closed listing's page stays up."
    )
    include_examples: bool = Field(
        default=True, description="Show example listings. Set false for a production board."
    )
    rules: CurationRules = Field(
        default_factory=CurationRules, description="Which listings this board shows."
    )
    lifecycle: LifecycleSettings = Field(
        default_factory=LifecycleSettings,
        description="When a fetched listing closes, and how long a closed one is remembered.",
    )

    @model_validator(mode="after")
    def _remember_closed_pages(self) -> BoardConfig:
        if self.lifecycle.forget_closed_days < self.closed_page_days:
            raise ValueError(
                f"lifecycle.forget_closed_days ({self.lifecycle.forget_closed_days}) is shorter "
                f"than closed_page_days ({self.closed_page_days}): closed pages would lose "
                "their listing; raise forget_closed_days or lower closed_page_days"
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _format_1_has_no_branding(cls, value: Any) -> Any:
        if isinstance(value, dict) and value.get("schema_version") == 1:
            newer = [key for key in BRANDING_KEYS if key in value]
            if newer:
                raise ValueError(
                    f"{', '.join(newer)} need the newer board.yml format: change "
                    "'schema_version: 1' to 'schema_version: 2' (nothing else changes; "
                    "see the upgrade notes in content/guide/campus-in-15-minutes.md)"
                )
        return value

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str | None) -> str | None:
        if value is None or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            return value
        return check_web_url(value)


# --- site_config/overlay.yml -------------------------------------------------------------------


class Program(StrictModel):
    """A campus program listings can count for, shown as a badge (e.g. 'Counts for credit')."""

    id: Slug = Field(description="Short id, e.g. credit.")
    label: ShortText = Field(description="The badge text, e.g. 'Counts for credit'.")
    listings: list[Slug] = Field(default_factory=list, description="Listing ids it applies to.")
    organizations: list[ShortText] = Field(
        default_factory=list, description="…and every listing of these organizations."
    )
    opportunity_types: list[OpportunityType] = Field(
        default_factory=list, description="…and every listing of these types."
    )
    categories: list[Slug] = Field(
        default_factory=list, description="…and every listing in these fields."
    )

    @model_validator(mode="after")
    def _matches_something(self) -> Program:
        if not (self.listings or self.organizations or self.opportunity_types or self.categories):
            raise ValueError(
                "say which listings count: give listings, organizations, opportunity_types "
                "or categories"
            )
        return self


class HideRule(StrictModel):
    """Keep some or all of one source's listings off this campus's board."""

    source: Slug = Field(description="The source id from sources.yml.")
    reason: Annotated[str, Field(max_length=200)] = Field(
        default="", description="Why, for 'boardgen review'."
    )
    rules: CurationRules | None = Field(
        default=None,
        description="Show only this source's listings that pass these rules (same keys as "
        "board.yml's rules); without rules, every listing of the source is hidden.",
    )


class CampusPage(StrictModel):
    """A campus guidance page added to the site's navigation."""

    title: ShortText = Field(description="Its title in the navigation.")
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_./-]+\.md$")] = Field(
        description="The Markdown file under content/, e.g. campus/credit.md."
    )
    section: ShortText | None = Field(
        default=None,
        description="The navigation section to add it to, e.g. Guidance; top level if absent.",
    )


class CampusOverlay(StrictModel):
    """site_config/overlay.yml: what this campus adds on top of the shared sources."""

    schema_version: Literal[1] = Field(default=1, description="Format version of this file.")
    pinned: list[Slug] = Field(
        default_factory=list,
        max_length=20,
        description="Listing ids shown first (in this order) on the board and home page.",
    )
    programs: list[Program] = Field(
        default_factory=list, description="Campus programs, shown as badges on listings."
    )
    hide: list[HideRule] = Field(
        default_factory=list, description="Sources whose listings this campus hides."
    )
    pages: list[CampusPage] = Field(
        default_factory=list, description="Campus guidance pages added to the navigation."
    )


# --- site_config/sources.yml -----------------------------------------------------------------

SourceKind = Literal[
    "rss",
    "atom",
    "jsonfeed",
    "greenhouse",
    "lever",
    "ashby",
    "smartrecruiters",
    "workable",
    "recruitee",
    "personio",
    "usajobs",
    "remotive",
    "remoteok",
    "himalayas",
    "arbeitnow",
]

#: Kinds whose endpoint can be written as a board token/site name instead of a full URL.
BOARD_URL_TEMPLATES: dict[str, str] = {
    "greenhouse": "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true",
    "lever": "https://api.lever.co/v0/postings/{board}?mode=json",
    "ashby": "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true",
    "smartrecruiters": "https://api.smartrecruiters.com/v1/companies/{board}/postings",
    "workable": "https://apply.workable.com/api/v1/widget/accounts/{board}?details=true",
    "recruitee": "https://{board}.recruitee.com/api/offers/",
    "personio": "https://{board}.jobs.personio.de/xml",
}


class SourceDefaults(StrictModel):
    """Values given to this source's listings when the source does not say."""

    opportunity_type: OpportunityType | None = None
    categories: list[Slug] = Field(default_factory=list)
    work_mode: WorkMode | None = None
    locations: list[Location] = Field(default_factory=list)
    eligibility: Eligibility | None = None


class Source(StrictModel):
    """One place listings are fetched from."""

    id: Slug = Field(description="Unique id, used for data/sources/<id>.json.")
    kind: SourceKind = Field(description="The adapter that reads it.")
    name: ShortText | None = Field(default=None, description="A readable name.")
    enabled: bool = Field(default=True, description="false to skip it without deleting it.")
    allow_private_network: bool = Field(
        default=False,
        description="Allow loopback/private addresses (local testing only).",
    )
    url: str | None = Field(default=None, description="The full endpoint URL.")
    board: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,100}$")] | None = Field(
        default=None,
        description="Shorthand for ATS kinds: the board token / site name instead of url.",
    )
    defaults: SourceDefaults = Field(
        default_factory=SourceDefaults, description="Defaults for its listings."
    )

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        return check_web_url(value, allow_private=bool(info.data.get("allow_private_network")))

    @model_validator(mode="after")
    def _endpoint(self) -> Source:
        if self.url is None and self.board is None:
            if self.kind in BOARD_URL_TEMPLATES:
                raise ValueError(f"give url, or board (the {self.kind} board name)")
            raise ValueError("give url: the full address of the feed or API")
        if self.url is not None and self.board is not None:
            raise ValueError("give url or board, not both")
        if self.board is not None:
            template = BOARD_URL_TEMPLATES.get(self.kind)
            if template is None:
                raise ValueError(f"{self.kind} sources take url, not board")
            self.url = template.format(board=self.board)
        return self


class SourcesConfig(StrictModel):
    """site_config/sources.yml: where the board's listings are fetched from."""

    schema_version: Literal[1] = Field(default=1, description="Format version of this file.")
    sources: list[Source] = Field(default_factory=list, description="The sources.")

    @field_validator("sources")
    @classmethod
    def _unique_ids(cls, sources: list[Source]) -> list[Source]:
        seen: set[str] = set()
        for source in sources:
            if source.id in seen:
                raise ValueError(f"source id {source.id!r} is used twice: ids must be unique")
            seen.add(source.id)
        return sources

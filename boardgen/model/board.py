"""site_config/board.yml: the board's name, branding, language and curation rules."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    field_validator,
    model_validator,
)

from boardgen.model.common import CountryCode, ShortText, StrictModel, TextShorthand, WebUrl
from boardgen.model.listing import OpportunityType, WorkMode
from boardgen.urls import check_web_url

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
#: Languages with a catalog of interface strings in boardgen.render.i18n (and in Material).
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

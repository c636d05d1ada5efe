"""site_config/overlay.yml: what a campus adds on top of the shared sources."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    model_validator,
)

from boardgen.model.board import CurationRules
from boardgen.model.common import ShortText, Slug, StrictModel
from boardgen.model.listing import OpportunityType

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

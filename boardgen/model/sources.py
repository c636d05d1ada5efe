"""site_config/sources.yml: where the board's listings are fetched from."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from boardgen.model.common import ShortText, Slug, StrictModel
from boardgen.model.listing import Eligibility, Location, OpportunityType, WorkMode
from boardgen.urls import check_web_url

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

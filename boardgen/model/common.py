"""Value types every model shares: strict models, slugs, country codes, dates, URLs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
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

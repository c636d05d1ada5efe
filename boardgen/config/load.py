"""Loading one configuration or listing file: bytes to a model, or problems with positions.

Below the whole-project check (:mod:`boardgen.gather.validate`): every command that reads
``site_config/*.yml`` or a contributed listing goes through :func:`check_bytes`, so a
mistake is reported the same way (file, line, column, field and the fix) wherever it is
found. ``check_bytes`` and :func:`explain` are pure; the ``load_*`` helpers read files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from boardgen.config.project import Project
from boardgen.config.yamlio import Document, YamlProblem, load
from boardgen.errors import ConfigError
from boardgen.model import (
    COUNTRY_PATTERN,
    CURRENCY_PATTERN,
    SLUG_PATTERN,
    BoardConfig,
    SourcesConfig,
)
from boardgen.problems import Problem

M = TypeVar("M", bound=BaseModel)


def check_bytes(
    rel: str, raw: bytes, model: type[M]
) -> tuple[M | None, Document | None, list[Problem]]:
    """Parse and validate one file's bytes against ``model`` (pure)."""
    try:
        document = load(raw)
    except YamlProblem as exc:
        return None, None, [Problem(rel, exc.line, exc.column, "", exc.message)]
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        return None, document, [
            Problem(rel, 1, 1, "", f"expected 'field: value' lines, found a single {kind}")
        ]  # fmt: skip
    try:
        return model.model_validate(document.data), document, []
    except ValidationError as exc:
        return None, document, problems_from(rel, document, exc, model)


def problems_from(
    rel: str, document: Document, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, positioned in the YAML and explained."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        kind = detail["type"]
        line, column, matched = document.locate(loc, at_key=kind == "extra_forbidden")
        shown: list[str | int] = list(matched)
        if kind == "missing" and loc and isinstance(loc[-1], str):
            shown.append(loc[-1])
        parent = _model_at(model, matched[:-1] if kind == "extra_forbidden" else shown[:-1])
        problems.append(Problem(rel, line, column, dotted(shown), explain(detail, parent)))
    return problems


def explain(detail: ErrorDetails, model: type[BaseModel] | None) -> str:
    """A message that says what is wrong and how to fix it, for one pydantic error."""
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    loc = detail["loc"]
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        hint = _field_description(model, name)
        return f"required field is missing: add '{name}:'" + (f" ({hint})" if hint else "")
    if kind == "extra_forbidden":
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close:
            return f"unknown field {name!r}: did you mean {close[0]!r}?"
        return f"unknown field {name!r}: allowed fields are {', '.join(known)}"
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        guess = f"did you mean {close[0]!r}? " if close else ""
        return f"{value!r} is not allowed: {guess}use one of {', '.join(allowed)}"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == SLUG_PATTERN:
            return f"{value!r} must be lowercase words joined by hyphens, e.g. data-science"
        if pattern == COUNTRY_PATTERN:
            return f"{value!r} is not a country code: use two capital letters, e.g. US, DE"
        if pattern == CURRENCY_PATTERN:
            return f"{value!r} is not a currency code: use three capital letters, e.g. USD"
        return f"{value!r} has the wrong form (expected to match {pattern})"
    if kind == "string_type":
        return f"{value!r} is not text: write text (quote it if YAML reads it as something else)"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"{value!r} is not a number: write digits only, e.g. 20 (no currency signs)"
    if kind in ("bool_parsing", "bool_type"):
        return f"{value!r} is not true or false: write true or false"
    if kind in ("list_type", "tuple_type"):
        return "expected a list: write [a, b] or one '- item' per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        hint = _field_description(model, name) or "expected 'key: value' lines beneath it"
        return f"{value!r} is not valid here: {hint}" if _is_scalar(value) else hint
    if kind == "finite_number":
        return "must be a finite number"
    return f"{detail['msg']}" + (f" (got {value!r})" if _is_scalar(value) else "")


def dotted(parts: Iterable[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date) and len(repr(value)) < 80


def _field_description(model: type[BaseModel] | None, name: str) -> str:
    info = model.model_fields.get(name) if model else None
    return (info.description or "") if info else ""


def _model_at(model: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    current: type[BaseModel] = model
    for part in path:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        sub = _find_model(info.annotation) if info else None
        if sub is None:
            return None
        current = sub
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _find_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def load_sources(project: Project) -> SourcesConfig:
    """sources.yml validated; :class:`ConfigError` with every problem if it is invalid."""
    path = project.sources_file
    if not path.is_file():
        return SourcesConfig()
    loaded, _, problems = check_bytes(project.relative(path), path.read_bytes(), SourcesConfig)
    if loaded is None or problems:
        raise ConfigError(f"{project.relative(path)} is invalid: fix it and try again", problems)
    return loaded


def load_board_config(project: Project) -> BoardConfig | None:
    """board.yml validated (None without one); :class:`ConfigError` if it is invalid.

    Fetching reads its lifecycle settings, so a mistake there must not pass silently.
    """
    path = project.board_file
    if not path.is_file():
        return None
    loaded, _, problems = check_bytes(project.relative(path), path.read_bytes(), BoardConfig)
    if loaded is None or problems:
        raise ConfigError(f"{project.relative(path)} is invalid: fix it and try again", problems)
    return loaded

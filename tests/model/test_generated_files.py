"""Files derived from the models (JSON Schemas, field reference) must match the models."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO

from boardgen.model.jsonschema import generated_files


@pytest.mark.parametrize("rel", sorted(generated_files()))
def test_committed_copy_is_up_to_date(rel: str) -> None:
    committed = (REPO / rel).read_text(encoding="utf-8")
    assert committed == generated_files()[rel], f"{rel} is stale: run 'boardgen schema'"


def _schema(name: str) -> dict[str, object]:
    import json

    return dict(json.loads((REPO / "schemas" / name).read_text()))


@pytest.mark.parametrize(
    "path", sorted((REPO / "content/listings").glob("*.yml")), ids=lambda p: p.name
)
def test_editor_schema_accepts_every_sample_listing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/listing.schema.json")
    data = yaml.safe_load(text)
    # YAML dates arrive as date objects; editors see them as strings.
    jsonschema.validate(_jsonable(data), _schema("listing.schema.json"))


def test_editor_schemas_accept_the_config_files() -> None:
    for name in ("board", "sources"):
        text = (REPO / f"site_config/{name}.yml").read_text()
        assert f"$schema=../schemas/{name}.schema.json" in text
        jsonschema.validate(yaml.safe_load(text), _schema(f"{name}.schema.json"))


def test_editor_schema_rejects_what_validate_rejects() -> None:
    schema = _schema("listing.schema.json")
    good = _jsonable(
        yaml.safe_load((REPO / "content/listings/riverbend-survey-analysis.yml").read_text())
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "titel": "typo"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "work_mode": "remote-ish"}, schema)


def _jsonable(value: object) -> object:
    import datetime as dt

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value

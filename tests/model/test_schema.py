"""Valid and invalid tables for the listing and config models."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from boardgen.model import (
    BoardConfig,
    ListingInput,
    PayPeriod,
    Source,
    SourcesConfig,
)


def base(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "acme-data-cleanup",
        "title": "Data cleanup micro-internship",
        "organization": {"name": "Acme Example"},
        "apply_url": "https://acme.example/apply",
        "opportunity_type": "micro-internship",
        "work_mode": "remote",
        "description": "Clean a customer spreadsheet.",
        "posted_at": "2026-11-01",
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


VALID = {
    "minimal": base(),
    "organization as a string": base(organization="Acme Example"),
    "rolling deadline": base(deadline="rolling"),
    "date deadline from YAML": base(deadline=dt.date(2027, 1, 31)),
    "hours per week as a number": base(hours_per_week=10),
    "hours per week as a range": base(hours_per_week={"min": 5, "max": 10}),
    "hourly pay": base(compensation={"kind": "hourly", "min": 20, "max": 25, "currency": "USD"}),
    "monthly stipend": base(
        compensation={"kind": "stipend", "min": 1000, "currency": "EUR", "period": "month"}
    ),
    "one-time stipend": base(
        compensation={"kind": "stipend", "min": 500, "currency": "EUR", "period": "one-time"}
    ),
    "unpaid": base(compensation={"kind": "unpaid"}),
    "academic credit": base(compensation={"kind": "academic-credit"}),
    "onsite with a place": base(work_mode="onsite", locations=[{"city": "Lyon", "country": "FR"}]),
    "hybrid with remote rules": base(
        work_mode="hybrid", locations=[{"country": "US"}], remote={"countries": ["US"]}
    ),
    "duration in weeks only": base(duration={"weeks": 3}),
    "full eligibility": base(
        eligibility={
            "class_years": ["third-year"],
            "degree_levels": ["bachelor"],
            "majors": ["Statistics"],
            "sponsorship": False,
        }
    ),
    "closed early": base(status="closed"),
}


@pytest.mark.parametrize("data", VALID.values(), ids=VALID.keys())
def test_valid_listings(data: dict[str, Any]) -> None:
    ListingInput.model_validate(data)


def test_pay_periods_are_implied_where_the_kind_says_so() -> None:
    hourly = ListingInput.model_validate(VALID["hourly pay"]).compensation
    assert hourly is not None and hourly.period is PayPeriod.HOUR
    fee = ListingInput.model_validate(
        base(compensation={"kind": "fixed-fee", "min": 400, "currency": "USD"})
    ).compensation
    assert fee is not None and fee.period is PayPeriod.ONE_TIME


INVALID: dict[str, tuple[dict[str, Any], str, str]] = {
    "unknown field": (base(titel="x"), "titel", "Extra inputs are not permitted"),
    "missing title": (base(title=None), "title", "Field required"),
    "javascript apply link": (base(apply_url="javascript:alert(1)"), "apply_url", "javascript:"),
    "IP literal host": (base(apply_url="https://10.0.0.1/x"), "apply_url", "IP address"),
    "credentials in org url": (
        base(organization={"name": "A", "url": "https://u:p@a.example"}),
        "organization.url",
        "user name or password",
    ),
    "day-first date": (base(deadline="31/12/2026"), "deadline", "write YYYY-MM-DD"),
    "impossible date": (base(posted_at="2026-02-30"), "posted_at", "not a real calendar date"),
    "bad id": (base(id="Acme Data"), "id", "should match pattern"),
    "bad work mode": (base(work_mode="remote-ish"), "work_mode", "Input should be"),
    "onsite without place": (base(work_mode="onsite"), "locations", "needs a location"),
    "remote rules on onsite": (
        base(work_mode="onsite", locations=[{"country": "US"}], remote={"countries": ["US"]}),
        "remote",
        "only for remote or hybrid",
    ),
    "empty location": (base(locations=[{}]), "locations.0", "at least one of"),
    "three-letter country": (
        base(locations=[{"country": "USA"}]),
        "locations.0.country",
        "pattern",
    ),
    "amount without currency": (
        base(compensation={"kind": "hourly", "min": 20}),
        "compensation",
        "needs its currency",
    ),
    "unpaid with an amount": (
        base(compensation={"kind": "unpaid", "min": 10, "currency": "USD"}),
        "compensation",
        "has no amount",
    ),
    "max below min": (
        base(compensation={"kind": "hourly", "min": 30, "max": 20, "currency": "USD"}),
        "compensation",
        "less than min",
    ),
    "hourly per month": (
        base(compensation={"kind": "hourly", "min": 20, "currency": "USD", "period": "month"}),
        "compensation",
        "per hour",
    ),
    "stipend without period": (
        base(compensation={"kind": "stipend", "min": 500, "currency": "USD"}),
        "compensation",
        "how often",
    ),
    "infinite pay": (
        base(compensation={"kind": "hourly", "min": float("inf"), "currency": "USD"}),
        "compensation.min",
        "finite",
    ),
    "empty duration": (base(duration={}), "duration", "give hours, weeks or both"),
    "weekly hours reversed": (base(hours_per_week={"min": 10, "max": 5}), "hours_per_week", "less"),
    "control characters in title": (base(title="Data\x00cleanup"), "title", "control characters"),
    "status other than open/closed": (base(status="expired"), "status", "Input should be"),
}


@pytest.mark.parametrize(("data", "where", "message"), INVALID.values(), ids=INVALID.keys())
def test_invalid_listings(data: dict[str, Any], where: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ListingInput.model_validate(data)
    errors = caught.value.errors()
    located = [e for e in errors if ".".join(map(str, e["loc"])) == where]
    assert located, f"no error at {where}: {errors}"
    assert any(message in e["msg"] for e in located), located


def test_board_config_defaults_and_contact() -> None:
    config = BoardConfig.model_validate({"name": "Campus Board", "contact": "jobs@uni.example"})
    assert config.closing_soon_days == 7 and config.include_examples
    with pytest.raises(ValidationError, match="javascript"):
        BoardConfig.model_validate({"name": "B", "contact": "javascript:alert(1)"})
    with pytest.raises(ValidationError, match="Extra inputs"):
        BoardConfig.model_validate({"name": "B", "colour": "red"})


def test_board_lifecycle_settings_are_checked() -> None:
    config = BoardConfig.model_validate({"name": "B"})
    assert (config.lifecycle.misses_to_close, config.lifecycle.forget_closed_days) == (3, 365)
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        BoardConfig.model_validate({"name": "B", "lifecycle": {"misses_to_close": 0}})
    with pytest.raises(ValidationError, match="Extra inputs"):
        BoardConfig.model_validate({"name": "B", "lifecycle": {"misses": 2}})
    with pytest.raises(ValidationError, match="shorter than closed_page_days"):
        BoardConfig.model_validate(
            {"name": "B", "closed_page_days": 60, "lifecycle": {"forget_closed_days": 30}}
        )


def test_board_token_shorthand_becomes_the_full_endpoint() -> None:
    source = Source.model_validate({"id": "acme", "kind": "greenhouse", "board": "acme"})
    assert source.url == "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"id": "a", "kind": "rss"}, "give url"),
        ({"id": "a", "kind": "rss", "board": "x"}, "take url, not board"),
        ({"id": "a", "kind": "lever", "board": "x", "url": "https://a.example"}, "not both"),
        ({"id": "a", "kind": "myspace", "url": "https://a.example"}, "Input should be"),
        ({"id": "a", "kind": "rss", "url": "http://127.0.0.1:8000/feed"}, "IP address"),
    ],
)
def test_invalid_sources(source: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Source.model_validate(source)


def test_local_sources_need_the_explicit_switch() -> None:
    local = {"id": "t", "kind": "rss", "url": "http://127.0.0.1:8000/feed"}
    assert Source.model_validate({**local, "allow_private_network": True}).url


def test_duplicate_source_ids_are_refused() -> None:
    twice = {"id": "same", "kind": "rss", "url": "https://a.example/feed"}
    with pytest.raises(ValidationError, match="used twice"):
        SourcesConfig.model_validate({"sources": [twice, twice]})

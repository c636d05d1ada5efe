"""The board's facet index, as files (the browser tests run them)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import TODAY

from boardgen.config.project import Project
from boardgen.gather.board import load_board
from boardgen.model import Duration, HoursPerWeek, Listing
from boardgen.render import facets


def _listing(**fields: object) -> Listing:
    base: dict[str, object] = {
        "id": "one",
        "title": "A listing",
        "organization": {"name": "Org"},
        "apply_url": "https://org.example/apply",
        "opportunity_type": "internship",
        "work_mode": "remote",
    }
    return Listing.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("duration", "bucket"),
    [
        (None, "unknown"),
        (Duration(hours=10), "up-to-10h"),
        (Duration(hours=10.5), "10-40h"),
        (Duration(hours=40, weeks=8), "10-40h"),
        (Duration(hours=80, weeks=4), "1-4w"),
        (Duration(weeks=3), "1-4w"),
        (Duration(weeks=5), "longer"),
        (Duration(hours=120), "longer"),
    ],
)
def test_effort_buckets(duration: Duration | None, bucket: str) -> None:
    assert facets.effort_bucket(_listing(duration=duration)) == bucket


def test_deadline_weekly_pay_and_eligibility_values() -> None:
    def deadline(value: object) -> str:
        return facets.deadline_bucket(_listing(deadline=value), TODAY)

    assert deadline(TODAY + dt.timedelta(days=7)) == "week"
    assert deadline(TODAY + dt.timedelta(days=8)) == "month"
    assert deadline(TODAY + dt.timedelta(days=31)) == "later"
    assert deadline("rolling") == "rolling"
    assert deadline(None) == "unknown"
    weekly = _listing(hours_per_week=HoursPerWeek(min=5, max=15))
    assert facets.weekly_bucket(weekly) == "10-20"
    hourly = _listing(
        compensation={"kind": "hourly", "min": 18, "max": 22, "period": "hour", "currency": "USD"}
    )
    assert facets.hourly_rate(hourly) == 22 and facets.pay_kind(hourly) == "paid"
    monthly = _listing(
        compensation={"kind": "stipend", "min": 900, "period": "month", "currency": "EUR"}
    )
    assert facets.hourly_rate(monthly) is None and facets.pay_kind(monthly) == "stipend"
    # Naming no class year means every year may apply.
    assert facets.class_years(_listing()) == list(facets.CLASS_YEARS)
    assert facets.countries(_listing()) == [facets.ANYWHERE]


def test_index_columns_decode_to_each_listings_values(built: Path) -> None:
    board = load_board(Project.open(built), today=TODAY)
    folder = built / "site" / "opportunities" / "board"
    index = json.loads((folder / "index.json").read_text())
    assert index["count"] == len(board.open_listings)
    cards: list[list[object]] = []
    for n in range(-(-index["count"] // index["chunk"])):
        cards += json.loads((folder / "cards" / f"{n}.json").read_text())
    assert [row[0] for row in cards] == [item.id for item in board.open_listings]
    for position, item in enumerate(board.open_listings):
        want = facets.listing_values(item, TODAY)
        for facet in index["facets"]:
            codes = facet["col"][position]
            got = [facet["values"][c] for c in (codes if facet["multi"] else [codes])]
            assert got == want[facet["key"]], (item.id, facet["key"])
        assert index["rate"][position] == facets.hourly_rate(item)
        # Ages and deadlines in days let the browser move buckets to the visitor's day.
        age = index["posted"][position]
        assert age == (None if item.posted_at is None else (TODAY - item.posted_at).days)
        if age is not None:
            assert (age < index["new_days"]) == facets.is_new(item, TODAY)

"""Normalizers: table tests per normalizer, and properties (never raise, idempotent)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boardgen.model import OpportunityType, PayKind, PayPeriod, WorkMode
from boardgen.normalize import (
    classify_type,
    country_code,
    infer_work_mode,
    parse_date,
    parse_datetime,
    parse_effort,
    parse_locations,
    parse_pay,
    pay_from_fields,
    repair_mojibake,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # NEOGOV's advertiseToDateTimeUTC (fixture): an extra ":0" and no zone
        ("Sun, 20 Sep 2026 04:59:00:0", dt.datetime(2026, 9, 20, 4, 59, tzinfo=UTC)),
        ("Wed, 19 Aug 2026 23:10:38 GMT", dt.datetime(2026, 8, 19, 23, 10, 38, tzinfo=UTC)),
        ("Tue, 18 Aug 2026 14:00:00 EST", dt.datetime(2026, 8, 18, 19, 0, tzinfo=UTC)),
        ("18 Aug 2026 14:00 +0200", dt.datetime(2026, 8, 18, 12, 0, tzinfo=UTC)),
        ("Mon, 01 Jun 26 10:00:00 PDT", dt.datetime(2026, 6, 1, 17, 0, tzinfo=UTC)),
        ("2026-07-28T14:23:05", dt.datetime(2026, 7, 28, 14, 23, 5, tzinfo=UTC)),  # Remotive
        ("2026-02-04T09:26:20+01:00", dt.datetime(2026, 2, 4, 8, 26, 20, tzinfo=UTC)),
        ("2016-06-08T00:00:00Z", dt.datetime(2016, 6, 8, tzinfo=UTC)),  # USAJOBS
        ("2026-08-05 10:10:39 UTC", dt.datetime(2026, 8, 5, 10, 10, 39, tzinfo=UTC)),
        (1778517108152, dt.datetime(2026, 5, 11, 16, 31, 48, 152000, tzinfo=UTC)),  # Lever ms
        (1785792634, dt.datetime(2026, 8, 3, 21, 30, 34, tzinfo=UTC)),  # Arbeitnow s
        ("1785792634", dt.datetime(2026, 8, 3, 21, 30, 34, tzinfo=UTC)),
        ("August 19, 2026", dt.datetime(2026, 8, 19, tzinfo=UTC)),
        (0, None),  # Remote OK's "unknown"
        ("", None),
        ("soon", None),
        ("2026-02-30", None),
        ("Posted 18 Days Ago", None),
        (True, None),
        (99999999999999999999, None),
    ],
)
def test_parse_datetime(value: object, expected: dt.datetime | None) -> None:
    assert parse_datetime(value) == expected


def test_parse_date_keeps_the_day_of_a_date_only_value() -> None:
    assert parse_date("2026-08-05") == dt.date(2026, 8, 5)
    assert parse_date("Sun, 20 Sep 2026 04:59:00:0") == dt.date(2026, 9, 20)
    assert parse_date(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert parse_date("1970-01-01") is None  # outside any real posting's life


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("don\u00e2\u0080\u0099t", "don’t"),  # Remote OK fixture (Latin-1 route)
        ("don\u00e2\u20ac\u2122t", "don’t"),  # Windows-1252 route
        ("\u00e2\u0080\u00a6", "…"),  # feedparser bozo_double-encoded-html fixture
        ("\u00c3\u0083\u00c2\u00a9", "é"),  # encoded twice
        ("caf\u00e9 \u2019ok\u2019 \u65e5\u672c", "café ’ok’ 日本"),  # already right: unchanged
        ("Price: 5\u00a3", "Price: 5\u00a3"),
    ],
)
def test_repair_mojibake(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == fixed


def _places(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_locations(text).locations]


@pytest.mark.parametrize(
    ("text", "places", "remote", "remote_countries"),
    [
        ("Atlanta, Georgia", [("Atlanta", "GA", "US")], False, ()),
        ("New York, NY (HQ)", [("New York", "NY", "US")], False, ()),
        ("Paris, France", [("Paris", None, "FR")], False, ()),
        ("Berlin, Berlin, Germany", [("Berlin", None, "DE")], False, ()),
        ("Bengaluru, Karnataka, India", [("Bengaluru", "Karnataka", "IN")], False, ()),
        ("US---Gaithersburg---MD", [("Gaithersburg", "MD", "US")], False, ()),
        ("Boston", [("Boston", "MA", "US")], False, ()),
        ("Texas", [(None, "TX", "US")], False, ()),
        ("Remote", [], True, ()),
        ("Remote (Canada)", [], True, ("CA",)),
        ("Remote, US or Canada", [], True, ("US", "CA")),
        ("Americas, Europe, Asia, Africa, Oceania", [], False, ()),
        ("Toronto, Canada (eh)", [("Toronto", "ON", "CA")], False, ()),
        (
            "Los Angeles, CA (HYBRID) / Hyderabad, India",
            [("Los Angeles", "CA", "US"), ("Hyderabad", None, "IN")],
            False,
            (),
        ),
        (
            "REMOTE or San Francisco, Los Angeles, Chicago",
            [("San Francisco", "CA", "US"), ("Los Angeles", "CA", "US"), ("Chicago", "IL", "US")],
            True,
            (),
        ),
        ("", [], False, ()),
    ],
)
def test_parse_locations(
    text: str,
    places: list[tuple[str | None, str | None, str | None]],
    remote: bool,
    remote_countries: tuple[str, ...],
) -> None:
    info = parse_locations(text)
    assert _places(text) == places
    assert info.remote is remote
    assert info.remote_countries == remote_countries


def test_country_codes() -> None:
    assert country_code("Deutschland") == "DE"
    assert country_code("U.S.A.") == "US"
    assert country_code("UK") == "GB"
    assert country_code("Narnia") is None


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"field": "on-site"}, WorkMode.ONSITE),  # Lever
        ({"field": "Hybrid", "remote": True}, WorkMode.HYBRID),  # Ashby: isRemote on hybrid
        ({"field": "TELECOMMUTE"}, WorkMode.REMOTE),
        ({"field": "unspecified", "location_text": "Remote (US)"}, WorkMode.REMOTE),
        ({"remote": True}, WorkMode.REMOTE),  # Workable telecommuting
        ({"hybrid": True, "remote": False}, WorkMode.HYBRID),  # Recruitee
        ({"location_text": "Berlin (Hybrid)"}, WorkMode.HYBRID),
        ({"text": "This role is fully remote within the EU."}, WorkMode.REMOTE),
        ({"text": "Hybrid: 3 days a week in the office."}, WorkMode.HYBRID),
        ({"text": "This is not a remote position."}, WorkMode.ONSITE),
        ({"text": "Work on-site at our Leeds lab."}, WorkMode.ONSITE),
        ({"remote": False, "location_text": "Leeds, UK"}, WorkMode.ONSITE),
        ({"text": "Great team, good coffee."}, WorkMode.UNKNOWN),
    ],
)
def test_infer_work_mode(kwargs: dict[str, object], expected: WorkMode) -> None:
    assert infer_work_mode(**kwargs) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind", "low", "high", "currency", "period"),
    [
        ("$20/hr", PayKind.HOURLY, 20, None, "USD", PayPeriod.HOUR),
        ("€500 stipend", PayKind.STIPEND, 500, None, "EUR", PayPeriod.ONE_TIME),
        ("$11.7K per month", PayKind.SALARY, 11700, None, "USD", PayPeriod.MONTH),
        ("$18 - $22/hr", PayKind.HOURLY, 18, 22, "USD", PayPeriod.HOUR),
        ("Salary: $120-$130k CAD", PayKind.SALARY, 120000, 130000, "CAD", PayPeriod.YEAR),
        ("₹10,000/month stipend", PayKind.STIPEND, 10000, None, "INR", PayPeriod.MONTH),
        ("1.500 € brutto im Monat", PayKind.SALARY, 1500, None, "EUR", PayPeriod.MONTH),
        ("$500 for the project", PayKind.FIXED_FEE, 500, None, "USD", PayPeriod.ONE_TIME),
        ("Up to $30/hr", PayKind.HOURLY, None, 30, "USD", PayPeriod.HOUR),
        ("$126k-$154k CAD", PayKind.SALARY, 126000, 154000, "CAD", PayPeriod.YEAR),
    ],
)
def test_parse_pay_amounts(
    text: str,
    kind: PayKind,
    low: float | None,
    high: float | None,
    currency: str,
    period: PayPeriod,
) -> None:
    pay = parse_pay(text)
    assert pay is not None
    assert (pay.kind, pay.min, pay.max, pay.currency, pay.period) == (
        kind,
        low,
        high,
        currency,
        period,
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("unpaid", PayKind.UNPAID),
        ("academic credit", PayKind.ACADEMIC_CREDIT),
        ("Unpaid, but eligible for academic credit", PayKind.ACADEMIC_CREDIT),
    ],
)
def test_parse_pay_without_money(text: str, kind: PayKind) -> None:
    pay = parse_pay(text)
    assert pay is not None and pay.kind is kind and pay.min is None


@pytest.mark.parametrize("text", ["", "Competitive", "DOE", "10 hours a week", "Summer 2027", "$0"])
def test_parse_pay_unknown(text: str) -> None:
    assert parse_pay(text) is None


def test_pay_from_fields_maps_every_source_interval() -> None:
    neogov = pay_from_fields(65, 85, "USD", "Hour")
    assert neogov is not None and neogov.kind is PayKind.HOURLY and neogov.max == 85
    ashby = pay_from_fields(11700, None, "USD", "1 MONTH")
    assert ashby is not None and ashby.period is PayPeriod.MONTH
    once = pay_from_fields(40000, None, "USD", "1 TIME")
    assert once is not None and once.kind is PayKind.STIPEND
    assert once.period is PayPeriod.ONE_TIME
    recruitee = pay_from_fields("3750", "4000", "EUR", "month")
    assert recruitee is not None and (recruitee.min, recruitee.max) == (3750, 4000)
    usajobs = pay_from_fields("92166", "161600", "USD", "Per Year")
    assert usajobs is not None and usajobs.period is PayPeriod.YEAR
    assert pay_from_fields(0, 0, "USD", None) is None  # Remote OK: 0 means unknown
    assert pay_from_fields(20, None, None, "hourly") is None  # an amount needs a currency
    swapped = pay_from_fields(30, 20, "USD", "per-hour-wage")
    assert swapped is not None and (swapped.min, swapped.max) == (20, 30)


@pytest.mark.parametrize(
    ("text", "hours", "weeks", "weekly"),
    [
        ("10-15 hours", 15, None, None),
        ("4 weeks", None, 4, None),
        ("20 hrs/week", None, None, (20, 20)),
        ("10-20 hours per week for 6 weeks", None, 6, (10, 20)),
        ("Estimated 20 hours over 2 weeks", 20, 2, None),
        ("2 months", None, 8.7, None),
        ("a 10-week summer program", None, 10, None),
        ("4 hours a day, 5 days a week", None, None, (20, 20)),
        ("A 5-hour virtual job simulation", 5, None, None),
        ("Posted 3 days ago", None, None, None),
        ("Summer 2027", None, None, None),
    ],
)
def test_parse_effort(
    text: str, hours: float | None, weeks: float | None, weekly: tuple[float, float] | None
) -> None:
    effort = parse_effort(text)
    assert (effort.duration.hours if effort.duration else None) == hours
    assert (effort.duration.weeks if effort.duration else None) == weeks
    got = effort.hours_per_week
    assert ((got.min, got.max) if got else None) == weekly


@pytest.mark.parametrize(
    ("type_field", "title", "text", "expected"),
    [
        ("Internship", "Deployment Strategist, Internship", "", OpportunityType.INTERNSHIP),
        ("Intern", "Market Research Micro-Internship", "", OpportunityType.MICRO_INTERNSHIP),
        ("FullTime", "Security Engineer, Cloud", "", OpportunityType.OTHER),
        (None, "International Sales Manager", "", OpportunityType.OTHER),
        (None, "Intern OR Student Co-Op", "", OpportunityType.INTERNSHIP),
        (None, "Engineering Co-op, Fall 2027", "", OpportunityType.CO_OP),
        (None, "JPMorgan Software Engineering Job Simulation", "", OpportunityType.JOB_SIMULATION),
        (None, "Research Assistant, Neuroscience Lab", "", OpportunityType.RESEARCH),
        ("permanent", "Werkstudent Data (m/w/d)", "", OpportunityType.INTERNSHIP),
        ("part_time", "Content Reviewer", "", OpportunityType.PART_TIME),
        (
            None,
            "Pricing project",
            "This micro-internship takes 15 hours.",
            OpportunityType.MICRO_INTERNSHIP,
        ),
        (None, "Senior Data Engineer", "You will mentor our interns.", OpportunityType.OTHER),
        (None, "Co-op Grocery Store Clerk", "", OpportunityType.OTHER),
    ],
)
def test_classify_type(
    type_field: str | None, title: str, text: str, expected: OpportunityType
) -> None:
    assert classify_type(type_field=type_field, title=title, text=text) is expected


# --- properties ----------------------------------------------------------------------------

texts = st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalizers_never_raise_on_arbitrary_text(text: str) -> None:
    parse_datetime(text)
    parse_date(text)
    parse_locations(text)
    parse_pay(text)
    parse_effort(text)
    classify_type(type_field=text, title=text, text=text)
    infer_work_mode(field=text, location_text=text, text=text)


PAY_LIKE = (
    r"[$€£]?\d{1,6}([.,]\d{1,3})?[kK]?( ?[-–] ?[$€£]?\d{1,6})?"
    r"( ?/ ?(hr|hour|month|year|week))?( stipend| total| unpaid| credit)?"
)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(PAY_LIKE, fullmatch=True))
def test_pay_parser_never_raises_on_pay_like_text(text: str) -> None:
    pay = parse_pay(text)
    if pay is not None and pay.min is not None and pay.max is not None:
        assert pay.min <= pay.max


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2200), max_size=80))
def test_mojibake_repair_is_idempotent(text: str) -> None:
    once = repair_mojibake(text)
    assert repair_mojibake(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x3000), max_size=60))
def test_mojibake_repair_undoes_double_encoding(text: str) -> None:
    if text.isascii():
        return
    broken = text.encode("utf-8").decode("latin-1")
    assert repair_mojibake(broken) == repair_mojibake(text)


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2090, 1, 1)))
def test_iso_and_epoch_round_trip(moment: dt.datetime) -> None:
    aware = moment.replace(tzinfo=UTC, microsecond=0)
    assert parse_datetime(aware.isoformat()) == aware
    assert parse_datetime(int(aware.timestamp())) == aware
    assert parse_datetime(int(aware.timestamp()) * 1000) == aware

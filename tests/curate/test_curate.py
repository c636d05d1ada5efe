"""Curation: canonical URLs, dedupe and merging, lifecycle over runs, board rules, scam flags."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from boardgen.curate import (
    RULES,
    Posting,
    Seen,
    apply_rules,
    canonical_url,
    compare,
    dedupe,
    dedupe_within_source,
    held_for_review,
    listing_flags,
    prune,
    scam_flags,
    status,
    track,
)
from boardgen.model import (
    Compensation,
    CurationRules,
    Listing,
    ListingStatus,
    Location,
    OpportunityType,
    PayKind,
    RemoteEligibility,
    SourceRef,
    WorkMode,
)

UTC = dt.UTC


def make(**fields: Any) -> Listing:
    base: dict[str, Any] = {
        "id": "acme-data-intern",
        "title": "Data Analyst Intern",
        "organization": "Acme Analytics",
        "apply_url": "https://acme.example/jobs/data-intern",
        "opportunity_type": OpportunityType.INTERNSHIP,
        "work_mode": WorkMode.ONSITE,
        "locations": [Location(city="Chicago", region="IL", country="US")],
        "sources": [SourceRef(id="acme", kind="greenhouse", native_id="1")],
    }
    base.update(fields)
    return Listing(**base)


# --- URLs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://jobs.lever.co/palantir/774CF5C9-bf6a/apply?lever-source=Simplify",
            "https://jobs.lever.co/palantir/774cf5c9-bf6a",
        ),
        (
            "HTTPS://WWW.Example.com:443/careers/x/?utm_source=n&utm_medium=e#apply",
            "https://example.com/careers/x",
        ),
        (
            "https://stripe.com/jobs/search?gh_jid=8026689&gh_src=abc",
            "https://stripe.com/jobs/search?gh_jid=8026689",
        ),
        (
            "https://d.wd1.myworkdayjobs.com/en-US/Dexcom/job/X_JR1",
            "https://d.wd1.myworkdayjobs.com/dexcom/job/x_jr1",
        ),
        ("javascript:alert(1)", None),
        ("not a url", None),
    ],
)
def test_canonical_url(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected


# --- dedupe --------------------------------------------------------------------------------


def test_same_apply_link_with_tracking_is_one_posting() -> None:
    a = make(apply_url="https://jobs.lever.co/acme/abc-123")
    b = make(
        id="agg-acme",
        title="Data Analyst (Intern)",
        apply_url="https://jobs.lever.co/acme/abc-123/apply?utm_source=agg",
        sources=[SourceRef(id="agg", kind="rss")],
    )
    assert compare(a, b).verdict == "same"


def test_fuzzy_match_needs_organization_title_and_place() -> None:
    a = make()
    reworded = make(
        id="b",
        title="Data Analyst Internship",
        organization="Acme Analytics, Inc.",
        apply_url="https://board.example/acme/1",
    )
    assert compare(a, reworded).verdict == "same"
    elsewhere = make(
        id="c",
        apply_url="https://board.example/acme/2",
        locations=[Location(city="Dublin", country="IE")],
    )
    assert compare(a, elsewhere).verdict == "review"
    other_org = make(id="d", organization="Acme Capital", apply_url="https://acmecap.example/1")
    assert compare(a, other_org).verdict == "different"
    next_year = make(
        id="e", title="Data Analyst Intern 2027", apply_url="https://board.example/acme/3"
    )
    assert compare(make(title="Data Analyst Intern 2026"), next_year).verdict != "same"


def test_dedupe_merges_richest_fields_and_keeps_every_source() -> None:
    ats = make(
        description="<p>" + "Long description. " * 40 + "</p>",
        compensation=Compensation(kind=PayKind.HOURLY, min=25, currency="USD"),
        first_seen=dt.datetime(2026, 9, 1, tzinfo=UTC),
    )
    aggregator = make(
        id="agg-acme-data",
        apply_url="https://acme.example/jobs/data-intern?utm_source=agg",
        deadline=dt.date(2026, 12, 1),
        sources=[SourceRef(id="agg", kind="remotive", native_id="99")],
        first_seen=dt.datetime(2026, 8, 20, tzinfo=UTC),
    )
    unrelated = make(
        id="other",
        title="Marketing Intern",
        apply_url="https://acme.example/jobs/marketing-intern",
    )
    result = dedupe([aggregator, ats, unrelated])
    assert [item.id for item in result.listings] == ["acme-data-intern", "other"]
    merged = result.listings[0]
    assert merged.compensation is not None and merged.compensation.min == 25
    assert merged.deadline == dt.date(2026, 12, 1)  # gap filled from the other copy
    assert {ref.id for ref in merged.sources} == {"acme", "agg"}
    assert merged.first_seen == dt.datetime(2026, 8, 20, tzinfo=UTC)
    assert result.merged == [("acme-data-intern", "agg-acme-data", "same apply link")]
    assert result.review == []


def test_uncertain_pairs_go_to_review_not_merged() -> None:
    a = make(apply_url="https://jobs.example/acme/1")
    b = make(id="b", title="Data Analyst Intern", apply_url="https://jobs.example/acme/2")
    result = dedupe([a, b])
    assert len(result.listings) == 2
    assert [(r.first, r.second) for r in result.review] == [("acme-data-intern", "b")]


def test_dedupe_within_source_by_native_id_url_and_content() -> None:
    first = make()
    same_id_new_title = make(
        title="Data Analyst Intern (updated)", apply_url="https://acme.example/x"
    )
    same_url = make(
        apply_url="https://acme.example/jobs/data-intern?utm_campaign=x",
        sources=[SourceRef(id="acme", kind="greenhouse", native_id="2")],
        title="Renamed",
    )
    reissued = make(
        apply_url="https://acme.example/jobs/other",
        sources=[SourceRef(id="acme", kind="rss", native_id="guid-9")],
    )  # same organization, title and text as ``first``: a feed re-issued its GUID
    distinct = make(
        title="Design Intern",
        apply_url="https://acme.example/jobs/design",
        sources=[SourceRef(id="acme", kind="greenhouse", native_id="3")],
    )
    kept = dedupe_within_source([first, same_id_new_title, same_url, reissued, distinct])
    assert [item.title for item in kept] == ["Data Analyst Intern", "Design Intern"]


def test_generic_careers_page_is_not_a_shared_identity() -> None:
    a = make(apply_url="https://acme.example/careers", title="Engineering Intern")
    b = make(id="b", apply_url="https://acme.example/careers/", title="Marketing Intern")
    assert compare(a, b).verdict == "different"


# --- lifecycle -----------------------------------------------------------------------------

T0 = dt.datetime(2026, 11, 1, 6, tzinfo=UTC)


def run(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def test_listing_closes_after_k_successful_fetches_without_it() -> None:
    state = track({}, ["a", "b"], now=run(0), fetch_ok=True, misses_to_close=3)
    assert state["a"].first_seen == run(0)
    state = track(state, ["a"], now=run(6), fetch_ok=True, misses_to_close=3)
    state = track(state, [], now=run(12), fetch_ok=False, misses_to_close=3)  # failed: no count
    state = track(state, ["a"], now=run(18), fetch_ok=True, misses_to_close=3)
    assert state["b"].misses == 2 and not state["b"].closed
    state = track(state, ["a"], now=run(24), fetch_ok=True, misses_to_close=3)
    assert state["b"].closed_at == run(24)
    assert state["a"].last_seen == run(24) and state["a"].first_seen == run(0)
    assert (
        status(state["b"], None, today=run(24).date(), closing_soon_days=7) is ListingStatus.CLOSED
    )


def test_reappearing_listing_reopens_and_keeps_first_seen() -> None:
    state = {"a": Seen(first_seen=run(0), last_seen=run(0), misses=3, closed_at=run(18))}
    state = track(state, ["a"], now=run(30), fetch_ok=True)
    assert not state["a"].closed and state["a"].first_seen == run(0) and state["a"].misses == 0


def test_a_failed_fetch_changes_nothing() -> None:
    state = track({}, ["a"], now=run(0), fetch_ok=True)
    assert track(state, [], now=run(6), fetch_ok=False) == state


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (dt.date(2026, 10, 31), ListingStatus.EXPIRED),
        (dt.date(2026, 11, 1), ListingStatus.CLOSING_SOON),
        (dt.date(2026, 11, 8), ListingStatus.CLOSING_SOON),
        (dt.date(2026, 11, 9), ListingStatus.OPEN),
        ("rolling", ListingStatus.OPEN),
        (None, ListingStatus.OPEN),
    ],
)
def test_deadline_status(deadline: dt.date | str | None, expected: ListingStatus) -> None:
    seen = Seen(first_seen=T0, last_seen=T0)
    assert status(seen, deadline, today=dt.date(2026, 11, 1), closing_soon_days=7) is expected


def test_prune_forgets_long_closed_listings_only() -> None:
    state = {
        "old": Seen(T0, T0, 5, closed_at=T0 - dt.timedelta(days=40)),
        "recent": Seen(T0, T0, 3, closed_at=T0 - dt.timedelta(days=3)),
        "open": Seen(T0, T0),
    }
    assert set(prune(state, now=T0, keep_days=30)) == {"recent", "open"}


# --- board rules ---------------------------------------------------------------------------


def test_paid_remote_us_board_in_three_rules() -> None:
    rules = CurationRules(paid_only=True, work_modes=[WorkMode.REMOTE], countries=["US"])
    good = make(
        id="good",
        work_mode=WorkMode.REMOTE,
        locations=[],
        remote=RemoteEligibility(countries=["US"]),
        compensation=Compensation(kind=PayKind.HOURLY, min=20, currency="USD"),
    )
    unpaid = good.model_copy(
        update={"id": "unpaid", "compensation": Compensation(kind=PayKind.UNPAID)}
    )
    canada = good.model_copy(update={"id": "canada", "remote": RemoteEligibility(countries=["CA"])})
    onsite = make(
        id="onsite", compensation=Compensation(kind=PayKind.HOURLY, min=20, currency="USD")
    )
    result = apply_rules([good, unpaid, canada, onsite], rules)
    assert [item.id for item in result.kept] == ["good"]
    reasons = {item.listing.id: item.reasons for item in result.excluded}
    assert reasons["unpaid"] == ("pay is unpaid, and this board shows paid listings only",)
    assert reasons["canada"] == ("not located in or open to US",)
    assert reasons["onsite"] == ("work mode onsite is not shown on this board",)


def test_keyword_org_type_pay_and_deadline_rules() -> None:
    rules = CurationRules(
        include_keywords=["data"],
        exclude_keywords=["sales"],
        opportunity_types=[OpportunityType.INTERNSHIP],
        organizations_deny=["Shady Corp"],
        min_hourly_pay=18,
        require_deadline=True,
    )
    ok = make(
        deadline="rolling",
        compensation=Compensation(kind=PayKind.HOURLY, min=15, max=20, currency="USD"),
    )
    assert apply_rules([ok], rules).kept == [ok]
    bad = make(
        title="Sales Intern",
        organization="Shady Corp",
        opportunity_type=OpportunityType.FELLOWSHIP,
        compensation=Compensation(kind=PayKind.HOURLY, min=12, currency="USD"),
    )
    (excluded,) = apply_rules([bad], rules).excluded
    assert len(excluded.reasons) == 6
    assert "pays 12 an hour, below the minimum 18" in excluded.reasons


def test_keywords_match_whole_words_ignoring_case_and_accents() -> None:
    rules = CurationRules(include_keywords=["Café"])
    assert apply_rules([make(title="Cafe operations intern")], rules).kept
    assert not apply_rules([make(title="Cafeteria intern")], rules).kept


# --- scam flags ----------------------------------------------------------------------------


def test_rule_table_is_data_with_reasons() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.why and rule.weight > 0 for rule in RULES)


def test_fake_check_posting_is_held_with_reasons() -> None:
    posting = Posting(
        title="Remote Admin Intern",
        organization="Brightpath",
        text=(
            "We will mail you a check for equipment. "
            "Deposit the check and send the remaining balance by Zelle."
        ),
        apply_url="https://brightpath.example/apply",
    )
    flags = scam_flags(posting)
    assert held_for_review(flags)
    assert {"check-deposit", "wire-or-crypto"} <= {flag.rule for flag in flags}
    assert any("Zelle" in flag.reason for flag in flags)


def test_ats_source_gets_a_lower_prior_than_a_contributed_listing() -> None:
    text = "Training is held over WhatsApp."
    contributed = scam_flags(Posting("Intern", "Acme", text, source_kind="contributed"))
    ats = scam_flags(Posting("Intern", "Acme", text, source_kind="greenhouse"))
    assert held_for_review(contributed) and not held_for_review(ats)


def test_warnings_against_scams_are_not_scams() -> None:
    text = (
        "We will never ask you to pay a fee or share bank details. "
        "After you accept an offer, HR collects your bank account number for payroll."
    )
    assert scam_flags(Posting("Intern", "Acme", text)) == []


def test_apply_domains_shorteners_punycode_and_webmail() -> None:
    lookalike = Posting(
        "Software Engineering Intern",
        "Microsoft",
        "Email microsoft.hr@gmail.com",
        apply_url="https://microsoft-careers.example.net/apply",
        organization_url="https://microsoft.com",
    )
    assert {f.rule for f in scam_flags(lookalike)} == {"webmail-contact", "apply-domain-mismatch"}
    assert {
        f.rule for f in scam_flags(Posting("Intern", "Acme", "", apply_url="https://bit.ly/x"))
    } >= {"url-shortener"}
    assert {
        f.rule
        for f in scam_flags(Posting("Intern", "Acme", "", apply_url="https://xn--acme-9na.com/"))
    } >= {"punycode-host"}
    ats = Posting("Intern", "Acme", "", apply_url="https://boards.greenhouse.io/acme/jobs/1")
    assert scam_flags(ats) == []


def test_listing_flags_reads_a_stored_listing() -> None:
    listing = make(
        description="<p>Reship packages from home.</p>",
        sources=[SourceRef(id="contributed", kind="contributed")],
    )
    assert [flag.rule for flag in listing_flags(listing)] == ["reshipping"]

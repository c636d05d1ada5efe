"""``boardgen from-issue``: realistic issue bodies become listings; hostile ones are refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, RunCli

from boardgen.intake.submission import FIELDS, report_markdown
from boardgen.problems import Problem

FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "submit-opportunity.yml"

#: A complete, realistic submission (keys are the form's element ids).
GOOD: dict[str, Any] = {
    "title": "Customer survey analysis micro-internship",
    "organization": "Harbor Labs",
    "organization_url": "https://harborlabs.example.com",
    "apply_url": "https://jobs.harborlabs.example.com/survey-analysis",
    "opportunity_type": "micro-internship",
    "work_mode": "hybrid",
    "locations": "Chicago, IL, US; Berlin, DE",
    "remote_countries": "US, de",
    "description": (
        "Help us make sense of **1,200 survey answers** from our customers.\n\n"
        "#### What you will do\n\n"
        "- clean the data in a spreadsheet\n"
        "- chart the main themes\n"
        "- present a two-page summary to our product team\n\n"
        "See [our research page](https://harborlabs.example.com/research) for past work."
    ),
    "categories": "Data Science, market research",
    "skills": "Excel, survey design",
    "pay_kind": "fixed-fee",
    "pay_amount": "500",
    "currency": "usd",
    "pay_period": None,
    "hours": "20",
    "weeks": "2",
    "hours_per_week": "8-10",
    "deadline": "2027-01-31",
    "start_date": "2027-02-15",
    "class_years": ["third-year", "fourth-year"],
    "degree_levels": ["bachelor"],
    "majors": "Statistics, Economics",
    "work_authorization": "Authorized to work in the US or Germany",
    "sponsorship": "No",
    "listing_id": None,
    "confirmations": True,
}


def form() -> list[dict[str, Any]]:
    data = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return [element for element in data["body"] if element["type"] != "markdown"]


def render(answers: dict[str, Any]) -> str:
    """The issue body exactly as GitHub renders the form: '### Label', a blank line, value."""
    parts = []
    for element in form():
        label = element["attributes"]["label"]
        value = answers.get(element["id"])
        if element["type"] == "checkboxes":
            ticks = [
                f"- [{'X' if value else ' '}] {option['label']}"
                for option in element["attributes"]["options"]
            ]
            shown = "\n".join(ticks)
        elif isinstance(value, list):
            shown = ", ".join(value) if value else "_No response_"
        else:
            shown = value if value else "_No response_"
        parts.append(f"### {label}\n\n{shown}")
    return "\n\n".join(parts)


def submit(board: Path, run_cli: RunCli, body: str, *extra: str) -> tuple[int, str, str]:
    body_file = board.parent / "issue-body.md"
    body_file.write_text(body, encoding="utf-8", newline="")
    result = run_cli(board, "from-issue", str(body_file), *extra)
    return result.returncode, result.stdout, result.stderr


def listing_files(board: Path) -> set[str]:
    return {p.name for p in (board / "content" / "listings").iterdir()}


def test_the_form_and_the_parser_agree() -> None:
    elements = form()
    assert [e["attributes"]["label"] for e in elements] == [f.label for f in FIELDS]
    assert [e["id"] for e in elements] == [f.key for f in FIELDS]
    for element, field in zip(elements, FIELDS, strict=True):
        required = element.get("validations", {}).get("required", False)
        if element["type"] == "checkboxes":
            options = tuple(o["label"] for o in element["attributes"]["options"])
            required = all(o.get("required") for o in element["attributes"]["options"])
        else:
            options = tuple(element["attributes"].get("options", ()))
        assert required == field.required, field.label
        assert options == field.options, field.label
        assert (element["type"] == "dropdown") == (field.kind in ("choice", "choices"))
        assert bool(element["attributes"].get("multiple")) == (field.kind == "choices")


def test_a_realistic_submission_becomes_a_valid_listing(board: Path, run_cli: RunCli) -> None:
    report = board.parent / "report.md"
    code, out, err = submit(board, run_cli, render(GOOD), "--issue", "42", "--report", str(report))
    assert code == 0, err
    path = board / out.strip()
    assert path.name == "harbor-labs-customer-survey-analysis-micro-internship.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/listing.schema.json\n")
    assert "# Submitted through issue #42" in text
    data = yaml.safe_load(text)
    assert data["organization"] == {
        "name": "Harbor Labs",
        "url": "https://harborlabs.example.com",
    }
    assert data["locations"] == [
        {"country": "US", "city": "Chicago", "region": "IL"},
        {"country": "DE", "city": "Berlin"},
    ]
    assert data["remote"] == {"countries": ["US", "DE"]}
    assert data["categories"] == ["data-science", "market-research"]
    assert data["compensation"] == {"kind": "fixed-fee", "min": 500, "currency": "USD"}
    assert data["duration"] == {"hours": 20, "weeks": 2}
    assert data["hours_per_week"] == {"min": 8, "max": 10}
    assert str(data["deadline"]) == "2027-01-31" and str(data["posted_at"]) == "2026-11-22"
    assert data["eligibility"]["sponsorship"] is False
    assert data["eligibility"]["class_years"] == ["third-year", "fourth-year"]
    assert "#### What you will do" in data["description"]
    # The description is written as a readable literal block.
    assert "description: |" in text
    validate = run_cli(board, "validate", "--strict")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    text = report.read_text(encoding="utf-8")
    assert "was created from this submission" in text and "Closes #42." in text


def test_a_minimal_submission_with_empty_optional_fields(board: Path, run_cli: RunCli) -> None:
    answers = {k: None for k in GOOD} | {
        "title": "Podcast editing sprint",
        "organization": "Wavecrest Radio",
        "apply_url": "https://wavecrest.example.org/jobs/podcast",
        "opportunity_type": "micro-internship",
        "work_mode": "remote",
        "description": "Edit three episodes of our student podcast.",
        "listing_id": "wavecrest-podcast-sprint",
        "confirmations": True,
    }
    code, out, err = submit(board, run_cli, render(answers))
    assert code == 0, err
    assert out.strip() == "content/listings/wavecrest-podcast-sprint.yml"
    data = yaml.safe_load((board / out.strip()).read_text(encoding="utf-8"))
    assert set(data) == {
        "id", "title", "organization", "apply_url", "opportunity_type", "work_mode",
        "description", "posted_at",
    }  # fmt: skip
    # Legal but thin: warnings, not errors (the maintainer sees them in the report).
    assert "no pay information" in err and "only 43 characters" in err


def test_a_title_that_tries_to_break_out_of_yaml_stays_a_title(
    board: Path, run_cli: RunCli
) -> None:
    title = 'Intern\' ]} --- !!python/object/apply:os.system ["id"] &a *a # id: evil'
    code, out, err = submit(board, run_cli, render(GOOD | {"title": title, "listing_id": "safe"}))
    assert code == 0, err
    data = yaml.safe_load((board / out.strip()).read_text(encoding="utf-8"))
    assert data["title"] == title and data["id"] == "safe"
    assert run_cli(board, "validate").returncode == 0


HOSTILE = [
    ("html-title", {"title": 'Intern <img src=x onerror="alert(1)">'}, "Title",
     "HTML is not allowed"),
    ("md-link-title", {"title": "Intern [click here](https://evil.example.com)"}, "Title",
     "links are not allowed"),
    ("multi-line-title", {"title": 'Intern"\nid: evil\napply_url: https://evil.example.com'},
     "Title", "must be one line"),
    ("oversized-title", {"title": "A" * 400}, "Title", "is 400 characters; at most 300"),
    ("long-title", {"title": "A" * 250}, "Title", "at most 200 characters"),
    ("oversized-description", {"description": "words " * 5000}, "Description",
     "is 29,999 characters; at most 20,000"),
    ("javascript-url", {"apply_url": "javascript:alert(document.cookie)"}, "Link to apply",
     "javascript: URLs are not allowed"),
    ("data-url", {"apply_url": "data:text/html,<script>alert(1)</script>"}, "Link to apply",
     "data: URLs are not allowed"),
    ("ftp-org-url", {"organization_url": "ftp://harborlabs.example.com"}, "Organization website",
     "ftp: URLs are not allowed"),
    ("ip-url", {"apply_url": "http://127.0.0.1/apply"}, "Link to apply", "is an IP address"),
    ("script-description", {"description": "Great job!<script>alert(1)</script>"},
     "Description", "raw HTML is not allowed"),
    ("js-link-description", {"description": "Apply [here](javascript:alert(1))"}, "Description",
     "javascript:, data: and file: addresses are not allowed"),
    ("image-description", {"description": "Hi ![](https://tracker.example.com/p.gif)"},
     "Description", "images are not allowed"),
    ("relative-link-description", {"description": "See [our site](/admin)"}, "Description",
     "no scheme URLs are not allowed"),
    ("traversal-id", {"listing_id": "../../mkdocs"}, "Listing id", "is not an id"),
    ("slash-id", {"listing_id": "content/evil"}, "Listing id", "is not an id"),
    ("reserved-id", {"listing_id": "feeds"}, "Listing id", "is the name of a folder of the site"),
    ("unticked", {"confirmations": False}, "Confirmations", "tick every box"),
    ("bidi-title", {"title": "Intern \u202eevil"}, "Title", "text-direction characters"),
    ("mention", {"organization": "Harbor Labs @octocat"}, "Organization", "@mentions"),
    ("bad-choice", {"work_mode": "anywhere"}, "Work mode", "is not one of the form's choices"),
    ("bad-number", {"pay_amount": "$20/hr"}, "Pay amount", "write a number or a range"),
    ("bad-date", {"deadline": "31/01/2027"}, "Application deadline", "is not a date"),
    ("bad-country", {"remote_countries": "USA"}, "Countries remote applicants may live in",
     "is not a country code"),
    ("onsite-no-place", {"work_mode": "onsite", "locations": None}, "Location",
     "needs a location"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "label", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_or_wrong_fields_are_refused_with_the_field_named(
    board: Path, run_cli: RunCli, change: dict[str, Any], label: str, message: str
) -> None:
    before = listing_files(board)
    code, out, err = submit(board, run_cli, render(GOOD | change))
    assert code == 1, out
    lines = [line for line in err.splitlines() if f": {label}: " in line]
    assert lines and message in lines[0], err
    assert listing_files(board) == before
    assert out == ""


def test_unknown_duplicate_and_missing_sections_are_refused(board: Path, run_cli: RunCli) -> None:
    body = render(GOOD)
    extra = (
        "\n\n### Admin override\n\nstatus: closed\n\n### Link to apply\n\nhttps://evil.example.com"
    )
    code, _, err = submit(board, run_cli, body + extra)
    assert code == 1
    assert "Admin override: is not a field of the 'Submit an opportunity' form" in err
    assert re.search(r"issue-body\.md:\d+:1: Link to apply: appears twice", err)

    no_title = re.sub(r"### Title\n\n[^\n]*\n\n", "", body)
    code, _, err = submit(board, run_cli, no_title)
    assert code == 1 and "Title: the section is missing" in err

    code, _, err = submit(board, run_cli, "Please add our job!\n\n" + body)
    assert code == 1 and "text before the first '### ' section" in err

    code, _, err = submit(board, run_cli, body + "\n" + "x" * 70_000)
    assert code == 1 and "an issue form gives at most 65,536" in err


def test_every_problem_is_reported_at_once_and_the_report_is_safe_markdown(
    board: Path, run_cli: RunCli
) -> None:
    report = board.parent / "report.md"
    hostile = GOOD | {
        "title": "Intern ````\n@everyone <b>",
        "organization": "Harbor <b>Labs</b>",
        "apply_url": "javascript:alert(1)",
        "hours": "lots",
    }
    code, _, err = submit(board, run_cli, render(hostile), "--report", str(report))
    assert code == 1
    assert "Title: must be one line" in err
    assert "Organization: HTML is not allowed here" in err
    assert "Link to apply: javascript: URLs are not allowed" in err
    assert "Total hours of work: 'lots' is not a number" in err
    text = report.read_text(encoding="utf-8")
    fence = re.search(r"^(`{3,})text$", text, re.M)
    assert fence is not None
    # Everything the submitter wrote sits inside one code block the values cannot close.
    inner = text.split(fence.group(0), 1)[1]
    assert inner.count(fence.group(1)) == 1
    assert text.rstrip().endswith(fence.group(1))


def test_an_existing_id_is_not_overwritten(board: Path, run_cli: RunCli) -> None:
    answers = GOOD | {"listing_id": "riverbend-survey-analysis"}
    original = (board / "content/listings/riverbend-survey-analysis.yml").read_bytes()
    code, _, err = submit(board, run_cli, render(answers))
    assert code == 1 and "already exists: give another id" in err
    assert (board / "content/listings/riverbend-survey-analysis.yml").read_bytes() == original


def test_report_fence_outgrows_backticks_in_values() -> None:
    problem = Problem("issue", 1, 1, "Title", "'````` ```' is odd")
    text = report_markdown([problem])
    assert "``````text\n" in text

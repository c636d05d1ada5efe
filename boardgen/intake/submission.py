"""``boardgen from-issue``: a "Submit an opportunity" issue body to a listing file.

GitHub renders an issue form as one ``### Label`` section per field, with ``_No response_``
for a field left empty. The body is untrusted text: every section must be a field of the
form, once; single-line fields hold plain text (no HTML, no Markdown links, no line
breaks); the description is Markdown whose links are http(s) only, with no raw HTML or
images; sizes are capped; URLs and everything else are checked by the listing schema.
The file is written with a YAML emitter and loaded back through the project's safe loader
before it is kept, so no value can change the file's structure.

Parsing and checking are pure (:func:`parse_body`, :func:`listing_data`); writing the
file is :func:`write_submission`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from markdown_it import MarkdownIt
from pydantic import ValidationError

from boardgen.config.project import Project
from boardgen.errors import SubmissionError
from boardgen.intake.scaffold import slugify
from boardgen.model import (
    SLUG_PATTERN,
    ClassYear,
    DegreeLevel,
    ListingInput,
    OpportunityType,
    PayKind,
    PayPeriod,
)
from boardgen.problems import Problem, Severity
from boardgen.urls import check_web_url

__all__ = [
    "FIELDS",
    "FormField",
    "Submission",
    "listing_data",
    "parse_body",
    "render_yaml",
    "report_markdown",
    "write_submission",
]

NO_RESPONSE = "_No response_"
#: GitHub caps an issue body at 65,536 characters; anything longer was not made by the form.
MAX_BODY_CHARS = 65_536
#: Single-line fields: more than this is not a title or a name.
MAX_LINE_CHARS = 300
MAX_DESCRIPTION_CHARS = 20_000

Kind = Literal["line", "text", "choice", "choices", "checkboxes"]


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    kind: Kind
    required: bool = False
    options: tuple[str, ...] = ()


_WORK_MODES = ("remote", "hybrid", "onsite")
#: The form's fields, in the order the issue form shows them. Their labels are the
#: ``### Label`` headings of the rendered body; tests check the form file against this.
FIELDS: tuple[FormField, ...] = (
    FormField("title", "Title", "line", required=True),
    FormField("organization", "Organization", "line", required=True),
    FormField("organization_url", "Organization website", "line"),
    FormField("apply_url", "Link to apply", "line", required=True),
    FormField(
        "opportunity_type",
        "Opportunity type",
        "choice",
        required=True,
        options=tuple(t.value for t in OpportunityType),
    ),
    FormField("work_mode", "Work mode", "choice", required=True, options=_WORK_MODES),
    FormField("locations", "Location", "line"),
    FormField("remote_countries", "Countries remote applicants may live in", "line"),
    FormField("description", "Description", "text", required=True),
    FormField("categories", "Fields of work", "line"),
    FormField("skills", "Skills", "line"),
    FormField("pay_kind", "Pay", "choice", options=tuple(k.value for k in PayKind)),
    FormField("pay_amount", "Pay amount", "line"),
    FormField("currency", "Currency", "line"),
    FormField("pay_period", "Pay period", "choice", options=tuple(p.value for p in PayPeriod)),
    FormField("hours", "Total hours of work", "line"),
    FormField("weeks", "Duration in weeks", "line"),
    FormField("hours_per_week", "Hours per week", "line"),
    FormField("deadline", "Application deadline", "line"),
    FormField("start_date", "Start date", "line"),
    FormField(
        "class_years", "Years of study", "choices", options=tuple(c.value for c in ClassYear)
    ),
    FormField(
        "degree_levels", "Degree levels", "choices", options=tuple(d.value for d in DegreeLevel)
    ),
    FormField("majors", "Majors", "line"),
    FormField("work_authorization", "Work authorization", "line"),
    FormField("sponsorship", "Visa sponsorship", "choice", options=("Yes", "No")),
    FormField("listing_id", "Listing id", "line"),
    FormField(
        "confirmations",
        "Confirmations",
        "checkboxes",
        required=True,
        options=(
            "I may post this opportunity for the organization.",
            "Applicants pay nothing to apply or to take part.",
        ),
    ),
)
_BY_LABEL = {f.label.casefold(): f for f in FIELDS}
_BY_KEY = {f.key: f for f in FIELDS}

_HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*#*[ \t]*$")
_HTML = re.compile(r"<\s*[a-zA-Z/!?]")
_MD_LINK = re.compile(r"!?\[[^\]\n]*\]\s*[(\[]|^\s*\[[^\]\n]+\]:", re.M)
_BAD_SCHEME = re.compile(r"\b(?:javascript|vbscript|data|file)\s*:", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Right-to-left overrides and isolates can make a title read differently from its bytes.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\b")


@dataclass(frozen=True)
class Section:
    label: str
    line: int
    value: str | None


def _problem(source: str, line: int, label: str, message: str) -> Problem:
    return Problem(source, line, 1, label, message)


def parse_body(body: str, *, source: str = "issue") -> tuple[dict[str, Section], list[Problem]]:
    """The body's sections by field key, and every problem with its structure.

    ``source`` names the body in problems (``path:line``).
    """
    problems: list[Problem] = []
    if len(body) > MAX_BODY_CHARS:
        problems.append(
            _problem(
                source, 1, "", f"the issue is {len(body):,} characters; an issue form gives at "
                f"most {MAX_BODY_CHARS:,}: shorten the description",
            )
        )  # fmt: skip
        return {}, problems
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections: dict[str, Section] = {}
    current: tuple[FormField | None, str, int] | None = None
    buffer: list[str] = []

    def close() -> None:
        if current is None:
            if any(line.strip() for line in buffer):
                problems.append(
                    _problem(
                        source, 1, "", "text before the first '### ' section: this is not a "
                        "'Submit an opportunity' form; open the issue from that form",
                    )
                )  # fmt: skip
            return
        field, _label, line = current
        if field is None:
            return
        text = "\n".join(buffer).strip()
        value = None if text in ("", NO_RESPONSE) else text
        sections[field.key] = Section(field.label, line, value)

    for number, line in enumerate(lines, start=1):
        match = _HEADING.match(line)
        if match is None:
            buffer.append(line)
            continue
        close()
        buffer = []
        label = match.group(1)
        field = _BY_LABEL.get(label.casefold())
        if field is None:
            problems.append(
                _problem(
                    source, number, label[:60], "is not a field of the 'Submit an opportunity' "
                    "form. In the description, write subheadings as #### or **bold** text",
                )
            )  # fmt: skip
        elif field.key in sections:
            problems.append(
                _problem(source, number, field.label, "appears twice: keep one section per field")
            )
            field = None
        current = (field, label, number)
    close()
    for field in FIELDS:
        if field.required and field.key not in sections and not _mentioned(problems, field):
            problems.append(_problem(source, 1, field.label, "the section is missing"))
    return sections, problems


def _mentioned(problems: list[Problem], field: FormField) -> bool:
    return any(p.field == field.label for p in problems)


@dataclass(frozen=True)
class Submission:
    """A checked submission: the listing's data, ready to write, and its warnings."""

    listing: ListingInput
    data: dict[str, Any]
    warnings: list[Problem]


def _split(value: str, sep: str = ",") -> list[str]:
    return [part.strip() for part in value.split(sep) if part.strip()]


_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*$")


def _number_range(text: str) -> tuple[float, float | None] | None:
    match = _RANGE.match(text.replace(",", ""))
    if match is None:
        return None
    low = float(match.group(1))
    high = float(match.group(2)) if match.group(2) else None
    return low, high


def _num(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _location(text: str) -> dict[str, str]:
    """'City, region, CC' (each part optional) as a location, in the schema's field order."""
    parts = _split(text)
    country = None
    if parts and re.fullmatch(r"[A-Za-z]{2}", parts[-1]) and (len(parts) > 1 or len(text) == 2):
        country = parts.pop().upper()
    place: dict[str, str] = {}
    if parts:
        place["city"] = parts.pop(0)
    if parts:
        place["region"] = ", ".join(parts)
    if country:
        place["country"] = country
    return place


def _check_line(field: FormField, value: str) -> str | None:
    if "\n" in value:
        return "must be one line"
    if len(value) > MAX_LINE_CHARS:
        return f"is {len(value)} characters; at most {MAX_LINE_CHARS}"
    if field.key in ("apply_url", "organization_url"):
        try:
            check_web_url(value)
        except ValueError as exc:
            return str(exc)
        return None
    if _HTML.search(value):
        return "HTML is not allowed here: write plain text"
    if _MD_LINK.search(value):
        return "links are not allowed here: put the link in 'Link to apply'"
    if _BAD_SCHEME.search(value):
        return "contains a script or data address: write plain text"
    if _MENTION.search(value):
        return "@mentions are not allowed here: write the name without @"
    return None


_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _check_description(value: str) -> str | None:
    if len(value) > MAX_DESCRIPTION_CHARS:
        return f"is {len(value):,} characters; at most {MAX_DESCRIPTION_CHARS:,}: shorten it"
    if _HTML.search(value):
        return (
            "raw HTML is not allowed: write Markdown (e.g. **bold**, - lists, [text](https://...))"
        )
    if _BAD_SCHEME.search(value):
        return "javascript:, data: and file: addresses are not allowed: links must be https://"
    for token in _walk(_MD.parse(value)):
        if token.type == "image":
            return "images are not allowed in the description"
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            try:
                check_web_url(href)
            except ValueError as exc:
                return f"link {href[:80]!r}: {exc}"
    return None


def _walk(tokens: list[Any]) -> list[Any]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_walk(token.children or []))
    return out


def listing_data(
    sections: dict[str, Section], *, today: dt.date, source: str = "issue"
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The listing's data from the form's sections, or the problems (each naming its field)."""
    problems: list[Problem] = []
    values: dict[str, str] = {}

    def fail(key: str, message: str) -> None:
        section = sections.get(key)
        problems.append(
            _problem(source, section.line if section else 1, _BY_KEY[key].label, message)
        )

    for field in FIELDS:
        section = sections.get(field.key)
        value = section.value if section else None
        if value is None:
            if field.required and section is not None:
                fail(field.key, "is required: fill it in")
            continue
        if _CONTROL.search(value) or _BIDI.search(value):
            fail(field.key, "contains control or text-direction characters: remove them")
            continue
        if field.kind == "line":
            why = _check_line(field, value)
        elif field.kind == "text":
            why = _check_description(value)
        elif field.kind == "choice":
            why = None if value in field.options else _not_an_option(value, field)
        elif field.kind == "choices":
            bad = [v for v in _split(value) if v not in field.options]
            why = _not_an_option(bad[0], field) if bad else None
        else:
            why = _unchecked(value, field)
        if why is not None:
            fail(field.key, why)
            continue
        values[field.key] = value
    # Checked even when other fields failed, so every problem is reported in one round.
    data, _ = _assemble(values, today, fail)
    if problems or data is None:
        return None, problems
    return data, problems


def _not_an_option(value: str, field: FormField) -> str:
    return f"{value[:60]!r} is not one of the form's choices: {', '.join(field.options)}"


def _unchecked(value: str, field: FormField) -> str | None:
    checked = {m.group(1).strip() for m in re.finditer(r"^- \[[xX]\] (.+)$", value, re.M)}
    missing = [option for option in field.options if option not in checked]
    if missing:
        return f"tick every box: {missing[0]!r} is not ticked"
    return None


def _assemble(
    values: dict[str, str], today: dt.date, fail: Callable[[str, str], None]
) -> tuple[dict[str, Any] | None, bool]:
    """Form values to the listing's fields (YAML-ready). Returns (data, any problems)."""
    failed = False

    def bad(key: str, message: str) -> None:
        nonlocal failed
        failed = True
        fail(key, message)

    complete = all(f.key in values for f in FIELDS if f.required)
    made = slugify(f"{values.get('organization', '')} {values.get('title', '')}")
    listing_id = values.get("listing_id") or made
    if not re.fullmatch(SLUG_PATTERN, listing_id) or len(listing_id) > 80:
        if "listing_id" in values:
            bad(
                "listing_id", f"{listing_id[:80]!r} is not an id: lowercase words joined by hyphens"
            )
        elif complete:
            bad("listing_id", "no id can be made from the title: give one, e.g. acme-data-cleanup")
    data: dict[str, Any] = {"id": listing_id, "title": values.get("title")}
    organization: dict[str, Any] = {"name": values.get("organization")}
    if "organization_url" in values:
        organization["url"] = values["organization_url"]
    data["organization"] = organization
    data["apply_url"] = values.get("apply_url")
    data["opportunity_type"] = values.get("opportunity_type")
    for key in ("categories",):
        if key in values:
            data[key] = [slugify(part) for part in _split(values[key])]
    if "skills" in values:
        data["skills"] = _split(values["skills"])
    data["work_mode"] = values.get("work_mode")
    if "locations" in values:
        data["locations"] = [_location(part) for part in _split(values["locations"], ";")]
    if "remote_countries" in values:
        data["remote"] = {"countries": [c.upper() for c in _split(values["remote_countries"])]}
    duration: dict[str, Any] = {}
    for key in ("hours", "weeks"):
        if key in values:
            number = _number_range(values[key])
            if number is None or number[1] is not None:
                bad(key, f"{values[key][:40]!r} is not a number: write digits only, e.g. 20")
            else:
                duration[key] = _num(number[0])
    if duration:
        data["duration"] = duration
    if "hours_per_week" in values:
        span = _number_range(values["hours_per_week"])
        if span is None:
            bad("hours_per_week", "write a number or a range, e.g. 10 or 5-10")
        else:
            low, high = span
            data["hours_per_week"] = {"min": _num(low), "max": _num(high if high else low)}
    if "pay_kind" in values:
        pay: dict[str, Any] = {"kind": values["pay_kind"]}
        if "pay_amount" in values:
            span = _number_range(values["pay_amount"])
            if span is None:
                bad("pay_amount", "write a number or a range, e.g. 20 or 20-25 (no currency signs)")
            else:
                pay["min"] = _num(span[0])
                if span[1] is not None:
                    pay["max"] = _num(span[1])
        if "currency" in values:
            pay["currency"] = values["currency"].upper()
        if "pay_period" in values:
            pay["period"] = values["pay_period"]
        data["compensation"] = pay
    elif "pay_amount" in values:
        bad("pay_kind", "a pay amount is given: choose what kind of pay it is")
    for key in ("deadline", "start_date"):
        if key in values:
            data[key] = _date_value(values[key])
    eligibility: dict[str, Any] = {}
    if "class_years" in values:
        eligibility["class_years"] = _split(values["class_years"])
    if "degree_levels" in values:
        eligibility["degree_levels"] = _split(values["degree_levels"])
    if "majors" in values:
        eligibility["majors"] = _split(values["majors"])
    if "work_authorization" in values:
        eligibility["work_authorization"] = values["work_authorization"]
    if "sponsorship" in values:
        eligibility["sponsorship"] = values["sponsorship"] == "Yes"
    if eligibility:
        data["eligibility"] = eligibility
    data["description"] = values.get("description", "") + "\n"
    data["posted_at"] = today
    return (None, True) if failed or not complete else (data, False)


def _date_value(text: str) -> Any:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the schema says what is wrong with it
    return "rolling" if text.strip().lower() == "rolling" else text


#: Where each listing field's problems are reported: the form field a person filled in.
_LABEL_FOR = {
    "id": "listing_id",
    "title": "title",
    "organization": "organization",
    "apply_url": "apply_url",
    "opportunity_type": "opportunity_type",
    "categories": "categories",
    "skills": "skills",
    "work_mode": "work_mode",
    "locations": "locations",
    "remote": "remote_countries",
    "duration.hours": "hours",
    "duration.weeks": "weeks",
    "duration": "hours",
    "hours_per_week": "hours_per_week",
    "compensation.currency": "currency",
    "compensation.period": "pay_period",
    "compensation.min": "pay_amount",
    "compensation.max": "pay_amount",
    "compensation": "pay_kind",
    "deadline": "deadline",
    "start_date": "start_date",
    "eligibility.class_years": "class_years",
    "eligibility.degree_levels": "degree_levels",
    "eligibility.majors": "majors",
    "eligibility.work_authorization": "work_authorization",
    "eligibility.sponsorship": "sponsorship",
    "description": "description",
    "organization.url": "organization_url",
    "organization.name": "organization",
}


def _form_key(loc: tuple[int | str, ...]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    for size in range(len(names), 0, -1):
        key = _LABEL_FOR.get(".".join(names[:size]))
        if key is not None:
            return key
    return "description"


def check_submission(
    body: str, *, today: dt.date, source: str = "issue"
) -> tuple[Submission | None, list[Problem]]:
    """Parse and check a rendered issue body; the listing, or every problem found."""
    sections, problems = parse_body(body, source=source)
    if problems:
        return None, problems
    data, problems = listing_data(sections, today=today, source=source)
    if data is None:
        return None, problems
    try:
        listing = ListingInput.model_validate(data)
    except ValidationError as exc:
        from boardgen.config.load import explain

        out = []
        for detail in exc.errors(include_url=False):
            key = _form_key(detail["loc"])
            section = sections.get(key)
            out.append(
                _problem(
                    source,
                    section.line if section else 1,
                    _BY_KEY[key].label,
                    explain(detail, None),
                )
            )
        return None, out
    return Submission(listing, data, []), []


class _Dumper(yaml.SafeDumper):
    """Block style, literal blocks for multi-line text, and never an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def render_yaml(data: dict[str, Any], *, issue: int | None) -> str:
    """The listing file's text, written by the YAML emitter (never by pasting strings)."""
    header = "# yaml-language-server: $schema=../../schemas/listing.schema.json\n"
    if issue is not None:
        header += f"# Submitted through issue #{int(issue)} ('boardgen from-issue').\n"
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return header + body


def write_submission(
    project: Project,
    body: str,
    *,
    today: dt.date,
    source: str,
    issue: int | None = None,
    force: bool = False,
) -> tuple[Path, Submission]:
    """Check ``body``, write ``content/listings/<id>.yml``, and check the written file.

    Raises :class:`SubmissionError` with every problem, leaving no file behind.
    """
    from boardgen.config.load import check_bytes
    from boardgen.gather.validate import LoadedListing, check_project, listing_warnings

    submission, problems = check_submission(body, today=today, source=source)
    if submission is None:
        raise SubmissionError(_summary(problems), problems)
    listing_id = submission.listing.id
    listings_dir = project.listings_dir.resolve()
    path = listings_dir / f"{listing_id}.yml"
    # The id is a checked slug; this is the belt to its braces against path tricks.
    if path.resolve().parent != listings_dir:
        raise SubmissionError("the listing id is not a plain file name", [])
    if path.exists() and not force:
        problem = _problem(
            source, 1, "Listing id", f"{project.relative(path)} already exists: give another id"
        )
        raise SubmissionError(_summary([problem]), [problem])
    text = render_yaml(submission.data, issue=issue)
    rel = project.relative(path)
    loaded, document, reload_problems = check_bytes(rel, text.encode(), ListingInput)
    if loaded is None or document is None or loaded != submission.listing:
        # Unreachable unless the emitter and the loader disagree: never write such a file.
        raise SubmissionError("the listing file did not read back as written", reload_problems)
    listings_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    errors = check_project(project, today=today).errors
    clash = [p for p in errors if p.path == rel or repr(listing_id) in p.message]
    if clash:
        path.unlink()
        raise SubmissionError(_summary(clash), clash)
    warnings = listing_warnings(LoadedListing(rel, loaded, document), listing_id, today)
    return path, Submission(submission.listing, submission.data, warnings)


def _summary(problems: list[Problem]) -> str:
    n = len(problems)
    return f"the submission has {n} problem{'' if n == 1 else 's'}: fix the issue and try again"


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in ``text``, so it cannot be closed."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def report_markdown(
    problems: list[Problem],
    *,
    path: str | None = None,
    warnings: list[Problem] | None = None,
    issue: int | None = None,
) -> str:
    """The issue comment: what was made, or what to fix. Untrusted text stays in a code block."""
    if path is None:
        listed = "\n".join(f"{p.field or 'issue'}: {p.message}" for p in problems)
        fence = _fence(listed)
        return (
            "**This submission could not be turned into a listing yet.** Please edit the "
            "issue to fix the fields below; a maintainer will then label it `approved` "
            f"again.\n\n{fence}text\n{listed}\n{fence}\n"
        )
    text = f"The listing file `{path}` was created from this submission.\n"
    if issue is not None:
        text += f"\nCloses #{int(issue)}.\n"
    if warnings:
        listed = "\n".join(_warning_line(p) for p in warnings)
        fence = _fence(listed)
        text += (
            "\nThe checks have these remarks (scam flags are for a maintainer to judge):\n\n"
            f"{fence}text\n{listed}\n{fence}\n"
        )
    return text


def _warning_line(problem: Problem) -> str:
    return (
        f"{problem.field}: {problem.message}"
        if problem.severity is Severity.WARNING
        else (problem.format())
    )

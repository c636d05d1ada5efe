"""Grade curation on real listings labelled by hand (benchmarks/data/corpus/).

Every labelled entry is read from its real payload by the adapter of its kind, mapped to a
``Listing`` by the same code a fetch runs, and curated by the same pipeline and rules a
board made by ``boardgen init`` uses. Each field is then compared with the label that a
person wrote from the entry's text before the code was tuned (LABELLING.md says how).

Prints one ``name: value`` line per figure; ``--verbose`` lists every miss (read those
before changing a rule, then check the change on entries it was not written for);
``--json`` prints the figures as JSON. How a field is compared is written down in
``compare_*`` below and must not be bent to a result.

Three in ten entries (chosen by a hash of file and key) are a **holdout**: ``--verbose``
never lists their misses, so rules are written from the other seven and the holdout says
whether they generalise. ``--split holdout`` grades only those; the default grades all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scrapers
from boardgen.config.load import check_bytes
from boardgen.config.starter import STARTER
from boardgen.curate.pipeline import SourceListings, curate
from boardgen.model import (
    BoardConfig,
    Listing,
    OpportunityType,
    PayKind,
    Source,
    WorkMode,
)
from boardgen.normalize.mapping import to_listing
from boardgen.render.i18n import translator
from boardgen.render.present import where_text

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
RAW = CORPUS / "raw"
#: The day the corpus is judged on (deadlines before it are passed, not wrong).
TODAY = dt.date(2026, 11, 22)
SEEN_AT = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
#: Folders whose payloads another kind's adapter reads.
KIND_OF_FOLDER = {"neogov": "rss", "teamtailor": "jsonfeed"}
STUDENT_TYPES = {
    "internship", "micro-internship", "fellowship", "co-op", "externship", "research",
    "apprenticeship", "job-simulation", "part-time-student", "volunteer",
}  # fmt: skip
#: Folders of one employer's own board: a career office names such a source after the
#: employer in sources.yml (``name:``), so the benchmark does too. Aggregators get their
#: own name, and each listing's organization must come from the entry itself.
ONE_EMPLOYER = {
    "greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee", "personio",
    "workday", "oracle", "teamtailor", "neogov",
}  # fmt: skip
#: Label type -> the schema's type for the student types (the rest are not student types).
TYPE_VALUE = {"part-time-student": "part-time"}


def kind_of(file: str) -> str:
    parts = file.split("/")
    folder = parts[1] if parts[0] == "corpus" else parts[0]
    return KIND_OF_FOLDER.get(folder, folder)


def load_jsonl(name: str) -> list[dict[str, Any]]:
    path = CORPUS / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


LABELS = load_jsonl("labels.jsonl")


def in_holdout(file: str, key: str) -> bool:
    digest = hashlib.sha256(f"{file}\n{key}".encode()).digest()
    return digest[0] % 10 < 3


def board_config() -> BoardConfig:
    """The board.yml that ``boardgen init`` writes: what a new career office gets."""
    text = (STARTER / "site_config" / "board.yml").read_text(encoding="utf-8")
    for key, value in {"$name": "Corpus Board", "$campus": "Corpus College"}.items():
        text = text.replace(key, value)
    text = text.replace("$site_url", "https://board.example.edu/").replace("$version", "0")
    model, _, problems = check_bytes("board.yml", text.encode(), BoardConfig)
    if model is None:
        raise SystemExit(f"the starter board.yml does not load: {problems}")
    return model


@dataclass
class Parsed:
    """Every listing mapped from one payload file, by the entry's own key."""

    by_key: dict[str, Listing] = field(default_factory=dict)
    error: str | None = None


def _folder(file: str) -> str:
    parts = file.split("/")
    return parts[1] if parts[0] == "corpus" else parts[0]


def source_name(file: str) -> str:
    if _folder(file) not in ONE_EMPLOYER:
        return _folder(file).title()
    names = Counter(lab["organization"] for lab in LABELS if lab["file"] == file)
    return names.most_common(1)[0][0][:120]


def parse_file(file: str) -> Parsed:
    kind = kind_of(file)
    adapter = scrapers.get(kind)
    if adapter is None:
        return Parsed(error=f"no adapter for kind {kind!r}")
    body = (RAW / file).read_bytes()
    payload = scrapers.Payload(body=body, headers={}, url=f"https://{kind}.example.test/feed")
    try:
        page = adapter.parse(payload)
    except Exception as exc:  # a failed parse is a finding, reported per file
        return Parsed(error=f"{type(exc).__name__}: {exc}")
    source = Source(
        id=f"corpus-{kind}", kind=kind, name=source_name(file), url="https://example.test/feed"
    )
    out = Parsed()
    for record in page.records:
        try:
            listing = to_listing(record, source, seen_at=SEEN_AT)
        except ValueError:
            continue
        out.by_key.setdefault(str(record.native_id), listing)
        if record.url:
            out.by_key.setdefault(record.url, listing)
    return out


def find(parsed: Parsed, label: dict[str, Any]) -> Listing | None:
    key = str(label["key"])
    if key in parsed.by_key:
        return parsed.by_key[key]
    # Some adapters use the posting's link as its id (RSS guids are links already).
    return next((item for k, item in parsed.by_key.items() if k.endswith(key)), None)


# --- how each field is compared (fixed before tuning) ---------------------------------------


def compare_type(label: dict[str, Any], listing: Listing) -> bool:
    want = label["type"]
    got = listing.opportunity_type.value
    if want in STUDENT_TYPES:
        return got == TYPE_VALUE.get(want, want)
    # A job, an entry-level job, a graduate programme or a non-vacancy must not be
    # presented as one of the student types.
    return got not in {TYPE_VALUE.get(t, t) for t in STUDENT_TYPES}


def compare_level(label: dict[str, Any], listing: Listing) -> bool:
    got = getattr(listing, "level", None)
    value = getattr(got, "value", got)
    return value == label["level"]


def compare_work_mode(label: dict[str, Any], listing: Listing) -> bool:
    want = {"not stated": WorkMode.UNKNOWN}.get(label["work_mode"], label["work_mode"])
    return listing.work_mode == want


ANYWHERE = translator("en")("where.remote_anywhere", mode=translator("en")("mode.remote"))


def claimed_eligibility(listing: Listing) -> str | list[str]:
    """What the listing's page tells a student about where remote applicants may live."""
    if listing.remote is not None and listing.remote.countries:
        return sorted(listing.remote.countries)
    return "anywhere" if where_text(listing) == ANYWHERE else "not stated"


def compare_remote(label: dict[str, Any], listing: Listing) -> bool | None:
    """Only rows labelled remote, and only when the listing is shown as remote."""
    if label["work_mode"] != "remote":
        return None
    want = label["remote_eligibility"]
    if listing.work_mode is not WorkMode.REMOTE:
        return False
    got = claimed_eligibility(listing)
    return got == (sorted(want) if isinstance(want, list) else want)


def compare_country(label: dict[str, Any], listing: Listing) -> bool:
    want = label["country"]
    wanted = set(want if isinstance(want, list) else [want] if want else [])
    got = {loc.country for loc in listing.locations if loc.country}
    return got == wanted


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1)


def pay_claim(listing: Listing) -> dict[str, Any] | None:
    pay = listing.compensation
    if pay is None or pay.kind in (PayKind.UNKNOWN,):
        return None
    return {
        "kind": pay.kind.value,
        "min": pay.min,
        "max": pay.max,
        "currency": pay.currency,
        "period": pay.period.value if pay.period else None,
    }


def compare_pay(label: dict[str, Any], listing: Listing) -> bool:
    want = label["pay"]
    got = pay_claim(listing)
    if want["kind"] == "none stated":
        return got is None
    if got is None:
        return False
    if want["kind"] != got["kind"]:
        return False
    low, high = want["min"], want["max"] if want["max"] is not None else want["min"]
    got_high = got["max"] if got["max"] is not None else got["min"]
    if not (_close(low, got["min"]) and _close(high, got_high)):
        return False
    if want["currency"] is not None and want["currency"] != got["currency"]:
        return False
    return want["period"] is None or want["period"] == got["period"]


def contradicts_pay(label: dict[str, Any], listing: Listing) -> bool:
    """An amount shown that the entry's text does not state (worse than showing none)."""
    got = pay_claim(listing)
    if got is None or (got["min"] is None and got["max"] is None):
        return False
    return not compare_pay(label, listing)


def _span(value: Any) -> tuple[float | None, float | None]:
    if isinstance(value, list):
        return value[0], value[1]
    return value, value


def compare_effort(label: dict[str, Any], listing: Listing) -> bool:
    want = label["effort"]
    weekly = listing.hours_per_week
    got_weekly = (
        (weekly.min, weekly.max if weekly.max is not None else weekly.min)
        if weekly
        else (None, None)
    )
    low, high = _span(want["hours_per_week"])
    if not (_close(low, got_weekly[0]) and _close(high, got_weekly[1])):
        return False
    duration = listing.duration
    if not _close(want["total_hours"], duration.hours if duration else None):
        return False
    weeks_low, weeks_high = _span(want["weeks"])
    got_weeks = duration.weeks if duration else None
    if weeks_low is None:
        return got_weeks is None
    return got_weeks is not None and weeks_low - 0.5 <= got_weeks <= (weeks_high or weeks_low) + 0.5


def compare_deadline(label: dict[str, Any], listing: Listing) -> bool:
    got = listing.deadline if isinstance(listing.deadline, dt.date) else None
    want = dt.date.fromisoformat(label["deadline"]) if label["deadline"] else None
    return got == want


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace(",", " ").replace(".", " ").split())


def compare_organization(label: dict[str, Any], listing: Listing) -> bool | None:
    want = label["organization"]
    if want in ("unknown",) or "(sanitized name)" in want or "not a real employer" in want:
        return None
    a, b = _fold(want), _fold(listing.organization.name)
    return a == b or (len(b) >= 3 and (a.startswith(b) or b.startswith(a)))


FIELDS: dict[str, Callable[[dict[str, Any], Listing], bool | None]] = {
    "type": compare_type,
    "level": compare_level,
    "work_mode": compare_work_mode,
    "remote_eligibility": compare_remote,
    "country": compare_country,
    "pay": compare_pay,
    "effort": compare_effort,
    "deadline": compare_deadline,
    "organization": compare_organization,
}


def shown_on_student_board(listings: list[Listing], config: BoardConfig) -> set[str]:
    """Ids a board with the starter's rules shows, through the real curation pipeline."""
    by_kind: dict[str, list[Listing]] = defaultdict(list)
    for listing in listings:
        by_kind[listing.sources[0].kind].append(listing)
    sources = [SourceListings(f"corpus-{k}", k, items) for k, items in by_kind.items()]
    result = curate(
        [],
        sources,
        rules=config.rules,
        today=TODAY,
        closing_soon_days=config.closing_soon_days,
    )
    return {item.id for item in result.listings}


def evaluate(verbose: bool, split: str = "all") -> dict[str, float | int]:
    labels = [
        lab for lab in LABELS
        if split == "all" or in_holdout(lab["file"], str(lab["key"])) == (split == "holdout")
    ]  # fmt: skip
    parsed = {file: parse_file(file) for file in sorted({lab["file"] for lab in labels})}
    figures: dict[str, float | int] = {"labelled": len(labels)}
    misses: list[str] = []
    right: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    found: list[tuple[dict[str, Any], Listing]] = []
    unsupported = 0
    for label in labels:
        result = parsed[label["file"]]
        listing = find(result, label) if result.error is None else None
        if result.error is not None:
            unsupported += 1
        if listing is None:
            if result.error is None and not in_holdout(label["file"], str(label["key"])):
                misses.append(f"not found: {label['file']} {label['key']} {label['title']!r}")
            for name in FIELDS:
                asked[name] += 1  # an entry the board cannot read is a miss for every field
            continue
        found.append((label, listing))
        for name, compare in FIELDS.items():
            verdict = compare(label, listing)
            if verdict is None:
                continue
            asked[name] += 1
            right[name] += verdict
            if not verdict and not in_holdout(label["file"], str(label["key"])):
                where = f"{label['file'].split('/')[-1]} {label['key']} {label['title'][:60]!r}"
                misses.append(f"{name}: {where}: {_show(name, label, listing)}")
    figures["read"] = len(found)
    figures["unreadable_kind_rows"] = unsupported
    for name in FIELDS:
        figures[f"{name}_accuracy"] = round(right[name] / asked[name], 3) if asked[name] else 0.0
    figures["pay_contradictions"] = sum(contradicts_pay(lab, item) for lab, item in found)
    micro = [(lab, item) for lab, item in found if lab["type"] == "micro-internship"]
    figures["micro_internships_labelled"] = len(micro)
    hits = sum(item.opportunity_type is OpportunityType.MICRO_INTERNSHIP for _, item in micro)
    figures["micro_internship_recall"] = round(hits / len(micro), 3) if micro else 0.0
    shown = shown_on_student_board([item for _, item in found], board_config())
    shown_labels = [lab for lab, item in found if item.id in shown]
    figures["student_board_shows"] = len(shown_labels)
    figures["student_board_senior_share"] = _share(shown_labels, {"senior"})
    figures["student_board_not_student_share"] = _share(shown_labels, {"senior", "experienced"})
    figures["student_rows_shown"] = sum(
        lab["level"] in ("student", "entry") for lab in shown_labels
    )
    figures["student_rows_read"] = sum(lab["level"] in ("student", "entry") for lab, _ in found)
    figures.update(dedupe_figures(parsed, misses))
    if verbose:
        for line in misses:
            print(line, file=sys.stderr)
    return figures


def _share(labels: list[dict[str, Any]], levels: set[str]) -> float:
    return round(sum(lab["level"] in levels for lab in labels) / len(labels), 3) if labels else 0.0


def _show(name: str, label: dict[str, Any], listing: Listing) -> str:
    got: Any = {
        "type": listing.opportunity_type.value,
        "level": getattr(listing, "level", None),
        "work_mode": listing.work_mode.value,
        "remote_eligibility": claimed_eligibility(listing),
        "country": sorted({loc.country for loc in listing.locations if loc.country}),
        "pay": pay_claim(listing),
        "effort": (listing.hours_per_week, listing.duration),
        "deadline": listing.deadline,
        "organization": listing.organization.name,
    }[name]
    want = label["pay"] if name == "pay" else label.get(name if name != "type" else "type")
    return f"label {want!r}, got {got!r}"


def dedupe_figures(parsed: dict[str, Parsed], misses: list[str]) -> dict[str, float | int]:
    """Each labelled pair through the board's curation: merged into one, or both kept."""
    tp = fp = fn = tn = unreadable = 0
    for pair in load_jsonl("duplicates.jsonl"):
        items = []
        for side in ("a", "b"):
            ref = pair[side]
            result = parsed.get(ref["file"]) or parse_file(ref["file"])
            parsed[ref["file"]] = result
            items.append(find(result, ref) if result.error is None else None)
        a, b = items
        if a is None or b is None:
            unreadable += 1
            if pair["duplicate"]:
                fn += 1
            continue
        same_id = a.id == b.id
        if same_id:
            # One record read twice (the same id in two files): trivially one listing.
            merged = True
        else:
            kinds = {a.sources[0].kind, b.sources[0].kind}
            group = [
                SourceListings(f"corpus-{k}", k, [x for x in (a, b) if x.sources[0].kind == k])
                for k in kinds
            ]
            result = curate([], group, rules=board_config().rules, today=TODAY, closing_soon_days=7)
            merged = len(result.listings) + len(result.held) + len(result.excluded) < 2
        if merged and pair["duplicate"]:
            tp += 1
        elif merged:
            fp += 1
            misses.append(f"dedupe merged a non-duplicate: {pair['note'][:100]}")
        elif pair["duplicate"]:
            fn += 1
            misses.append(f"dedupe kept a duplicate apart: {pair['note'][:100]}")
        else:
            tn += 1
    return {
        "dedupe_pairs": tp + fp + fn + tn,
        "dedupe_unreadable_pairs": unreadable,
        "dedupe_precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "dedupe_recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss on stderr")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--split", choices=["all", "dev", "holdout"], default="all")
    args = parser.parse_args()
    figures = evaluate(args.verbose, args.split)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

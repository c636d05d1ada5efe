"""Evaluate curation against the labelled set in tests/data/curation/.

Prints one ``name: value`` line per figure. ``--verbose`` also lists every miss, which is
what to read before changing a rule (then check the change on cases it was not written for).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boardgen.curate.dedupe import compare
from boardgen.curate.scam import Posting, held_for_review, scam_flags
from boardgen.model import Listing, RemoteEligibility, SourceRef, WorkMode
from boardgen.normalize import (
    classify_type,
    infer_work_mode,
    parse_effort,
    parse_locations,
    parse_pay,
)

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "curation"
Misses = list[str]


def load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def listing_from_record(record: dict[str, Any], key: str) -> Listing:
    """A listing built from a labelled record the way an adapter would, via the normalizers."""
    place = parse_locations(record.get("location") or "")
    mode = infer_work_mode(location_text=record.get("location") or "")
    if mode in (WorkMode.ONSITE, WorkMode.HYBRID) and not place.locations:
        mode = WorkMode.UNKNOWN
    if mode is WorkMode.UNKNOWN and any(loc.city for loc in place.locations):
        mode = WorkMode.ONSITE
    remote = None
    if mode in (WorkMode.REMOTE, WorkMode.HYBRID) and place.remote_countries:
        remote = RemoteEligibility(countries=list(place.remote_countries))
    return Listing(
        id=re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-"),
        title=record["title"],
        organization=record["organization"],
        apply_url=record["apply_url"],
        opportunity_type=classify_type(
            type_field=record.get("type_field"), title=record["title"], text=""
        ),
        work_mode=mode,
        locations=list(place.locations),
        remote=remote,
        description=record.get("description", ""),
        sources=[SourceRef(id=record["source_kind"], kind=record["source_kind"])],
    )


def dedupe_figures() -> tuple[float, float, Misses]:
    tp = fp = fn = 0
    misses: Misses = []
    for index, pair in enumerate(load("dedupe.json")):
        a = listing_from_record(pair["a"], f"a{index}")
        b = listing_from_record(pair["b"], f"b{index}")
        match = compare(a, b)
        said = match.verdict == "same"
        if said and pair["duplicate"]:
            tp += 1
        elif said:
            fp += 1
        elif pair["duplicate"]:
            fn += 1
        if said != pair["duplicate"]:
            misses.append(f"dedupe {pair['note']}: {match.verdict} ({match.reason})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, misses


def scam_figures() -> tuple[float, float, Misses]:
    caught = scams = false_alarms = genuine = 0
    misses: Misses = []
    for case in load("scam.json"):
        posting = Posting(
            title=case["title"],
            organization=case["organization"],
            text=case["text"],
            apply_url=case["apply_url"],
            organization_url=case["organization_url"],
            source_kind=case["source_kind"],
        )
        flags = scam_flags(posting)
        held = held_for_review(flags)
        if case["scam"]:
            scams += 1
            caught += held
        else:
            genuine += 1
            false_alarms += held
        if held != case["scam"]:
            rules = ", ".join(f.rule for f in flags) or "no flags"
            misses.append(f"scam {case['title']!r} ({case['origin']}): {rules}")
    return caught / scams, false_alarms / genuine, misses


def type_figures() -> tuple[float, Misses]:
    right = 0
    misses: Misses = []
    cases = load("types.json")
    for case in cases:
        got = classify_type(type_field=case["type_field"], title=case["title"], text=case["text"])
        if got.value == case["expected"]:
            right += 1
        else:
            misses.append(f"type {case['title']!r}: {got.value}, expected {case['expected']}")
    return right / len(cases), misses


def pay_figures() -> tuple[float, Misses]:
    right = 0
    misses: Misses = []
    cases = load("pay.json")
    for case in cases:
        pay = parse_pay(case["text"])
        got = None
        if pay is not None:
            got = {
                "kind": pay.kind.value,
                "min": pay.min,
                "max": pay.max,
                "currency": pay.currency,
                "period": pay.period.value if pay.period else None,
            }
        if got == case["expected"]:
            right += 1
        else:
            misses.append(f"pay {case['text']!r}: {got}, expected {case['expected']}")
    return right / len(cases), misses


def effort_figures() -> tuple[float, Misses]:
    right = 0
    misses: Misses = []
    cases = load("effort.json")
    for case in cases:
        effort = parse_effort(case["text"])
        duration, weekly = effort.duration, effort.hours_per_week
        got = {
            "hours": duration.hours if duration else None,
            "weeks": duration.weeks if duration else None,
            "hours_per_week_min": weekly.min if weekly else None,
            "hours_per_week_max": weekly.max if weekly else None,
        }
        if got == case["expected"]:
            right += 1
        else:
            misses.append(f"effort {case['text']!r}: {got}, expected {case['expected']}")
    return right / len(cases), misses


def main(argv: list[str]) -> int:
    precision, recall, dedupe_misses = dedupe_figures()
    scam_recall, scam_fpr, scam_misses = scam_figures()
    type_accuracy, type_misses = type_figures()
    pay_accuracy, pay_misses = pay_figures()
    effort_accuracy, effort_misses = effort_figures()
    figures = {
        "dedupe_precision": precision,
        "dedupe_recall": recall,
        "scam_recall": scam_recall,
        "scam_fpr": scam_fpr,
        "type_accuracy": type_accuracy,
        "pay_accuracy": pay_accuracy,
        "effort_accuracy": effort_accuracy,
    }
    for name, value in figures.items():
        print(f"{name}: {value:.3f}")
    if "--verbose" in argv:
        for miss in [*dedupe_misses, *scam_misses, *type_misses, *pay_misses, *effort_misses]:
            print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

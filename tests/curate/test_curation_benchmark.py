"""The curation benchmark runs on the labelled set and meets the issue's targets."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import DATA, REPO

TARGETS = {
    "dedupe_precision": (">=", 0.98),
    "dedupe_recall": (">=", 0.9),
    "scam_recall": (">=", 0.9),
    "scam_fpr": ("<=", 0.05),
    "type_accuracy": (">=", 0.9),
    "pay_accuracy": (">=", 0.95),
    "effort_accuracy": (">=", 0.95),
}
MINIMUM_CASES = {
    "dedupe.json": 60,
    "scam.json": 40,
    "types.json": 60,
    "pay.json": 40,
    "effort.json": 40,
}


def test_labelled_set_is_big_enough_and_has_both_classes() -> None:
    for name, minimum in MINIMUM_CASES.items():
        cases = json.loads((DATA / "curation" / name).read_text(encoding="utf-8"))
        assert len(cases) >= minimum, name
    pairs = json.loads((DATA / "curation" / "dedupe.json").read_text(encoding="utf-8"))
    assert 0.3 < sum(p["duplicate"] for p in pairs) / len(pairs) < 0.7
    scams = json.loads((DATA / "curation" / "scam.json").read_text(encoding="utf-8"))
    real_negatives = [c for c in scams if not c["scam"] and c["origin"].startswith("fixture")]
    assert len(real_negatives) >= 20


def test_benchmark_prints_every_figure_and_meets_targets() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "curation.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    figures = dict(line.split(": ") for line in result.stdout.strip().splitlines())
    assert list(figures) == list(TARGETS)
    for name, (op, target) in TARGETS.items():
        value = float(figures[name])
        assert value >= target if op == ">=" else value <= target, f"{name}: {value}"

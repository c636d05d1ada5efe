"""Build speed at scale: a synthetic board of N listings against a plain MkDocs baseline.

    python3 benchmarks/build.py --listings 10000

Prints one ``name: value`` line per figure. The board build runs ``boardgen build`` in a
fresh process; ``peak_mb`` is the peak memory of it and the workers it forks together
(summed PSS), ``peak_process_mb`` that of its largest process alone (RSS). The baseline
is ``mkdocs build`` of the same project shape with N one-paragraph Markdown pages kept out
of the nav and out of search, which is the floor MkDocs + Material sets for N pages. Run by
hand on a quiet machine: the figures vary by 15-30 % between runs on a shared 2-core VM.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)

FIELDS = [
    "data-science", "marketing", "design", "software-engineering", "finance", "research",
    "writing", "nonprofit", "operations", "sales", "education", "health", "policy",
    "product", "communications", "sustainability", "legal", "hr", "media", "consulting",
]  # fmt: skip
SKILLS = ["Python", "Excel", "Figma", "SQL", "Writing", "Research", "Canva", "R", "SEO", "Sheets"]
TYPES = ["micro-internship", "internship", "fellowship", "research", "job-simulation"]
WORDS = [
    "analyse", "survey", "results", "prepare", "slides", "interview", "customers", "clean",
    "dataset", "draft", "report", "build", "dashboard", "review", "competitors", "write", "copy",
    "test", "prototype", "map", "stakeholders", "summarise", "findings", "present",
    "recommendations", "organise", "archive", "design", "poster", "plan", "campaign",
]  # fmt: skip


def synthetic_listing(index: int, rng: random.Random) -> dict[str, object]:
    org = f"Org {index % max(1, 200)} Collective"
    kind = rng.choice(TYPES)
    mode = rng.choice(["remote", "remote", "hybrid", "onsite"])
    listing: dict[str, object] = {
        "id": f"synthetic-{index:06d}",
        "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} project {index}",
        "organization": {"name": org, "url": f"https://org{index % 200}.example"},
        "apply_url": f"https://org{index % 200}.example/apply/{index}",
        "opportunity_type": kind,
        "categories": rng.sample(FIELDS, 2),
        "skills": rng.sample(SKILLS, 3),
        "work_mode": mode,
        "duration": {"hours": rng.choice([10, 20, 30, 40])},
        "compensation": {"kind": "hourly", "min": rng.choice([18, 20, 25]), "currency": "USD"},
        "deadline": (TODAY + dt.timedelta(days=rng.randint(1, 120))).isoformat(),
        "posted_at": (TODAY - dt.timedelta(days=rng.randint(0, 60))).isoformat(),
        "description": "\n\n".join(
            " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(4)
        ),
    }
    if mode != "remote":
        listing["locations"] = [{"city": "Springfield", "region": "IL", "country": "US"}]
    return listing


def copy_skeleton(target: Path) -> None:
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "site_config", target / "site_config")
    shutil.copytree(
        REPO / "content",
        target / "content",
        ignore=shutil.ignore_patterns("listings", "opportunities"),
    )
    (target / "content" / "listings").mkdir()


def make_board(target: Path, count: int) -> None:
    copy_skeleton(target)
    board = target / "site_config" / "board.yml"
    board.write_text(board.read_text().replace("include_examples: true", "include_examples: false"))
    rng = random.Random(20261122)
    folder = target / "content" / "listings"
    for index in range(count):
        data = synthetic_listing(index, rng)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (folder / f"{data['id']}.yml").write_text(text, encoding="utf-8")


def make_baseline(target: Path, count: int) -> None:
    copy_skeleton(target)
    folder = target / "content" / "opportunities"
    folder.mkdir()
    (folder / "index.md").write_text("# Open opportunities\n\nThe board.\n")
    (folder / "_home.html").write_text("<p>The home page's live part.</p>\n")
    for index in range(count):
        (folder / f"synthetic-{index:06d}.md").write_text(
            "---\nsearch:\n  exclude: true\n---\n\n"
            f"# Listing {index}\n\nA short paragraph about listing {index}.\n"
        )


def timed(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, the largest process's peak RSS (MB), and the peak memory of the
    whole process tree (MB): the sum of each process's PSS, sampled every 0.5 s.

    The build forks workers that share the parent's memory until they write to it, so
    summing RSS would count shared pages once per process; PSS splits each shared page
    among the processes that share it, so the sum is what the tree really holds.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    peak = [0]
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}")
    return seconds, usage.ru_maxrss / 1024, peak[0] / 1024


def _sample_tree(root: int, peak: list[int]) -> None:
    """Keep ``peak[0]``: the largest sum of PSS (KB) over ``root`` and its descendants."""
    while Path(f"/proc/{root}").exists():
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        total, todo = 0, [root]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        peak[0] = max(peak[0], total)
        time.sleep(0.5)  # reading smaps_rollup costs ~10 ms per large process


def site_figures(site: Path) -> tuple[float, float]:
    total = 0
    largest = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                largest = max(largest, size)
    return total / 1e6, largest / 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args()
    count: int = args.listings

    root = Path(tempfile.mkdtemp(prefix="boardgen-bench-"))
    board_dir, base_dir = root / "board", root / "baseline"
    board_dir.mkdir()
    base_dir.mkdir()
    make_board(board_dir, count)
    make_baseline(base_dir, count)

    build = [sys.executable, "-m", "boardgen", "--today", TODAY.isoformat(), "build"]
    full_s, process_mb, peak_mb = timed(build, board_dir)
    rebuild_s, rebuild_process_mb, rebuild_mb = timed(build, board_dir)
    site_mb, largest_kb = site_figures(board_dir / "site")
    baseline_s, _, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q"], base_dir)

    print(f"listings: {count}")
    print(f"full_build_s: {full_s:.1f}")
    print(f"rebuild_s: {rebuild_s:.1f}")
    print(f"ms_per_listing: {full_s * 1000 / max(count, 1):.2f}")
    print(f"site_mb: {site_mb:.1f}")
    print(f"largest_page_kb: {largest_kb:.1f}")
    print(f"peak_mb: {max(peak_mb, rebuild_mb):.0f}")
    print(f"peak_process_mb: {max(process_mb, rebuild_process_mb):.0f}")
    print(f"baseline_s: {baseline_s:.1f}")
    print(f"ratio: {full_s / baseline_s:.2f}")
    if args.keep:
        print(f"projects: {root}", file=sys.stderr)
    else:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()

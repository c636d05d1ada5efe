"""The board in the browser at scale: bytes, time to interactive, filter and search speed.

    python3 benchmarks/browser.py --listings 10000 [--lighthouse PATH/TO/lighthouse]

Builds benchmarks/build.py's synthetic board, serves it from 127.0.0.1 with gzip (as
static hosts such as GitHub Pages do), and drives Debian's Chromium with Playwright.
Prints one ``name: value`` line per figure:

* ``transfer_kb``: compressed bytes (bodies and headers) fetched from navigation start
  until the board is interactive (filters work and the first results show): the page,
  Material's CSS and JavaScript, board.js and the facet index.
* ``tti_ms``: that moment, from navigation start (performance.mark by board.js).
* ``filter_ms_median`` / ``filter_ms_p95``: one filter change, from the click to the new
  counts and the new cards in the page (card chunks fetched as needed).
* ``search_ms_median``: a query through the board's search index (boardgen/render/search.py),
  counted and shown, after a first query has loaded the index's list of shards (reported as
  ``search_first_ms``); half the queries are words in nearly every listing, half a number
  found in one title (each kind's median is printed too, and that of skill names, each on
  about 30 % of listings, which are not part of the overall median).
* ``lighthouse_<page>_<category>``: scores 0-100 for home, board and a listing page, when
  npm's ``lighthouse`` is found (``--lighthouse`` or on PATH; run with CHROME_PATH set to
  Debian's Chromium). Lighthouse applies its default mobile throttling.

Run it by hand; on the shared 2-core VM timings vary by 20 % or more between runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import REPO, SKILLS, TODAY, make_board

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".csv", ".mjs"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it, with keep-alive."""

    protocol_version = "HTTP/1.1"
    cache: dict[Path, bytes] = {}  # noqa: RUF012 - shared by design, one server per run

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        encoded = False
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, 6)
            body, encoded = self.cache[path], True
        self.send_response(200)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".mjs":
            kind = "text/javascript"
        self.send_header("Content-Type", kind)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(root: Path, count: int) -> Path:
    board_dir = root / "board"
    board_dir.mkdir()
    make_board(board_dir, count)
    # Local addresses only: the sample's github.io site and repository would be fetched
    # (repository facts, sitemap) and fail here, which Lighthouse counts against the page.
    # (board.yml refuses an IP address as site_url, so the board has none.)
    config = board_dir / "site_config" / "board.yml"
    lines = [
        line
        for line in config.read_text().splitlines()
        if not line.startswith(("site_url:", "repo_url:"))
    ]
    config.write_text("\n".join(lines) + "\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "boardgen", "--today", TODAY.isoformat(), "build"]
    subprocess.run(command, cwd=board_dir, env=env, check=True, stdout=subprocess.DEVNULL)
    return board_dir / "site"


def measure(base: str, rounds: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS[1:])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "opportunities/")
        page.wait_for_function(
            "() => performance.getEntriesByName('boardgen-interactive').length > 0",
            timeout=120_000,
        )
        figures["tti_ms"] = page.evaluate(
            "performance.getEntriesByName('boardgen-interactive')[0].startTime"
        )
        # Resource Timing's transferSize: bytes on the wire (compressed body and headers)
        # of the page and of everything it fetched before that moment.
        figures["transfer_kb"] = page.evaluate(TRANSFER_SCRIPT) / 1024
        figures.update(filter_times(page, rounds))
        figures.update(search_times(page, rounds))
        browser.close()
    return figures


TRANSFER_SCRIPT = """() => {
  const ready = performance.getEntriesByName('boardgen-interactive')[0].startTime;
  const entries = performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'));
  return entries.filter(e => e.responseEnd <= ready)
    .reduce((sum, e) => sum + e.transferSize, 0);
}"""

FILTER_SCRIPT = """async ([key, index]) => {
  const board = window.boardgenBoard.current;
  const boxes = document.querySelectorAll(`.bg-facet[data-facet="${key}"] input`);
  const box = boxes[index % boxes.length];
  const start = performance.now();
  box.click();
  await board.listDone;
  return performance.now() - start;
}"""

SEARCH_SCRIPT = """async (word) => {
  const board = window.boardgenBoard.current;
  const start = performance.now();
  board.state.q = word;
  await board.apply(false);
  await board.listDone;
  return performance.now() - start;
}"""


def filter_times(page: Any, rounds: int) -> dict[str, float]:
    keys = ["type", "field", "mode", "pay", "effort", "deadline", "year", "degree", "posted"]
    times = []
    for n in range(rounds):
        key = keys[n % len(keys)]
        times.append(page.evaluate(FILTER_SCRIPT, [key, n // len(keys)]))
    times.sort()
    return {
        "filter_ms_median": statistics.median(times),
        "filter_ms_p95": times[min(len(times) - 1, int(len(times) * 0.95))],
    }


def search_times(page: Any, rounds: int) -> dict[str, float]:
    page.evaluate("() => document.querySelector('.bg-clear').click()")
    count = page.evaluate("window.boardgenBoard.current.n")
    first = page.evaluate(SEARCH_SCRIPT, "competitors")
    # The synthetic text repeats 31 words, so each of them is in almost every listing: the
    # longest lists of matches to read. A listing's number is in one title.
    common = ["dashboard", "survey", "poster", "campaign", "stakeholders", "prototype"]
    # Each skill is on about 30 % of the listings: closer to what a student types.
    skills = [skill.lower() for skill in SKILLS if len(skill) > 2]
    times: dict[str, list[float]] = {"common": [], "rare": [], "skill": []}
    for n in range(rounds):
        # A new query each time (a repeated one is answered from the last result).
        times["common"].append(page.evaluate(SEARCH_SCRIPT, common[n % len(common)]))
        page.evaluate(SEARCH_SCRIPT, "")
        times["rare"].append(page.evaluate(SEARCH_SCRIPT, str((n * 7919) % count)))
        page.evaluate(SEARCH_SCRIPT, "")
        times["skill"].append(page.evaluate(SEARCH_SCRIPT, skills[n % len(skills)]))
        page.evaluate(SEARCH_SCRIPT, "")
    return {
        "search_first_ms": first,
        "search_ms_median": statistics.median(times["common"] + times["rare"]),
        "search_common_word_ms_median": statistics.median(times["common"]),
        "search_rare_word_ms_median": statistics.median(times["rare"]),
        "search_skill_word_ms_median": statistics.median(times["skill"]),
    }


def lighthouse(binary: str, base: str, site: Path) -> dict[str, float]:
    listing = next(path.name for path in (site / "opportunities").glob("synthetic-*/"))
    targets = {
        "home": base,
        "board": f"{base}opportunities/",
        "listing": f"{base}opportunities/{listing}/",
    }
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    scores: dict[str, float] = {}
    for name, url in targets.items():
        done = subprocess.run(
            [
                binary,
                url,
                "--output=json",
                "--quiet",
                f"--chrome-flags={' '.join(FLAGS)}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=600,
        )
        if done.returncode != 0:
            print(f"lighthouse failed on {url}: {done.stderr[-500:]}", file=sys.stderr)
            continue
        report = json.loads(done.stdout)
        for category, result in report["categories"].items():
            score = result.get("score")
            scores[f"lighthouse_{name}_{category.replace('-', '_')}"] = (
                -1 if score is None else round(score * 100)
            )
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=40, help="filter changes and searches")
    parser.add_argument("--lighthouse", help="the lighthouse command (default: on PATH)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    parser.add_argument("--site", type=Path, help="measure this built site (no build)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="boardgen-browser-bench-"))
    port = free_port()
    site = args.site or prepare(root, args.listings)
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    try:
        figures = {"listings": float(args.listings), **measure(base, args.rounds)}
        binary = args.lighthouse or shutil.which("lighthouse")
        if binary:
            figures.update(lighthouse(binary, base, site))
        else:
            print("lighthouse not found: no lighthouse_* figures", file=sys.stderr)
    finally:
        server.shutdown()
    for name, value in figures.items():
        print(
            f"{name}: {value:.0f}"
            if name.startswith(("lighthouse", "listings"))
            else f"{name}: {value:.1f}"
        )
    if args.keep:
        print(f"project: {root}", file=sys.stderr)
    else:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()

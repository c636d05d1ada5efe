"""Shared fixtures: a copy of the bundled sample board, and running the real CLI."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fetchserver import FetchServer

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
#: A fixed "today" so results do not depend on when the tests run.
TODAY = dt.date(2026, 11, 22)
BOARD_PARTS = ("mkdocs.yml", "site_config", "content", "schemas", "data")


def copy_board(dest: Path) -> Path:
    """Copy the sample board (not its generated pages or built site) to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in BOARD_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("opportunities"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def board(tmp_path: Path) -> Path:
    return copy_board(tmp_path / "board")


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``python -m boardgen`` for real, in a project directory, with today pinned."""

    def run(project: Path, *args: str, today: dt.date = TODAY) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "boardgen",
                "-C",
                str(project),
                "--today",
                today.isoformat(),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    return run


def write_listing(board: Path, name: str, text: str) -> Path:
    path = board / "content" / "listings" / name
    path.write_text(text, encoding="utf-8")
    return path


class HtmlCollector(HTMLParser):
    """Tags, links and inline script text of a page (the standard library's parser)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.data_scripts: list[str] = []
        self._in_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        self._in_script = None
        if tag == "script":
            # JSON-LD is data, not code: kept apart so tests can tell the two apart.
            kind = values.get("type") or ""
            self._in_script = "data" if kind == "application/ld+json" else "code"

    def handle_data(self, data: str) -> None:
        if self._in_script == "code":
            self.scripts.append(data)
        elif self._in_script == "data":
            self.data_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = None


def parse_html(path: Path) -> HtmlCollector:
    parser = HtmlCollector()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample board, built once for the session; tests must not change it."""
    board = copy_board(tmp_path_factory.mktemp("built") / "board")
    subprocess.run(
        [sys.executable, "-m", "boardgen", "-C", str(board), "--today", TODAY.isoformat(), "build"],
        check=True,
        capture_output=True,
    )
    return board


@pytest.fixture
def server() -> Iterator[FetchServer]:
    """A real HTTP server on 127.0.0.1 that serves the replies a test sets."""
    srv = FetchServer().start()
    yield srv
    srv.stop()


#: A contributed listing that trips several scam rules (deposit, check, wire, chat-only).
SCAM_LISTING = """\
id: quickcash-data-entry
title: Remote data entry assistant
organization:
  name: Quickcash Partners
  url: https://quickcash-partners.example
apply_url: https://quickcash-partners.example/apply
opportunity_type: internship
work_mode: remote
compensation: {kind: hourly, min: 35, currency: USD}
posted_at: 2026-11-20
deadline: 2027-01-10
description: |
  Join our team from home. Before you start you must pay a refundable deposit of $50 for
  your starter kit. We will mail you a check: deposit the check and send the remaining
  balance to our equipment vendor by wire transfer. Interviews are held over Telegram.
"""

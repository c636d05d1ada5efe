"""Shared fixtures: a copy of the bundled sample board, and running the real CLI."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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

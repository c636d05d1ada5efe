"""The code stays lint-clean and strictly typed (ruff, mypy --strict)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "boardgen", "scrapers", "tests"],
        [sys.executable, "-m", "ruff", "format", "--check", "boardgen", "scrapers"],
        [sys.executable, "-m", "mypy", "boardgen", "scrapers"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_is_clean(command: list[str]) -> None:
    assert shutil.which(command[0])
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

"""`boardgen serve`: the live preview picks up edits to contributed listings (real server)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import TODAY, write_listing


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(check: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def server(board: Path, tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "boardgen", "-C", str(board), "--today", TODAY.isoformat()]
    with log.open("w") as stderr:
        proc = subprocess.Popen(
            [*command, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=stderr
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            assert _wait_for(lambda: _get(base) is not None), "serve did not start"
            yield board, base, log
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def test_editing_a_listing_updates_the_preview(server: tuple[Path, str, Path]) -> None:
    board, base, _ = server
    url = base + "opportunities/riverbend-survey-analysis/"
    assert "Survey data analysis micro-internship" in (_get(url) or "")
    listing = board / "content/listings/riverbend-survey-analysis.yml"
    listing.write_text(listing.read_text().replace("Survey data analysis", "Survey crunching"))
    assert _wait_for(lambda: "Survey crunching micro-internship" in (_get(url) or ""), 30)
    assert "Survey crunching" in (_get(base + "opportunities/") or "")


def test_a_broken_listing_keeps_the_last_good_preview(server: tuple[Path, str, Path]) -> None:
    board, base, log = server
    write_listing(board, "broken.yml", "id: broken\ntitle: [oops\n")
    listing = board / "content/listings/riverbend-survey-analysis.yml"
    listing.write_text(listing.read_text().replace("Survey data analysis", "Never shown"))
    assert _wait_for(lambda: "content/listings/broken.yml:3:1" in log.read_text(), 30)
    page = _get(base + "opportunities/riverbend-survey-analysis/") or ""
    assert "Survey data analysis micro-internship" in page and "Never shown" not in page
    assert "still serving the last good build" in log.read_text()

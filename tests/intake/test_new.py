"""`boardgen new`: a listing file with every field present, valid once filled in."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import RunCli

from boardgen.model import ListingInput


def _optional_uncommented(text: str) -> str:
    head, optional = text.split("# --- optional", 1)
    lines = optional.splitlines()[1:]
    return head + "\n".join(re.sub(r"^# ", "", line) for line in lines) + "\n"


def test_new_from_flags_writes_a_file_that_validates(board: Path, run_cli: RunCli) -> None:
    result = run_cli(
        board,
        "new",
        "--title",
        'Survey "analysis": sprint\nstatus: closed',
        "--organization",
        "Acme: Labs",
        "--apply-url",
        "https://acme.example/apply",
        "--type",
        "micro-internship",
        "--work-mode",
        "remote",
    )
    assert result.returncode == 0, result.stderr
    path = board / "content/listings/acme-labs-survey-analysis-sprint-status-closed.yml"
    data = yaml.safe_load(path.read_text())
    # The hostile title stays inside its own field instead of setting status.
    assert data["title"] == 'Survey "analysis": sprint\nstatus: closed'
    assert "status" not in data
    assert data["organization"] == {"name": "Acme: Labs"}
    check = run_cli(board, "validate")
    assert check.returncode == 0
    # The untouched placeholder description is flagged, so it is not published as is.
    assert "acme-labs-survey-analysis-sprint-status-closed.yml" in check.stdout
    assert "description: only" in check.stdout


def test_every_field_is_present_and_the_commented_examples_are_valid(
    board: Path, run_cli: RunCli
) -> None:
    run_cli(board, "new", "demo-listing", "--title", "Demo", "--organization", "Demo Org",
            "--apply-url", "https://demo.example/a", "--type", "internship",
            "--work-mode", "hybrid")  # fmt: skip
    text = (board / "content/listings/demo-listing.yml").read_text()
    written = set(re.findall(r"^#? ?([a-z_]+):", text, flags=re.MULTILINE))
    assert set(ListingInput.model_fields) <= written
    data = yaml.safe_load(_optional_uncommented(text))
    data["description"] = "A real description. " * 10
    listing = ListingInput.model_validate(data)
    assert listing.compensation is not None and listing.locations


def test_new_refuses_to_overwrite_and_bad_ids(board: Path, run_cli: RunCli) -> None:
    args = ("--title", "X role", "--organization", "X")
    assert run_cli(board, "new", "x-role", *args).returncode == 0
    again = run_cli(board, "new", "x-role", *args)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    bad = run_cli(board, "new", "X Role!", *args)
    assert bad.returncode == 1
    assert "not a valid id" in bad.stderr and "x-role" in bad.stderr
    nothing = run_cli(board, "new")
    assert nothing.returncode == 1 and "give the listing an id" in nothing.stderr


def test_new_asks_for_what_is_missing_on_a_terminal(board: Path) -> None:
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    from conftest import TODAY

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "boardgen", "-C", str(board), "--today", str(TODAY), "new",
         "--title", "Grant research sprint"],
        stdin=follower, stdout=follower, stderr=follower, close_fds=True,
    )  # fmt: skip
    os.close(follower)
    answers = ["Hollow Oak Trust", "https://hollow-oak.example/apply", "", "remote", ""]
    seen = b""
    deadline = time.monotonic() + 60
    while answers and time.monotonic() < deadline:
        if not select.select([leader], [], [], 1.0)[0]:
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the command ended before all questions were asked
            break
        seen += chunk
        if chunk.rstrip().endswith((b":", b"]")):
            os.write(leader, answers.pop(0).encode() + b"\r")
    try:
        proc.wait(timeout=60)
    finally:
        proc.kill()
        os.close(leader)
    assert proc.returncode == 0, seen.decode(errors="replace")
    assert b"Organization" in seen and b"Apply URL" in seen
    data = yaml.safe_load(
        (board / "content/listings/hollow-oak-trust-grant-research-sprint.yml").read_text()
    )
    assert data["organization"]["name"] == "Hollow Oak Trust"
    assert data["opportunity_type"] == "micro-internship"  # the offered default
    assert data["work_mode"] == "remote"

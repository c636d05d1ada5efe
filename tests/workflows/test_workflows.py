"""The GitHub Actions workflows: linted by zizmor and actionlint, and hardened as documented."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses: (\S+) # v\d+\.\d+\.\d+$")


def tool(name: str) -> str:
    """A linter from the test extra (pip install -e '.[test]'), beside this Python or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run python3 -m pip install -e '.[test]'")
    return found


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key 'on' as True (YAML 1.1).
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", str(GITHUB)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_finds_nothing_with_shellcheck_on_the_run_scripts() -> None:
    shellcheck = tool("shellcheck")
    result = subprocess.run(
        [tool("actionlint"), "-shellcheck", shellcheck, *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_scripts_pass_shellcheck() -> None:
    scripts = sorted((REPO / "scripts").glob("*.sh"))
    assert scripts
    result = subprocess.run(
        [tool("shellcheck"), *map(str, scripts)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_is_hardened(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}, "top-level permissions: {} (jobs ask for their own)"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} declares its permissions"
        assert "timeout-minutes" in job, f"job {name} has a timeout"
    text = path.read_text(encoding="utf-8")
    for step in steps(workflow):
        if "uses" in step:
            assert PIN.match(step["uses"]), f"{step['uses']} is not pinned to a full commit SHA"
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
            assert "ref" not in step["with"], "workflows check out their own event's commit"
        # Expressions in a script are pasted in before the shell parses it: pass values
        # through env: instead.
        assert "${{" not in step.get("run", ""), f"expression in run: of {path.name}"
    uses_lines = [line.strip() for line in text.splitlines() if "uses: " in line]
    for line in uses_lines:
        assert VERSION_COMMENT.search(line.removeprefix("- ")), f"no '# vX.Y.Z' comment: {line}"


def test_update_workflow_schedule_dispatch_concurrency_and_pages() -> None:
    update = load(GITHUB / "workflows" / "update.yml")
    assert len(update["on"]["schedule"]) == 1
    assert "workflow_dispatch" in update["on"]
    assert update["concurrency"] == {"group": "board-update", "cancel-in-progress": False}
    sharded = load(GITHUB / "workflows" / "update-sharded.yml")
    assert sharded["concurrency"] == update["concurrency"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(update)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact"):
        assert action in uses
    deploy = update["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    runs = "\n".join(step.get("run", "") for step in steps(update))
    assert 'bash scripts/update-job.sh "$RUNNER_TEMP/changelog.txt"' in runs
    assert 'git commit --quiet --file "$RUNNER_TEMP/changelog.txt"' in runs
    assert "git add data/" in runs
    matrix = sharded["jobs"]["fetch"]["strategy"]["matrix"]["shard"]
    assert matrix == list(range(1, int(sharded["jobs"]["fetch"]["env"]["SHARDS"]) + 1))


def test_pull_request_checks_never_run_pr_code_with_write_access() -> None:
    check = load(GITHUB / "workflows" / "check.yml")
    assert list(check["on"]) == ["pull_request"]
    for job in check["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    comment = load(GITHUB / "workflows" / "check-comment.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [check["name"]]
    job = comment["jobs"]["comment"]
    assert job["permissions"]["pull-requests"] == "write"
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "^[1-9][0-9]{0,9}$" in runs  # the PR number from the artifact must be a number
    assert "pull-requests: write" not in (GITHUB / "workflows" / "check.yml").read_text()


def test_dependabot_and_codeowners_cover_actions_pip_and_code_paths() -> None:
    dependabot = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"github-actions", "pip"}
    owners = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    from boardgen.intake.prreport import CODE_PATHS

    for path in CODE_PATHS:
        assert re.search(rf"^/{re.escape(path)}\s+@", owners, re.M), path

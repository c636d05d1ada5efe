"""Pages rendered by several processes (boardgen.site.mkbuild): same site, same strictness."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, TODAY, RunCli, copy_board, write_listing

from boardgen.site.build import STAMP


def _tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != STAMP  # the stamp holds this copy's paths
    }


#: A title with what HTML, YAML and Jinja treat specially: the header shared among
#: generated pages (boardgen.site.mkbuild.SharedBlocks) must print it as a full render does.
ODD_TITLE_LISTING = """\
id: odd-title
title: "R&D <intern> \\"Ünïcødé\\" {{ page.title }} {% raw %} ${x} 'q' & more"
organization: Odd & Co
apply_url: https://odd.example/apply
opportunity_type: internship
categories: [research]
work_mode: remote
deadline: 2027-01-15
posted_at: 2026-11-20
description: Odd title, ordinary work.
"""


def test_pages_split_among_processes_make_the_same_site(tmp_path: Path, run_cli: RunCli) -> None:
    alone = copy_board(tmp_path / "alone")
    shared = copy_board(tmp_path / "shared")
    for board in (alone, shared):
        write_listing(board, "odd-title.yml", ODD_TITLE_LISTING)
    one = run_cli(alone, "build", "--workers", "1")
    three = run_cli(shared, "build", "--workers", "3")
    assert one.returncode == 0, one.stderr
    assert three.returncode == 0, three.stderr
    assert "by 3 processes" in three.stderr
    assert "processes" not in one.stderr
    serial, parallel = _tree(alone / "site"), _tree(shared / "site")
    assert len(serial) > 150
    assert sorted(parallel) == sorted(serial)
    differ = [name for name in serial if serial[name] != parallel[name]]
    assert differ == []
    assert "R&amp;D" in parallel["opportunities/odd-title/index.html"].decode()
    # Material's search index is gathered from every process, in page order.
    assert '"location":"guide/applying/"' in parallel["search/search_index.json"].decode()


def _page_with_bad_links(number: int) -> str:
    return textwrap.dedent(
        f"""\
        # Extra page {number}

        ## Real heading

        [The next page's heading](p{number + 1}.md#real-heading),
        [a heading it does not have](p{number + 1}.md#no-such-heading),
        [a page that is not there](missing-{number}.md).
        """
    )


def _warnings(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith("mkdocs WARNING"))


def test_warnings_from_every_process_fail_a_strict_build(tmp_path: Path, run_cli: RunCli) -> None:
    boards = [copy_board(tmp_path / "one"), copy_board(tmp_path / "two")]
    for board in boards:
        extra = board / "content" / "extra"
        extra.mkdir()
        for number in range(1, 5):
            (extra / f"p{number}.md").write_text(_page_with_bad_links(number), encoding="utf-8")
        (extra / "p5.md").write_text("# Extra page 5\n\n## Real heading\n", encoding="utf-8")
    one = run_cli(boards[0], "build", "--workers", "1")
    two = run_cli(boards[1], "build", "--workers", "2")
    for board, result in zip(boards, (one, two), strict=True):
        assert result.returncode != 0
        assert "Aborted with 8 warnings in strict mode!" in result.stderr
        assert not (board / "site" / STAMP).exists()
    shared = _warnings(two.stderr)
    assert shared == _warnings(one.stderr)
    for number in range(1, 5):
        assert any(f"'extra/missing-{number}.md'" in line for line in shared)
        assert any(
            f"'extra/p{number}.md'" in line and "#no-such-heading" in line for line in shared
        )
    # Anchors on pages another process rendered are found: no warning for them.
    assert not any("#real-heading" in line for line in shared)


def test_a_page_that_fails_in_a_worker_fails_the_build_clearly(
    board: Path, run_cli: RunCli
) -> None:
    (board / "content" / "broken.md").write_text(
        "---\ntemplate: no-such-template.html\n---\n\n# Broken\n", encoding="utf-8"
    )
    result = run_cli(board, "build", "--workers", "2")
    assert result.returncode != 0
    assert "error: MkDocs could not build the site" in result.stderr
    assert "no-such-template.html" in result.stderr
    assert "Error building page 'broken.md'" in result.stderr
    assert not (board / "site" / STAMP).exists()  # the next build starts again


#: Builds the board in argv[1] in a process of its own with two workers, after ``setup``.
BUILD_SCRIPT = """
import datetime as dt, os, signal, sys, threading
from pathlib import Path
import mkdocs.commands.build as mkdocs_build
from boardgen.site.build import build_site
from boardgen.errors import BuildError
from boardgen.config.project import Project
{setup}
try:
    report = build_site(Project.open(Path(sys.argv[1])), today=dt.date.fromisoformat(sys.argv[2]),
                        workers=2)
except BuildError as exc:
    print(f"BuildError: {{exc}}")
    sys.exit(3)
print(f"processes={{report.processes}}")
"""


def _build_with(board: Path, setup: str) -> subprocess.CompletedProcess[str]:
    script = BUILD_SCRIPT.format(setup=textwrap.dedent(setup))
    return subprocess.run(
        [sys.executable, "-c", script, str(board), TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=False,
    )


@pytest.mark.parametrize(
    ("module", "function", "argument"),
    [
        # Rendering one guidance page in MkDocs' half of the build.
        ("boardgen.site.mkbuild", "_build_page", "args[0].file.src_uri == 'guide/applying.md'"),
        # Writing the second share of listing pages in boardgen's half.
        ("boardgen.site.generate", "_per_listing", "args[2] == 1"),
    ],
)
def test_a_worker_killed_midway_fails_the_build(
    board: Path, module: str, function: str, argument: str
) -> None:
    # As the kernel's out-of-memory killer would: no report, no clean exit.
    result = _build_with(
        board,
        f"""
        import {module} as target
        original = target.{function}
        def dying(*args, **kwargs):
            if {argument}:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)
        target.{function} = dying
        """,
    )
    assert result.returncode == 3, result.stderr
    assert "BuildError:" in result.stdout
    assert "worker process was killed by signal 9 before it reported" in result.stdout
    assert not (board / "site" / STAMP).exists()


def test_with_other_threads_running_mkdocs_builds_alone(board: Path) -> None:
    # Forking a process with other threads could copy a lock one of them holds.
    result = _build_with(
        board,
        """
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        """,
    )
    assert result.returncode == 0, result.stderr
    assert "processes=1" in result.stdout
    assert (board / "site" / "guide" / "applying" / "index.html").is_file()

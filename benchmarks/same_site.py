"""Does this tree build the same sites as another commit? (For changes that move code.)

Builds three boards with the engine of ``--against REF`` (a git ref, checked out into a
temporary worktree) and with this tree's engine, from the same inputs, and compares every
built file byte for byte. The boards: the bundled sample board, a synthetic board of
``--listings`` listings (the build benchmark's generator) and a board made by ``init``.
The build stamp (``.boardgen-build``) holds paths and mtimes, so it always differs and is
left out. Exits 1 and lists the differing files when any file differs.

    python3 benchmarks/same_site.py --against main --listings 1000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import make_board

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
IGNORED = {".boardgen-build"}


def sample_board(target: Path) -> None:
    for part in ("mkdocs.yml", "site_config", "content", "data"):
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("opportunities"))
        else:
            shutil.copy2(src, target / part)


def init_board(target: Path) -> None:
    # Made once by this tree's `init`, then copied, so both engines build the same input.
    subprocess.run(
        [sys.executable, "-m", "boardgen", "init", str(target), "--name", "Riverbend Board",
         "--campus", "Riverbend College", "--site-url", "https://board.example.edu/"],
        check=True, capture_output=True, env=_env(REPO), stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _env(engine: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(engine)
    return env


def build(engine: Path, board: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "boardgen", "-C", str(board), "--today", TODAY, "build"],
        capture_output=True, text=True, env=_env(engine), check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"build with {engine} failed:\n{result.stderr}")
    site = board / "site"
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name not in IGNORED
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="git ref to compare with")
    parser.add_argument("--listings", type=int, default=1000)
    args = parser.parse_args()
    boards: dict[str, Callable[[Path], None]] = {
        "sample": sample_board,
        f"synthetic-{args.listings}": lambda target: make_board(target, args.listings),
        "init": init_board,
    }
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(base), args.against],
            check=True, capture_output=True,
        )  # fmt: skip
        try:
            for name, make in boards.items():
                inputs = Path(tmp) / f"{name}-input"
                inputs.mkdir()
                make(inputs) if name != "init" else make(inputs / "board")
                source = inputs if name != "init" else inputs / "board"
                sites = []
                for label, engine in (("base", base), ("tree", REPO)):
                    board = Path(tmp) / f"{name}-{label}"
                    shutil.copytree(source, board)
                    sites.append(build(engine, board))
                before, after = sites
                changed = sorted(
                    path for path in before.keys() | after.keys()
                    if before.get(path) != after.get(path)
                )  # fmt: skip
                differ += len(changed)
                print(f"{name}: {len(after)} files, {len(changed)} differ")
                for path in changed[:20]:
                    how = (
                        "missing"
                        if path not in after
                        else "new"
                        if path not in before
                        else "changed"
                    )
                    print(f"  {path}: {how}")
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)],
                check=False, capture_output=True,
            )  # fmt: skip
    print(f"differing_files: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())

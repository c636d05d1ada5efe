"""What ``boardgen update`` adds to a build: the before/after snapshots for the change log.

    python3 benchmarks/update.py --listings 10000

With no sources to fetch, ``update --no-build`` is two loads of the board plus the
comparison; ``export`` (one load) is the yardstick. Prints ``name: value`` lines. Run by
hand on a quiet machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import TODAY, make_board, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=1000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="boardgen-bench-update-"))
    try:
        make_board(root, args.listings)
        base = [sys.executable, "-m", "boardgen", "--today", TODAY.isoformat()]
        load_s, _, _ = timed([*base, "export"], root)
        update_s, _, peak_mb = timed([*base, "update", "--no-build", "--json"], root)
        print(f"listings: {args.listings}")
        print(f"one_board_load_s: {load_s:.1f}")
        print(f"update_no_build_s: {update_s:.1f}")
        print(f"update_overhead_vs_one_load: {update_s / load_s:.2f}")
        print(f"update_peak_mb: {peak_mb:.0f}")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()

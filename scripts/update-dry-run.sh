#!/usr/bin/env bash
# Reproduce the scheduled update job locally: everything but the commit and the deploy.
#
# In a throwaway copy of this checkout (committed files plus your uncommitted edits, as a
# fresh git repository, like the job's clean checkout) it runs the job's step
# (scripts/update-job.sh: boardgen update, then "did data/ change?"), then shows the commit
# the job would make and the site it would deploy. Your own data/ and site/ are untouched.
#
# Usage: scripts/update-dry-run.sh [--keep] [boardgen update options...]
#   --keep    keep the copy (its path is printed) to look at the data and the site
#   BOARDGEN_TODAY=YYYY-MM-DD pins the date; PYTHON picks the interpreter (python3).
set -euo pipefail

keep=false
if [ "${1:-}" = "--keep" ]; then
  keep=true
  shift
fi
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/boardgen-dry-run.XXXXXX")
if [ "$keep" = false ]; then
  trap 'rm -rf "$work"' EXIT
fi

# Copy what git knows about (tracked and not ignored), skipping files deleted locally.
git -C "$root" ls-files -z --cached --others --exclude-standard |
  "${PYTHON:-python3}" -c '
import shutil, sys
from pathlib import Path
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
for name in sys.stdin.buffer.read().decode().split("\0"):
    path = src / name
    if name and path.is_file():
        (dst / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dst / name)
' "$root" "$work/board"

cd "$work/board"
git init --quiet
git add --all
git -c user.name=dry-run -c user.email=dry-run@localhost commit --quiet -m "dry-run baseline"

echo "== the update job's step (scripts/update-job.sh) ==" >&2
output=$(mktemp)
GITHUB_OUTPUT=$output bash scripts/update-job.sh "$work/changelog.txt" "$@"

echo >&2
if grep -qx 'changed=true' "$output"; then
  echo "== the job would commit data/ with this message ==" >&2
  cat "$work/changelog.txt" >&2
  git status --short -- data/ >&2
else
  echo "== data/ did not change: the job would not commit ==" >&2
fi
rm -f "$output"
if [ -f site/index.html ]; then
  files=$(find site -type f | wc -l)
  echo "== the job would deploy site/ ($files files) to GitHub Pages ==" >&2
else
  echo "== no site was built: the job would have nothing to deploy ==" >&2
fi
if [ "$keep" = true ]; then
  echo "kept: $work/board (site: $work/board/site)" >&2
fi

#!/usr/bin/env bash
# The scheduled update job's own work, shared by .github/workflows/update.yml (and
# update-sharded.yml) and scripts/update-dry-run.sh, so the dry run does what the job does:
# run 'boardgen update' (fetch or merge, curate, build), then say whether data/ changed.
#
# Usage: scripts/update-job.sh CHANGELOG_FILE [boardgen update options...]
# Writes changed=true|false to $GITHUB_OUTPUT when that is set (GitHub Actions).
set -euo pipefail

if [ "$#" -lt 1 ]; then
  echo "usage: $0 CHANGELOG_FILE [boardgen update options...]" >&2
  exit 2
fi
changelog=$1
shift

"${PYTHON:-python3}" -m boardgen update --changelog "$changelog" "$@"

if [ -n "$(git status --porcelain -- data/)" ]; then
  changed=true
else
  changed=false
fi
echo "data/ changed: $changed" >&2
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "changed=$changed" >>"$GITHUB_OUTPUT"
fi

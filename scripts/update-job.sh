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

# Lines of data/ that every run rewrites: when a source was tried and last fetched.
routine='^[-+] *"(last_attempt_at|last_success_at|checked_at)": '

if [ -z "$(git status --porcelain -- data/)" ]; then
  changed=false
elif [ -n "$(git ls-files --others --exclude-standard -- data/)" ] ||
  git diff --unified=0 -- data/ | grep -E '^[-+] ' | grep -v -q -E "$routine"; then
  changed=true
else
  # Only those times moved. The deployed site shows them anyway; the history keeps one such
  # commit a day (so a later failure's "last checked" is at most a day behind), not four.
  today=${BOARDGEN_TODAY:-$(date -u +%F)}
  last=$(TZ=UTC git log -1 --format=%cd --date=format-local:%F -- data/)
  if [ "$last" = "$today" ]; then
    changed=false
    echo "data/ changed only in check times, and was committed today: no commit" >&2
  else
    changed=true
  fi
fi
echo "data/ changed: $changed" >&2
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "changed=$changed" >>"$GITHUB_OUTPUT"
fi

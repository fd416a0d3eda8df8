#!/usr/bin/env bash
# Fail when nbdev_export or nbdev_clean would change the working tree: the notebooks are the source,
# meanshift_nb/ must be their export, and committed notebooks must be clean.
set -euo pipefail
bin=${1:-.venv/bin}
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "not a git checkout: skipping the export/clean sync check"; exit 0
fi
snapshot() { git status --porcelain --untracked-files=all -- nbs meanshift_nb README.md; git diff -- nbs meanshift_nb; }
before=$(snapshot)
"$bin/nbdev_export"
"$bin/nbdev_clean"
after=$(snapshot)
if [ "$before" != "$after" ]; then
  echo "nbdev_export/nbdev_clean changed files: run them and commit the result." >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
echo "nbdev_export and nbdev_clean leave the tree unchanged."

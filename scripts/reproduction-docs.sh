#!/usr/bin/env bash
# Rewrites docs/reproduction/ (the tables, JSON, PDF report and figures docs/REPRODUCTION.md and the
# README quote) from the study's run folders, with the commands the docs name. The runs come from
#   build/app/mop sweep paper-small --out RUNS/paper-small --jobs 2
#   build/app/mop sweep paper-small-reference --out RUNS/paper-small-reference --jobs 2
# Usage: scripts/reproduction-docs.sh [RUNS]   (default: runs). The evaluations under ablation are
# cached in each run, so a second pass takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs}
mop=build/app/mop
out=docs/reproduction
mkdir -p "$out"
for study in paper-small paper-small-reference; do
  [[ -d "$runs/$study" ]] || { echo "no $runs/$study: run its sweep first (see the top of this script)" >&2; exit 1; }
  "$mop" analyze --paper --runs "$runs/$study" > "$out/$study.txt"
  "$mop" analyze --paper --runs "$runs/$study" --json > "$out/$study.json"
  "$mop" report --runs "$runs/$study" --out "$out/$study-report.pdf" > /dev/null
done
"$mop" export --paper --runs "$runs/paper-small" --out "$out/paper-small-figures" --format png --dpi 150 > /dev/null
echo "wrote $out"

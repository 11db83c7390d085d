#!/usr/bin/env bash
# The README's studio screenshots, taken under Xvfb from finished runs:
#   scripts/readme-images.sh RUNS [WIDTHxHEIGHT] [OUT]
# RUNS is a folder of runs from `mop sweep paper-small` (its mop/seed-1 is the run shown tab by tab,
# the whole folder fills the Runs tab). Default size 1600x900, default OUT docs/images/studio.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:?usage: scripts/readme-images.sh RUNS [WIDTHxHEIGHT] [OUT]}
size=${2:-1600x900}
out=${3:-docs/images/studio}
studio=build/app/mop-studio
[ -x "$studio" ] || { echo "readme-images: build first (scripts/build.sh)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "readme-images: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }
run="$runs/mop/seed-1"
[ -f "$run/config.json" ] || { echo "readme-images: $run is not a run (expected a paper-small sweep folder)" >&2; exit 1; }
mkdir -p "$out"
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
capture() { xvfb-run -a -s "-screen 0 ${size}x24" "$studio" --size "$size" "$@"; }
# Every tab of one run, with the large expert of layer 1 switched off (its effect shows where it is made).
capture --browse "$run" --disable-experts 1:2 --screenshot-dir "$shots"
for tab in curves routing pathways ablation clusters tasks; do cp "$shots/$tab.png" "$out/$tab.png"; done
capture --browse "$run" --largest-off --tab complexity --screenshot "$out/complexity.png" --frames 30
# The Runs tab comparing the sweep's runs, grouped by condition.
capture --runs "$runs" --screenshot "$out/runs.png" --frames 30
capture --browse "$run" --disable-experts 1:2 --tab pathways --theme light --screenshot "$out/pathways-light.png" --frames 30
# The gated linear family simulated from the run panel (shown at its end: the shot waits for it).
capture --family gated-linear --preset fig2-flexible --start --speed 0 --out "$shots/gated-fig2" \
  --screenshot "$out/gated-live.png" --frames 10
echo "readme-images: wrote $(ls "$out" | wc -l) images into $out at $size"

#!/usr/bin/env bash
# The studio's frame rate under Xvfb (this machine's software renderer), per tab: while the quick
# preset trains on one core, and (the baseline) drawing the same run with nothing training.
#   bench/studio_fps.sh [SECONDS_PER_MEASUREMENT]     (needs a build: scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
studio="${MOP_BUILD_DIR:-build}/app/mop-studio"
[[ -x "$studio" ]] || { echo "studio_fps: build first ($studio is missing)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

measure() {  # prints the fps of one measurement
    xvfb-run -a -s '-screen 0 1600x900x24' "$studio" --size 1600x900 "$@" --measure-fps "$seconds" \
        | tee -a "$work/log" | sed -n 's/.*: \([0-9.]*\) fps;.*/\1/p'
}

printf '%-10s %12s %16s %8s\n' tab "idle fps" "training fps" ratio
for tab in curves routing pathways ablation; do
    rm -rf "$work/run"
    busy="$(measure --tab "$tab" --preset quick --start --out "$work/run")"
    # The baseline draws the same run, browsed read-only: the same content with nothing training.
    idle="$(measure --tab "$tab" --browse "$work/run")"
    ratio="$(python3 -c "print(f'{$busy / $idle:.2f}')")"
    printf '%-10s %12s %16s %8s\n' "$tab" "$idle" "$busy" "$ratio"
done
echo
echo "details:"
cat "$work/log"
echo "target: >= 55 fps on every tab while training"

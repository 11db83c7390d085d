#!/usr/bin/env bash
# Fig. 5's two grids for the gated linear family, one `mop train --family gated-linear` run per cell
# (10 seeds each), and their total alignment at t = 7 as two markdown tables:
#   scripts/gated-fig5.sh [OUT]      (default runs/gated/fig5; cells already there are kept)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/gated/fig5}
mop=build/app/mop
[ -x "$mop" ] || { echo "gated-fig5: build first (scripts/build.sh)" >&2; exit 1; }
rows="1 0.8 0.6 0.4 0.1"   # tau_B for tau_B / tau_W = 10, 8, 6, 4, 1 (tau_W = 0.1)
cell() {  # grid, block time, flag, value
  local dir="$out/$1/tauB-$2_$3-$4"
  [ -f "$dir/summary.json" ] || "$mop" train --family gated-linear --preset "fig5-$1" --block-time "$2" "--$3" "$4" --out "$dir" >/dev/null 2>&1
  "$mop" eval --run "$dir" --json | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["mean_total_alignment"])'
}
table() {  # grid, flag, values..., header
  local grid=$1 flag=$2; shift 2
  local header="| tau_B / tau_W" rule="|---"
  for v in "$@"; do header="$header | $v"; rule="$rule|---"; done
  echo "$header |"
  echo "$rule|"
  for bt in $rows; do
    line="| $(python3 -c "print(round($bt / 0.1))")"
    for v in "$@"; do line="$line | $(cell "$grid" "$bt" "$flag" "$v")"; done
    echo "$line |"
  done
}
echo "Grid 1 (columns: tau_c = 0.02 0.04 0.06 0.08 0.1, i.e. tau_W / tau_c = 5 2.5 1.67 1.25 1):"
table grid1 tau-c 0.02 0.04 0.06 0.08 0.1
echo
echo "Grid 2 (columns: lambda = 0 0.05 0.1 0.15 0.2):"
table grid2 lambda 0 0.05 0.1 0.15 0.2

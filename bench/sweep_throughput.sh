#!/usr/bin/env bash
# Sweep throughput against one `mop train` on one core, measured in the same run: one run alone
# (1 thread), then a sweep of RUNS runs of the same size with --jobs JOBS (1 thread each). Prints
# runs/hour of both and their ratio (the target for 2 jobs on 2 cores: >= 1.8x).
# Usage: bench/sweep_throughput.sh [MOP_BINARY] [JOBS] [RUNS] [STEPS]
set -euo pipefail
mop=$(realpath "${1:-build/app/mop}")
jobs=${2:-2}
runs=${3:-4}
steps=${4:-150}
work=$(mktemp -d /tmp/mop-sweep-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

# The quick preset's shapes (the paper-small scale), one epoch of $steps steps.
seeds=$(python3 -c "print(list(range(1, $runs // 2 + 1)))")
cat > plan.json <<PLAN
{"name": "bench", "seeds": $seeds,
 "base": {"preset": "quick", "num_epochs": 1, "num_steps": $steps, "eval_batches": 2},
 "conditions": {"mop": {}, "no-cost": {"cost_based_loss_alpha": 0}}}
PLAN

now() { date +%s.%N; }
start=$(now)
"$mop" train --preset quick --num-epochs 1 --num-steps "$steps" --eval-batches 2 --threads 1 --seed 1 --out alone 2> alone.log
alone=$(python3 -c "print($(now) - $start)")

start=$(now)
"$mop" sweep plan.json --out sweep --jobs "$jobs" --threads-per-job 1 > sweep.out 2> sweep.log
swept=$(python3 -c "print($(now) - $start)")
count=$("$mop" sweep plan.json --out sweep --list | grep -c ' finished ')

python3 - "$alone" "$swept" "$count" "$jobs" "$steps" <<'REPORT'
import sys
alone, swept, runs, jobs, steps = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
single = 3600 / alone
sweep = runs * 3600 / swept
print(f"one mop train (1 thread, {steps} steps): {alone:.1f} s = {single:.1f} runs/hour")
print(f"mop sweep, {runs} runs, --jobs {jobs}: {swept:.1f} s = {sweep:.1f} runs/hour")
print(f"throughput ratio: {sweep / single:.2f}x (target with 2 jobs on 2 cores: >= 1.8x)")
REPORT

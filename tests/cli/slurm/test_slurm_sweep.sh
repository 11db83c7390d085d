#!/usr/bin/env bash
# ctest: `mop sweep --slurm --submit` on a real single-node Slurm cluster on localhost. A tiny
# 2 conditions x 2 seeds sweep runs as a 4-task job array; then every run must be complete and
# `mop analyze` must read them. Usage: test_slurm_sweep.sh MOP_BINARY
set -euo pipefail
mop=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/mop-slurm-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > tiny.json <<'PLAN'
{"name": "tiny", "seeds": [1, 2],
 "base": {"task_id": "modcog/all", "device": "cpu", "batch_size": 4, "seq_len": 40,
          "layers": ["0,4,8", "0,4,8"], "intermediate_dim": 8, "router_dim": 8, "task_dim": 4,
          "num_epochs": 2, "num_steps": 8, "eval_batches": 1},
 "conditions": {"mop": {"preset": "quick"}, "baseline": {"preset": "baseline"}}}
PLAN

export MOP here work
MOP=$mop
"$here/with_local_cluster.sh" "$work/cluster" -- bash -c '
  set -euo pipefail
  "$MOP" sweep tiny.json --out sweep --slurm sweep.sbatch --submit --cpus-per-task 1 | tee submit.out
  job=$(sed -n "s/^submitted job //p" submit.out)
  [ -n "$job" ] || { echo "FAIL: no job id from --submit" >&2; exit 1; }
  "$here/wait_for_job.sh" "$job" 600
'

fail() { echo "FAIL: $*" >&2; for f in sweep/slurm/*.log; do echo "== $f" >&2; tail -20 "$f" >&2; done; exit 1; }
grep -q -- '--array=0-3' sweep.sbatch || fail "the script does not hold a 4-task array"
[ "$(ls sweep/slurm/*.log | wc -l)" -eq 4 ] || fail "expected one log per array task"
"$mop" sweep tiny.json --out sweep --list | tee list.out
grep -q '^# 4 finished, 0 running, 0 failed' list.out || fail "not every run finished"
for run in mop/seed-1 mop/seed-2 baseline/seed-1 baseline/seed-2; do
  [ -f "sweep/$run/checkpoints/step_000000016.pt" ] || fail "$run has no final checkpoint"
  [ "$(grep -c '^16,' "sweep/$run/metrics.csv")" -eq 1 ] || fail "$run's metrics.csv does not reach step 16"
done
"$mop" analyze --runs sweep --json > analyze.json || fail "mop analyze could not read the sweep"
python3 - <<'CHECK' || fail "mop analyze's report is not the sweep's"
import json
report = json.load(open("analyze.json"))
text = json.dumps(report)
groups = sorted(g["group"] for g in report["groups"])
assert groups == ["baseline", "mop"], groups
print("mop analyze read", len(report.get("runs", [])), "runs")
assert len(report.get("runs", [])) == 4
CHECK
echo "PASS: 4 runs trained through Slurm and read by mop analyze"

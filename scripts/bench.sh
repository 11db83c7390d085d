#!/usr/bin/env bash
# Builds and runs the benchmarks: the task generator, the GRU kernel, and a training step against
# the PyTorch baseline (bench/torch_baseline.py, run with Debian's python3-torch), and the gated linear
# family's Fig. 2 run against its PyTorch baseline (bench/gated_linear_torch.py).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh python3-torch
scripts/build.sh
build_dir="${MOP_BUILD_DIR:-build}"
"$build_dir/bench/bench_task_stream"
"$build_dir/bench/bench_gru" --threads 1
"$build_dir/bench/bench_train_step" "$@"
"$build_dir/bench/bench_gated_linear"

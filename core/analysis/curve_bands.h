// Training curves of several runs aligned by step: per step the mean and sample std over the runs
// that logged that step, for the "mean +- std" bands of runs grouped by preset. Plain data, no
// LibTorch and no files.
#pragma once

#include <string>
#include <vector>

namespace mop {

// One run's curve: value[i] at step[i] (steps ascending, as the logs write them).
struct Curve {
    std::vector<double> step;
    std::vector<double> value;
};

// What the runs comparison plots of each run: the training loss at every logged step, the training
// time in seconds at those steps (pauses excluded), and the held-out accuracy at every evaluation.
struct RunCurves {
    Curve loss;
    Curve time;
    Curve clock;  // clock time (seconds since 1970) of the logged steps; empty for runs without clock.csv
    Curve accuracy;
};

// Several runs' curves aligned on the union of their steps.
struct CurveBand {
    std::vector<double> step;  // ascending, every step any run has a finite value at
    std::vector<double> mean;  // over the runs with a finite value at that step
    std::vector<double> std;   // sample standard deviation (n - 1); NaN where fewer than 2 runs
    std::vector<int> count;    // those runs
};

// NaN / inf values are left out (a diverged step counts for no run). A step a run logged twice
// counts once, with its last value (as a continued run's logs read). Throws std::invalid_argument
// on a curve whose step and value lengths differ.
CurveBand curve_band(const std::vector<const Curve*>& runs);

// The curve's value at `step`, linear between its logged steps; NaN before its first step, after its
// last, or when it is empty. The steps must ascend (as the logs write them).
double value_at_step(const Curve& curve, double step);

// One band per group: groups[g] lists indices into `curves`.
std::vector<CurveBand> group_curve_bands(const std::vector<const Curve*>& curves,
                                         const std::vector<std::vector<int>>& groups);

}  // namespace mop

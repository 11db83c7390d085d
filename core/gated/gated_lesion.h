// Lesions of a trained gated linear network, answered exactly with the population loss
// L = 1/2 |sum_p c_p W_p - W*_m|_F^2 (the expected batch loss for x ~ N(0, I)): a gate lesion
// (c_p := 0), a path lesion (W_p := 0, the same loss for a linear network), and the gates clamped to
// one path (c := e_p, zero-shot recall). Specialised seeds: lesioning a path sends only its own
// teacher's loss to 1/2 |W*|^2 (0.25 for Fig. 2).
#pragma once

#include <vector>

#include "core/gated/teachers.h"

namespace mop::gated {

double population_loss(const std::vector<Matrix>& paths, const std::vector<double>& gates, const Matrix& teacher);

enum class Lesion { None, GateOff, OneHot };

// [teacher][path]: the loss on each teacher with `lesion` applied to that path (None: the same row
// of intact losses for every path).
std::vector<std::vector<double>> lesion_losses(const std::vector<Matrix>& paths, const std::vector<double>& gates,
                                               const Teachers& teachers, Lesion lesion);

// The spec's lesion (section 5): for each teacher m, the gates set to recall it (one-hot on the path
// that recalls it best), then each path's gate switched off in turn. [teacher][path]: the loss on m.
// In a specialised seed the row is 1/2 |W*_m|^2 under m's own path and about 0 under the others.
std::vector<std::vector<double>> recall_lesion_losses(const std::vector<Matrix>& paths, const Teachers& teachers);

}  // namespace mop::gated

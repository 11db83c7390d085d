// The teachers of a gated linear run ("orthogonal" mode of the authors' code): M blocks of d_out rows
// of one random orthonormal basis of R^{d_in}, scaled by 1/sqrt(d_in), so every singular value is
// 1/sqrt(d_in), each has squared norm d_out/d_in, and they are mutually orthogonal. Drawn from the
// teacher seed alone: every run seed sees the same teachers. Mixtures for task composition.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/gated/gated_config.h"

namespace mop::gated {

// A d_out x d_in matrix, row-major.
struct Matrix {
    int rows = 0, cols = 0;
    std::vector<double> v;
    double& at(int r, int c) { return v[static_cast<std::size_t>(r * cols + c)]; }
    double at(int r, int c) const { return v[static_cast<std::size_t>(r * cols + c)]; }
};

struct Teachers {
    std::vector<Matrix> matrices;  // the base teachers, then the curriculum's mixtures
    std::vector<std::string> names;  // "A", "B", "C", "CA"...
};

// The base teachers (A, B[, C]) and, for abc-composition, the mixtures AB, BC, CA (0.5 W*_m + 0.5 W*_{m+1}).
// cosine-toy: A = e_2 and B = e_1 (2 x 1), the targets of Fig. 4.
Teachers make_teachers(const GatedConfig& config);

// mean over rows i of cos(a[i], b[i]) (0 for a zero row); for one column, the columns' cosine.
double row_cosine(const Matrix& a, const Matrix& b);
// [teacher][path]: row_cosine of every teacher with every path.
std::vector<std::vector<double>> cosine_matrix(const Teachers& teachers, const std::vector<Matrix>& paths);

}  // namespace mop::gated

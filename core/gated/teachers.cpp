#include "core/gated/teachers.h"

#include <cmath>
#include <random>

namespace mop::gated {

namespace {

// Rows of a random orthonormal basis: Gaussian rows, orthonormalised by modified Gram-Schmidt.
std::vector<std::vector<double>> orthonormal_rows(int count, int dim, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<std::vector<double>> rows;
    while (static_cast<int>(rows.size()) < count) {
        std::vector<double> r(static_cast<std::size_t>(dim));
        for (double& x : r) x = normal(random);
        for (const auto& q : rows) {
            double dot = 0.0;
            for (int i = 0; i < dim; ++i) dot += r[static_cast<std::size_t>(i)] * q[static_cast<std::size_t>(i)];
            for (int i = 0; i < dim; ++i) r[static_cast<std::size_t>(i)] -= dot * q[static_cast<std::size_t>(i)];
        }
        double norm = 0.0;
        for (const double x : r) norm += x * x;
        norm = std::sqrt(norm);
        if (norm < 1e-8) continue;  // (almost) dependent: draw again
        for (double& x : r) x /= norm;
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace

Teachers make_teachers(const GatedConfig& config) {
    if (config.toy()) {  // the notebook's flipped targets: context A is e_2, B is e_1
        Teachers t;
        t.matrices = {Matrix{2, 1, {0.0, 1.0}}, Matrix{2, 1, {1.0, 0.0}}};
        t.names = {"A", "B"};
        return t;
    }
    const int m = config.teachers();
    const auto basis = orthonormal_rows(m * config.out_dim, config.in_dim, config.teacher_seed);
    const double scale = 1.0 / std::sqrt(static_cast<double>(config.in_dim));
    Teachers t;
    const char* names[] = {"A", "B", "C"};
    for (int k = 0; k < m; ++k) {
        Matrix w{config.out_dim, config.in_dim, std::vector<double>(static_cast<std::size_t>(config.out_dim * config.in_dim))};
        for (int r = 0; r < config.out_dim; ++r)
            for (int c = 0; c < config.in_dim; ++c)
                w.at(r, c) = scale * basis[static_cast<std::size_t>(k * config.out_dim + r)][static_cast<std::size_t>(c)];
        t.matrices.push_back(std::move(w));
        t.names.emplace_back(names[k]);
    }
    if (config.composition()) {
        const bool subtask = config.curriculum == Curriculum::ABCSubtask;
        for (int k = 0; k < m; ++k) {  // AB, BC, CA
            const Matrix& a = t.matrices[static_cast<std::size_t>(k)];
            const Matrix& b = t.matrices[static_cast<std::size_t>((k + 1) % m)];
            Matrix mix = a;
            if (subtask) {  // a's rows, its odd rows from b
                for (int r = 1; r < mix.rows; r += 2)
                    for (int c = 0; c < mix.cols; ++c) mix.at(r, c) = b.at(r, c);
            } else {
                for (std::size_t i = 0; i < mix.v.size(); ++i) mix.v[i] = 0.5 * a.v[i] + 0.5 * b.v[i];
            }
            t.matrices.push_back(std::move(mix));
            t.names.push_back(std::string(names[k]) + names[(k + 1) % m]);
        }
    }
    return t;
}

double row_cosine(const Matrix& a, const Matrix& b) {
    if (a.cols == 1) {  // one input: a row has one entry, so compare the columns (the code's "cosine,cols")
        double ab = 0.0, aa = 0.0, bb = 0.0;
        for (std::size_t i = 0; i < a.v.size(); ++i) {
            ab += a.v[i] * b.v[i];
            aa += a.v[i] * a.v[i];
            bb += b.v[i] * b.v[i];
        }
        return aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : 0.0;
    }
    double sum = 0.0;
    for (int r = 0; r < a.rows; ++r) {
        double ab = 0.0, aa = 0.0, bb = 0.0;
        for (int c = 0; c < a.cols; ++c) {
            ab += a.at(r, c) * b.at(r, c);
            aa += a.at(r, c) * a.at(r, c);
            bb += b.at(r, c) * b.at(r, c);
        }
        if (aa > 0.0 && bb > 0.0) sum += ab / std::sqrt(aa * bb);
    }
    return a.rows > 0 ? sum / a.rows : 0.0;
}

std::vector<std::vector<double>> cosine_matrix(const Teachers& teachers, const std::vector<Matrix>& paths) {
    std::vector<std::vector<double>> cosines;
    for (const Matrix& teacher : teachers.matrices) {
        cosines.emplace_back();
        for (const Matrix& path : paths) cosines.back().push_back(row_cosine(teacher, path));
    }
    return cosines;
}

}  // namespace mop::gated

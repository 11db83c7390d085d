#include "core/gated/gated_lesion.h"

#include <cmath>

namespace mop::gated {

double population_loss(const std::vector<Matrix>& paths, const std::vector<double>& gates, const Matrix& teacher) {
    double sum = 0.0;
    for (std::size_t i = 0; i < teacher.v.size(); ++i) {
        double d = -teacher.v[i];
        for (std::size_t p = 0; p < paths.size(); ++p) d += gates[p] * paths[p].v[i];
        sum += d * d;
    }
    return 0.5 * sum;
}

std::vector<std::vector<double>> lesion_losses(const std::vector<Matrix>& paths, const std::vector<double>& gates,
                                               const Teachers& teachers, Lesion lesion) {
    std::vector<std::vector<double>> out;
    for (const Matrix& teacher : teachers.matrices) {
        std::vector<double> row;
        for (std::size_t p = 0; p < paths.size(); ++p) {
            std::vector<double> c = gates;
            if (lesion == Lesion::GateOff) c[p] = 0.0;
            if (lesion == Lesion::OneHot)
                for (std::size_t q = 0; q < c.size(); ++q) c[q] = q == p ? 1.0 : 0.0;
            row.push_back(population_loss(paths, c, teacher));
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<std::vector<double>> recall_lesion_losses(const std::vector<Matrix>& paths, const Teachers& teachers) {
    std::vector<std::vector<double>> out;
    const std::size_t count = paths.size();
    for (const Matrix& teacher : teachers.matrices) {
        // The path whose gate alone recalls this teacher best.
        std::size_t best = 0;
        double best_loss = INFINITY;
        for (std::size_t p = 0; p < count; ++p) {
            std::vector<double> one_hot(count, 0.0);
            one_hot[p] = 1.0;
            const double loss = population_loss(paths, one_hot, teacher);
            if (loss < best_loss) {
                best_loss = loss;
                best = p;
            }
        }
        std::vector<double> row;
        for (std::size_t p = 0; p < count; ++p) {
            std::vector<double> gates(count, 0.0);
            gates[best] = 1.0;
            gates[p] = 0.0;  // the lesion
            row.push_back(population_loss(paths, gates, teacher));
        }
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace mop::gated

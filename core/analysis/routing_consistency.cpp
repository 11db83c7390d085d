#include "core/analysis/routing_consistency.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>

#include "core/analysis/correlation.h"
#include "core/analysis/pathway_profile.h"

namespace mop {

RoutingConsistency routing_consistency(const std::vector<std::vector<std::vector<double>>>& runs) {
    if (runs.size() < 2) {
        throw std::invalid_argument("routing consistency: needs at least 2 runs, got " + std::to_string(runs.size()));
    }
    const std::size_t tasks = runs.front().size();
    const std::size_t features = tasks > 0 ? runs.front().front().size() : 0;
    std::vector<std::vector<double>> flat;
    flat.reserve(runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r) {
        if (runs[r].size() != tasks) {
            throw std::invalid_argument("routing consistency: run " + std::to_string(r) + " has " +
                                        std::to_string(runs[r].size()) + " tasks, run 0 has " + std::to_string(tasks));
        }
        std::vector<double>& v = flat.emplace_back();
        v.reserve(tasks * features);
        for (std::size_t t = 0; t < tasks; ++t) {
            if (runs[r][t].size() != features) {
                throw std::invalid_argument("routing consistency: run " + std::to_string(r) + ", task " +
                                            std::to_string(t) + " has " + std::to_string(runs[r][t].size()) +
                                            " features, expected " + std::to_string(features));
            }
            v.insert(v.end(), runs[r][t].begin(), runs[r][t].end());
        }
    }
    RoutingConsistency result;
    const std::size_t n = runs.size();
    result.correlation.assign(n, std::vector<double>(n, 1.0));
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            double r = 0;
            try {
                r = pearson_correlation(flat[i], flat[j]);
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument("routing consistency, runs " + std::to_string(i) + " and " +
                                            std::to_string(j) + ": " + e.what());
            }
            result.correlation[i][j] = result.correlation[j][i] = r;
            sum += r;
        }
    }
    result.mean = sum / static_cast<double>(n * (n - 1) / 2);
    return result;
}

namespace {

using Profiles = std::vector<std::vector<double>>;  // [task][feature]

void centre_over_tasks(Profiles& rows) {
    if (rows.empty()) return;
    for (std::size_t f = 0; f < rows.front().size(); ++f) {
        double mean = 0;
        for (const auto& row : rows) mean += row[f];
        mean /= static_cast<double>(rows.size());
        for (auto& row : rows) row[f] -= mean;
    }
}

}  // namespace

RoutingConsistency routing_consistency(const std::vector<RoutingProfile>& runs, ConsistencyProfile profile, int permutations) {
    std::vector<Profiles> profiles;
    profiles.reserve(runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r) {
        if (r > 0 && (runs[r].num_tasks() != runs[0].num_tasks() || runs[r].experts() != runs[0].experts())) {
            throw std::invalid_argument("routing consistency: run " + std::to_string(r) +
                                        " has other tasks or experts than run 0");
        }
        profiles.push_back(pathway_profiles(runs[r]).rows);
        if (profile == ConsistencyProfile::TaskDeviations) centre_over_tasks(profiles.back());
    }
    if (profile != ConsistencyProfile::ShuffledTasks) return routing_consistency(profiles);
    if (permutations < 1) throw std::invalid_argument("routing consistency: permutations must be at least 1");
    // Every run but the first gets its own random task order in each round; the first keeps its own,
    // so each pair compares task t of one run with an unrelated task of the other.
    std::mt19937_64 random(20250603);
    RoutingConsistency mean;
    for (int p = 0; p < permutations; ++p) {
        std::vector<Profiles> shuffled = profiles;
        for (std::size_t r = 1; r < shuffled.size(); ++r) std::shuffle(shuffled[r].begin(), shuffled[r].end(), random);
        const RoutingConsistency one = routing_consistency(shuffled);
        if (p == 0) {
            mean = one;
        } else {
            for (std::size_t i = 0; i < one.correlation.size(); ++i)
                for (std::size_t j = 0; j < one.correlation.size(); ++j) mean.correlation[i][j] += one.correlation[i][j];
            mean.mean += one.mean;
        }
    }
    for (auto& row : mean.correlation)
        for (double& v : row) v /= permutations;
    mean.mean /= permutations;
    return mean;
}

}  // namespace mop

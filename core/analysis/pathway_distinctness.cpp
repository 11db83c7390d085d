#include "core/analysis/pathway_distinctness.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "core/analysis/hierarchical_clustering.h"
#include "core/analysis/p_values.h"
#include "core/analysis/pathway_profile.h"
#include "core/tasks/periods.h"

namespace mop {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kResponse = static_cast<int>(Phase::Response);

// The task's combination, or empty when it has no response steps.
std::vector<int> task_combination(const RoutingProfile& profile, int task) {
    if (profile.steps(task, kResponse) == 0) return {};
    std::vector<int> experts;
    for (int layer = 0; layer < profile.num_layers(); ++layer) {
        int best = 0;
        for (int e = 1; e < profile.num_experts(layer); ++e)
            if (profile.weight(task, kResponse, layer, e) > profile.weight(task, kResponse, layer, best)) best = e;
        experts.push_back(best);
    }
    return experts;
}

// Slope of ln(count) against ln(rank), negated: s in count ~ rank^-s.
double zipf_exponent(const std::vector<CombinationUsage>& usage) {
    if (usage.size() < 3) return kNaN;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double n = static_cast<double>(usage.size());
    for (std::size_t k = 0; k < usage.size(); ++k) {
        const double x = std::log(static_cast<double>(k + 1)), y = std::log(static_cast<double>(usage[k].count));
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// Distinct most-used combinations among the run's task clusters.
int distinct_cluster_pathways(const RoutingProfile& profile, const std::vector<std::vector<int>>& combinations,
                              int clusters) {
    std::vector<int> labels(static_cast<std::size_t>(profile.num_tasks()), 0);
    if (profile.num_tasks() > 1 && clusters > 1)
        labels = cut_into_clusters(hierarchical_linkage(pathway_profiles(profile).rows, LinkageMethod::WardEuclidean), clusters);
    std::vector<std::map<std::vector<int>, int>> counts(static_cast<std::size_t>(clusters));
    for (std::size_t t = 0; t < labels.size(); ++t)
        if (!combinations[t].empty()) ++counts[static_cast<std::size_t>(labels[t])][combinations[t]];
    std::vector<std::vector<int>> dominant;
    for (const auto& cluster : counts) {
        if (cluster.empty()) continue;
        const auto top = std::max_element(cluster.begin(), cluster.end(),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
        if (std::find(dominant.begin(), dominant.end(), top->first) == dominant.end()) dominant.push_back(top->first);
    }
    return static_cast<int>(dominant.size());
}

}  // namespace

PathwayDistinctness pathway_distinctness(const std::vector<RoutingProfile>& runs, int clusters) {
    if (runs.empty()) throw std::invalid_argument("pathway distinctness needs at least one run");
    const RoutingProfile& first = runs.front();
    for (const RoutingProfile& run : runs)
        if (run.num_tasks() != first.num_tasks() || run.experts() != first.experts())
            throw std::invalid_argument("pathway distinctness compares runs of one shape (tasks, experts per layer)");
    if (clusters < 1 || clusters > first.num_tasks())
        throw std::invalid_argument("clusters must be between 1 and " + std::to_string(first.num_tasks()));

    PathwayDistinctness d;
    d.clusters = clusters;
    d.possible = 1;
    for (const int experts : first.experts()) d.possible *= experts;
    std::map<std::vector<int>, int> counts;
    double distinct_sum = 0;
    for (const RoutingProfile& run : runs) {
        std::vector<std::vector<int>> combinations;
        for (int t = 0; t < run.num_tasks(); ++t) {
            combinations.push_back(task_combination(run, t));
            if (combinations.back().empty()) continue;
            ++counts[combinations.back()];
            ++d.observations;
        }
        distinct_sum += distinct_cluster_pathways(run, combinations, clusters);
    }
    d.distinct_cluster_pathways = distinct_sum / static_cast<double>(runs.size());
    for (const auto& [experts, count] : counts) d.usage.push_back({experts, count});
    std::stable_sort(d.usage.begin(), d.usage.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    if (d.observations == 0) {
        d.normalized_entropy = d.top_share = d.zipf_exponent = d.chi_square = d.p_uniform = kNaN;
        return d;
    }
    const double n = d.observations;
    double entropy = 0, chi_square_used = 0;
    const double expected = n / d.possible;
    for (const CombinationUsage& u : d.usage) {
        const double share = u.count / n;
        entropy -= share * std::log(share);
        chi_square_used += (u.count - expected) * (u.count - expected) / expected;
    }
    const int unused = d.possible - static_cast<int>(d.usage.size());
    d.normalized_entropy = d.possible > 1 ? entropy / std::log(static_cast<double>(d.possible)) : kNaN;
    d.top_share = d.usage.front().count / n;
    d.zipf_exponent = zipf_exponent(d.usage);
    d.chi_square = chi_square_used + unused * expected;  // each unused combination adds (0 - E)^2 / E
    d.degrees_of_freedom = d.possible - 1;
    d.p_uniform = chi_square_p_value(d.chi_square, d.degrees_of_freedom);
    return d;
}

std::string combination_text(const CombinationUsage& usage, const std::vector<std::vector<int>>& layer_sizes) {
    std::string text;
    for (std::size_t layer = 0; layer < usage.experts.size(); ++layer) {
        if (layer > 0) text += '-';
        const int e = usage.experts[layer];
        const bool known = layer < layer_sizes.size() && e >= 0 && static_cast<std::size_t>(e) < layer_sizes[layer].size();
        if (!known) text += '#';
        text += std::to_string(known ? layer_sizes[layer][static_cast<std::size_t>(e)] : e);
    }
    return text;
}

}  // namespace mop

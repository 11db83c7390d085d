#include "core/analysis/run_comparison.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "core/analysis/pathway_profile.h"

namespace mop {

namespace {

std::vector<int> cluster_sizes(const LoadedRun& run, const ComparisonSettings& settings) {
    const int tasks = run.routing.num_tasks();
    if (settings.clusters < 1 || settings.clusters > tasks) {
        throw std::invalid_argument("clusters must be between 1 and " + std::to_string(tasks) + " (the tasks of " +
                                    run.name + "), got " + std::to_string(settings.clusters));
    }
    std::vector<int> sizes(static_cast<std::size_t>(settings.clusters), 0);
    if (tasks == 1) {
        sizes[0] = 1;  // one task is one cluster; the linkage needs two
        return sizes;
    }
    std::vector<int> labels;
    try {
        labels = cut_into_clusters(hierarchical_linkage(pathway_profiles(run.routing).rows, settings.method),
                                   settings.clusters);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(run.name + ": the task clustering failed (" + e.what() + ")");
    }
    for (const int label : labels) ++sizes[static_cast<std::size_t>(label)];
    // Equal merge heights at the cut can leave fewer than K clusters.
    sizes.erase(std::remove(sizes.begin(), sizes.end(), 0), sizes.end());
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    return sizes;
}

bool same_shape(const LoadedRun& a, const LoadedRun& b) {
    return a.task_names == b.task_names && a.routing.num_tasks() == b.routing.num_tasks() &&
           a.routing.experts() == b.routing.experts();
}

// Mean of the off-diagonal entries of the members' rows and columns.
double submatrix_mean(const std::vector<std::vector<double>>& matrix, const std::vector<int>& members) {
    double sum = 0;
    int pairs = 0;
    for (std::size_t i = 0; i < members.size(); ++i)
        for (std::size_t j = i + 1; j < members.size(); ++j) {
            sum += matrix[static_cast<std::size_t>(members[i])][static_cast<std::size_t>(members[j])];
            ++pairs;
        }
    return sum / pairs;
}

}  // namespace

std::string run_group_name(const LoadedRun& run) {
    return !run.condition.empty() ? run.condition : run.preset.empty() ? kCustomPreset : run.preset;
}

RunComparison compare_runs(const std::vector<LoadedRun>& runs, const ComparisonSettings& settings) {
    RunComparison comparison;
    for (const LoadedRun& run : runs) {
        if (run.routing.empty()) {
            throw std::invalid_argument(run.name + " has no routing profile in its latest evaluation");
        }
        RunSummary& summary = comparison.runs.emplace_back();
        summary.mean_lpc = mean_and_std(run.task_lpc).mean;
        summary.cluster_sizes = cluster_sizes(run, settings);
    }

    if (runs.size() >= 2) {
        std::vector<RoutingProfile> profiles;
        for (const LoadedRun& run : runs) {
            if (!same_shape(run, runs.front())) {
                throw std::invalid_argument(runs.front().name + " and " + run.name +
                                            " have other tasks or experts per layer; routing consistency compares "
                                            "runs of one shape");
            }
            profiles.push_back(run.routing);
        }
        try {
            comparison.consistency = routing_consistency(profiles);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("routing consistency cannot be computed: ") + e.what());
        }
    }

    for (RunGroupMembers& members : group_runs(runs, settings.group_by)) {
        RunGroup& group = comparison.groups.emplace_back();
        group.name = std::move(members.name);
        group.members = std::move(members.members);
        std::vector<double> accuracy, lpc;
        for (const int r : group.members) {
            accuracy.push_back(runs[static_cast<std::size_t>(r)].accuracy);
            lpc.push_back(comparison.runs[static_cast<std::size_t>(r)].mean_lpc);
        }
        group.accuracy = mean_and_std(accuracy);
        group.mean_lpc = mean_and_std(lpc);
        // The pairs within the group are the same correlations as in the all-runs matrix.
        if (group.members.size() >= 2) {
            group.consistency = submatrix_mean(comparison.consistency->correlation, group.members);
        }
    }
    return comparison;
}

}  // namespace mop

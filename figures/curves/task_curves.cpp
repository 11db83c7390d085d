#include "figures/curves/task_curves.h"

#include <algorithm>
#include <cmath>

#include "core/tasks/task_catalog.h"

namespace mop::ui {

namespace {

// The Mod-Cog modifier a task name ends with; "plain" for the neurogym originals.
std::string variant_of(const std::string& name) {
    for (const char* suffix : {"intl", "intr", "seql", "seqr"}) {
        const std::string s(suffix);
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) return s;
    }
    return "plain";
}

std::string family_of(const std::string& name) {
    const int index = find_task(name);
    if (index < 0) return "other";
    return std::string(family_name(modcog_tasks()[static_cast<std::size_t>(index)].family));
}

void add(TaskGroups& groups, const std::string& name, int task) {
    const auto it = std::find(groups.names.begin(), groups.names.end(), name);
    if (it == groups.names.end()) {
        groups.names.push_back(name);
        groups.members.push_back({task});
    } else {
        groups.members[static_cast<std::size_t>(it - groups.names.begin())].push_back(task);
    }
}

}  // namespace

const char* task_grouping_label(TaskGrouping grouping) {
    switch (grouping) {
        case TaskGrouping::Mean: return "mean over tasks";
        case TaskGrouping::Family: return "per family";
        case TaskGrouping::Variant: return "per variant (int, seq)";
        case TaskGrouping::Task: return "the selected task";
    }
    return "?";
}

TaskGroups task_groups(TaskGrouping grouping, std::span<const std::string> task_names, int selected_task) {
    TaskGroups groups;
    const int tasks = static_cast<int>(task_names.size());
    if (grouping == TaskGrouping::Task && selected_task >= 0 && selected_task < tasks) {
        groups.names.push_back(task_names[static_cast<std::size_t>(selected_task)]);
        groups.members.push_back({selected_task});
        return groups;
    }
    if (grouping == TaskGrouping::Mean || grouping == TaskGrouping::Task) {
        groups.names.emplace_back("mean over tasks");
        groups.members.emplace_back();
        for (int k = 0; k < tasks; ++k) groups.members.back().push_back(k);
        return groups;
    }
    for (int k = 0; k < tasks; ++k) {
        const std::string& name = task_names[static_cast<std::size_t>(k)];
        add(groups, grouping == TaskGrouping::Family ? family_of(name) : variant_of(name), k);
    }
    return groups;
}

std::vector<TaskCurve> task_curves(std::span<const std::shared_ptr<const TaskEvaluation>> evaluations,
                                   const TaskGroups& groups, TaskMetric metric) {
    std::vector<TaskCurve> curves(groups.names.size());
    for (std::size_t g = 0; g < groups.names.size(); ++g) {
        TaskCurve& curve = curves[g];
        curve.label = groups.names[g] + " (" + std::to_string(groups.members[g].size()) +
                      (groups.members[g].size() == 1 ? " task)" : " tasks)");
        for (const auto& evaluation : evaluations) {
            const std::vector<double>& values = metric == TaskMetric::Accuracy ? evaluation->accuracy : evaluation->lpc;
            double sum = 0.0;
            int n = 0;
            for (const int k : groups.members[g]) {
                const double v = static_cast<std::size_t>(k) < values.size() ? values[static_cast<std::size_t>(k)] : NAN;
                if (!std::isfinite(v)) continue;
                sum += v;
                ++n;
            }
            curve.step.push_back(static_cast<double>(evaluation->step));
            curve.value.push_back(n > 0 ? sum / n : NAN);
        }
    }
    return curves;
}

}  // namespace mop::ui

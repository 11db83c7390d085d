// Held-out accuracy and LPC over training per group of tasks: the mean over tasks, per task family
// (reach, decision making, delay match), per Mod-Cog variant (plain, int l/r, seq l/r), or one
// task. Read from every evaluation's per-task numbers. GL-free.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"

namespace mop::ui {

enum class TaskGrouping { Mean, Family, Variant, Task };
inline constexpr TaskGrouping kTaskGroupings[] = {TaskGrouping::Mean, TaskGrouping::Family, TaskGrouping::Variant,
                                                  TaskGrouping::Task};
const char* task_grouping_label(TaskGrouping grouping);  // "mean over tasks", "family", ...

struct TaskGroups {
    std::vector<std::string> names;
    std::vector<std::vector<int>> members;  // task indices
};
// Task: the selected task alone (none selected: the mean). Families and variants in catalogue order,
// only those the run's tasks have; a task unknown to the catalogue goes to "other".
TaskGroups task_groups(TaskGrouping grouping, std::span<const std::string> task_names, int selected_task);

// One line: a group's mean over its tasks with a value, at every evaluation.
struct TaskCurve {
    std::string label;
    std::vector<double> step, value;
};
enum class TaskMetric { Accuracy, Lpc };
std::vector<TaskCurve> task_curves(std::span<const std::shared_ptr<const TaskEvaluation>> evaluations,
                                   const TaskGroups& groups, TaskMetric metric);

}  // namespace mop::ui

// Which tasks a stream draws from: all 82 ("modcog/all"), the reference's 16 ("modcog/16") or
// one task ("modcog/NAME"). Decides the input width: 33 sensory channels plus a one-hot of the
// task's position in the set when the set has more than one task.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mop {

class TaskSet {
public:
    // Throws std::invalid_argument naming the problem for an unknown id or task name.
    static TaskSet parse(std::string_view task_id);

    const std::string& id() const { return m_id; }
    int size() const { return static_cast<int>(m_tasks.size()); }
    bool has_one_hot() const { return m_tasks.size() > 1; }
    int input_channels() const;

    // Task ids in batches are positions in this set (they index the one-hot block); these map
    // them to the catalog (the reference order of all 82 tasks) and back.
    int catalog_index(int position) const { return m_tasks[position]; }
    int position_of(int catalog_index) const;
    std::string_view task_name(int position) const;
    std::span<const int> catalog_indices() const { return m_tasks; }

private:
    TaskSet(std::string id, std::vector<int> tasks) : m_id(std::move(id)), m_tasks(std::move(tasks)) {}

    std::string m_id;
    std::vector<int> m_tasks;
};

// Human-readable name of an input channel: "fixation", "ring1[3]", "ring2[0]", or "task:dm1" for
// the one-hot channel of the task at that position of the set.
std::string channel_name(int channel, const TaskSet& task_set);

}  // namespace mop

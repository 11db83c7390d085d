#include "core/tasks/task_set.h"

#include <algorithm>
#include <stdexcept>

#include "core/tasks/channels.h"
#include "core/tasks/task_catalog.h"

namespace mop {

TaskSet TaskSet::parse(std::string_view task_id) {
    constexpr std::string_view kPrefix = "modcog/";
    if (!task_id.starts_with(kPrefix))
        throw std::invalid_argument("unknown task id '" + std::string(task_id) +
                                    "': expected modcog/all, modcog/16 or modcog/NAME");
    const std::string_view name = task_id.substr(kPrefix.size());
    std::vector<int> tasks;
    if (name == "all") {
        for (int i = 0; i < kModCogTaskCount; ++i) tasks.push_back(i);
    } else if (name == "16") {
        for (std::string_view n : modcog16_task_names()) tasks.push_back(find_task(n));
    } else {
        const int index = find_task(name);
        if (index < 0)
            throw std::invalid_argument("unknown task '" + std::string(name) +
                                        "' in task id '" + std::string(task_id) + "' (see `mop tasks list`)");
        tasks.push_back(index);
    }
    return TaskSet(std::string(task_id), std::move(tasks));
}

int TaskSet::input_channels() const { return kSensoryChannels + (has_one_hot() ? size() : 0); }

int TaskSet::position_of(int catalog_index) const {
    auto it = std::find(m_tasks.begin(), m_tasks.end(), catalog_index);
    return it == m_tasks.end() ? -1 : static_cast<int>(it - m_tasks.begin());
}

std::string_view TaskSet::task_name(int position) const { return modcog_tasks()[m_tasks[position]].name; }

std::string channel_name(int channel, const TaskSet& task_set) {
    if (channel == kFixationChannel) return "fixation";
    if (channel < kRing2Begin) return "ring1[" + std::to_string(channel - kRing1Begin) + "]";
    if (channel < kSensoryChannels) return "ring2[" + std::to_string(channel - kRing2Begin) + "]";
    const int position = channel - kSensoryChannels;
    if (position < task_set.size()) return "task:" + std::string(task_set.task_name(position));
    return "channel " + std::to_string(channel);
}

}  // namespace mop

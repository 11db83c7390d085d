#include "core/engine/run_history.h"

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "core/tasks/periods.h"
#include "core/train/run_directory.h"
#include "core/train/run_settings.h"

namespace mop {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

double to_double(const std::string& text) {
    if (text.empty()) return std::nan("");
    return std::stod(text);  // accepts "nan" and "inf"
}

// Calls `row(fields)` for every data row of `file` whose leading step is within range.
template <typename Row>
void read_csv(const std::filesystem::path& file, std::size_t columns, std::int64_t up_to_step, Row row) {
    std::ifstream in(file);
    if (!in) return;  // a run that has not logged this yet
    std::string line;
    std::getline(in, line);  // header
    int number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        const std::vector<std::string> fields = split(line);
        try {
            if (fields.size() != columns) throw std::invalid_argument("expected " + std::to_string(columns) + " fields");
            const std::int64_t step = std::stoll(fields[0]);
            if (up_to_step >= 0 && step > up_to_step) continue;
            row(step, fields);
        } catch (const std::exception& e) {
            throw std::runtime_error(file.string() + " line " + std::to_string(number) + " cannot be read (" + e.what() + ")");
        }
    }
}

std::optional<double> optional_value(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return std::stod(text);
}

}  // namespace

RunHistory read_run_history(const std::filesystem::path& dir, const RunConfig& config,
                            const std::vector<std::string>& task_names, std::int64_t up_to_step) {
    RunHistory history;
    TrainingCurves& c = history.curves;
    read_csv(dir / run_files::kMetrics, 7, up_to_step, [&](std::int64_t step, const std::vector<std::string>& f) {
        c.step.push_back(static_cast<double>(step));
        c.time.push_back(to_double(f[1]));
        c.loss.push_back(to_double(f[2]));
        c.fixation.push_back(to_double(f[3]));
        c.action.push_back(to_double(f[4]));
        c.routing.push_back(to_double(f[5]));
    });
    const std::size_t live = live_settings().size();
    read_csv(dir / run_files::kHyperparameters, live + 1, up_to_step,
             [&](std::int64_t step, const std::vector<std::string>& f) {
                 LiveHyperparameters values;
                 for (std::size_t k = 0; k < live; ++k) values[k] = optional_value(f[k + 1]);
                 c.changes.push_back({step, values});
             });

    std::unordered_map<std::string, int> task_index;
    for (std::size_t k = 0; k < task_names.size(); ++k) task_index[task_names[k]] = static_cast<int>(k);
    const auto tasks = static_cast<int>(task_names.size());
    auto last = std::make_shared<EvaluationSummary>();
    last->step = -1;
    read_csv(dir / run_files::kEval, 4, up_to_step, [&](std::int64_t step, const std::vector<std::string>& f) {
        if (f[1] == "all") {
            c.eval_step.push_back(static_cast<double>(step));
            c.eval_accuracy.push_back(to_double(f[2]));
            last->accuracy = to_double(f[2]);
            return;
        }
        const auto found = task_index.find(f[1]);
        if (found == task_index.end()) throw std::invalid_argument("unknown task " + f[1]);
        if (step != last->step) {
            if (last->step >= 0)
                c.task_evaluations.push_back(
                    std::make_shared<const TaskEvaluation>(TaskEvaluation{last->step, last->task_accuracy, last->task_lpc}));
            last->step = step;
            last->task_accuracy.assign(static_cast<std::size_t>(tasks), std::nan(""));
            last->task_lpc.assign(static_cast<std::size_t>(tasks), std::nan(""));
        }
        last->task_accuracy[static_cast<std::size_t>(found->second)] = to_double(f[2]);
        last->task_lpc[static_cast<std::size_t>(found->second)] = to_double(f[3]);
    });

    if (last->step >= 0)
        c.task_evaluations.push_back(
            std::make_shared<const TaskEvaluation>(TaskEvaluation{last->step, last->task_accuracy, last->task_lpc}));

    std::vector<int> experts;
    for (const auto& layer : config.layers) experts.push_back(static_cast<int>(layer.size()));
    std::map<std::int64_t, std::shared_ptr<RoutingProfile>> profiles;
    read_csv(dir / run_files::kRouting, 6, up_to_step, [&](std::int64_t step, const std::vector<std::string>& f) {
        const auto found = task_index.find(f[1]);
        if (found == task_index.end()) throw std::invalid_argument("unknown task " + f[1]);
        int phase = -1;
        for (int p = 0; p < kPhaseCount; ++p)
            if (phase_name(static_cast<Phase>(p)) == f[2]) phase = p;
        const int layer = std::stoi(f[3]), expert = std::stoi(f[4]);
        if (phase < 0 || layer < 0 || layer >= static_cast<int>(experts.size()) || expert < 0 ||
            expert >= experts[static_cast<std::size_t>(layer)])
            throw std::invalid_argument("phase, layer or expert out of range");
        auto& profile = profiles[step];
        if (!profile) profile = std::make_shared<RoutingProfile>(tasks, experts);
        profile->set_weight(found->second, phase, layer, expert, to_double(f[5]));
    });
    // Steps are not logged: a (task, phase) counts once if it had any routing, else not at all.
    for (auto& [step, profile] : profiles) {
        for (int k = 0; k < tasks; ++k)
            for (int p = 0; p < kPhaseCount; ++p) {
                double sum = 0;
                for (int e = 0; e < profile->num_experts(0); ++e) sum += profile->weight(k, p, 0, e);
                profile->set_steps(k, p, std::isfinite(sum) && sum > 0 ? 1 : 0);
            }
        history.routing.push_back({step, profile});
    }
    if (last->step >= 0) {
        if (const auto it = profiles.find(last->step); it != profiles.end()) last->routing = *it->second;
        history.evaluation = last;
    }
    return history;
}

}  // namespace mop

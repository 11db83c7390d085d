#include "core/sweep/sweep_folder.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "core/train/run_directory.h"

namespace mop {

namespace {

using json = nlohmann::json;

std::string folder_contents_json(const SweepPlan& plan) {
    nlohmann::ordered_json j;
    j["name"] = plan.name;
    j["description"] = plan.description;
    j["plan"] = nlohmann::ordered_json::parse(plan.text);
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (const SweepRun& run : plan.runs)
        runs.push_back({{"index", run.index}, {"condition", run.condition}, {"seed", run.seed}, {"dir", run.relative_dir().string()}});
    j["runs"] = runs;
    return j.dump(2) + "\n";
}

// The first way two plans' trainings differ, or "" when they are the same.
std::string first_difference(const SweepPlan& stored, const SweepPlan& given) {
    if (stored.runs.size() != given.runs.size())
        return std::to_string(stored.runs.size()) + " runs there, " + std::to_string(given.runs.size()) + " in the plan given";
    for (std::size_t i = 0; i < stored.runs.size(); ++i) {
        const SweepRun& a = stored.runs[i];
        const SweepRun& b = given.runs[i];
        if (a.condition != b.condition || a.seed != b.seed)
            return "run " + std::to_string(i) + " is " + a.condition + " seed " + std::to_string(a.seed) + " there, " +
                   b.condition + " seed " + std::to_string(b.seed) + " in the plan given";
        const json x = json::parse(training_identity(a.config)), y = json::parse(training_identity(b.config));
        for (auto it = x.begin(); it != x.end(); ++it)
            if (!y.contains(it.key()) || y[it.key()] != it.value())
                return "condition " + a.condition + ": " + it.key() + " is " + it.value().dump() + " there, " +
                       (y.contains(it.key()) ? y[it.key()].dump() : std::string("unset")) + " in the plan given";
        if (x != y) return "condition " + a.condition + ": the settings differ";
    }
    return {};
}

}  // namespace

bool is_sweep_folder(const std::filesystem::path& dir) { return std::filesystem::exists(dir / sweep_files::kPlan); }

SweepPlan read_sweep_folder_plan(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / sweep_files::kPlan;
    std::ifstream in(file);
    if (!in) throw ConfigError(dir.string() + " is not a sweep folder (no " + sweep_files::kPlan + ")");
    nlohmann::ordered_json stored;  // keeps the conditions in the plan's order
    try {
        stored = nlohmann::ordered_json::parse(in);
    } catch (const json::parse_error& e) {
        throw ConfigError(file.string() + " is not valid JSON: " + e.what());
    }
    if (!stored.contains("plan")) throw ConfigError(file.string() + " holds no plan");
    return parse_sweep_plan(stored["plan"].dump(), file.string());
}

void prepare_sweep_folder(const std::filesystem::path& dir, const SweepPlan& plan) {
    std::error_code error;
    if (is_sweep_folder(dir)) {
        const SweepPlan stored = read_sweep_folder_plan(dir);
        const std::string difference = first_difference(stored, plan);
        if (!difference.empty())
            throw ConfigError("--out " + dir.string() + " holds the sweep of another plan (" + difference +
                              "): give the same plan, or another --out");
        return;
    }
    if (std::filesystem::exists(dir, error) && !std::filesystem::is_directory(dir, error))
        throw ConfigError("--out " + dir.string() + " is a file, not a folder");
    if (std::filesystem::is_directory(dir, error) && !std::filesystem::is_empty(dir, error))
        throw ConfigError("--out " + dir.string() + " is not empty and holds no sweep (no " + sweep_files::kPlan +
                          "): choose a new or empty folder");
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / sweep_files::kPlan, folder_contents_json(plan));
}

std::vector<SweepRunStatus> sweep_status(const std::filesystem::path& dir, const SweepPlan& plan) {
    std::vector<SweepRunStatus> all;
    for (const SweepRun& run : plan.runs)
        all.push_back({run, read_run_status(dir / run.relative_dir(), run.config.total_steps())});
    return all;
}

void SweepCounts::add(RunState state) {
    switch (state) {
        case RunState::Finished: ++finished; break;
        case RunState::Running: ++running; break;
        case RunState::Failed: ++failed; break;
        case RunState::Interrupted: ++interrupted; break;
        case RunState::Pending: ++pending; break;
    }
}

}  // namespace mop

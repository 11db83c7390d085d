#include "cli/tasks_command.h"
#include "cli/text_format.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/tasks/channels.h"
#include "core/tasks/single_task_stream.h"
#include "core/tasks/task_catalog.h"
#include "core/tasks/task_set.h"
#include "core/tasks/task_statistics_json.h"

namespace mop::cli {

namespace {


int require_task(const std::string& name) {
    const int task = find_task(name);
    if (task < 0) throw BadInput("unknown task '" + name + "' (run `mop tasks list` for the 82 names)");
    return task;
}

DataMode data_mode(bool corrected) { return corrected ? DataMode::Corrected : DataMode::ReferenceCompatible; }

void print_list(std::ostream& out) {
    out << printf_text("%-3s %-15s %-16s %s\n", "#", "task", "family", "steps");
    const auto tasks = modcog_tasks();
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const StepRange range = trial_length_range(tasks[i]);
        const std::string steps = range.min == range.max ? std::to_string(range.min)
                                                         : printf_text("%d-%d", range.min, range.max);
        out << printf_text("%-3zu %-15s %-16s %s\n", i, std::string(tasks[i].name).c_str(),
                      std::string(family_name(tasks[i].family)).c_str(), steps.c_str());
    }
}

struct ShowOptions {
    std::string task;
    std::uint64_t seed = 0;
    int trial = 1;
    bool corrected = false;
    double min_abs = 1e-3;
};

void print_trial(const ShowOptions& options, std::ostream& out) {
    const int task = require_task(options.task);
    const TaskSpec& spec = modcog_tasks()[task];
    // The same stream as the studio's task browser: trial N here is trial N there.
    SingleTaskStream stream(options.task, options.seed, data_mode(options.corrected));
    while (stream.trial_index() + 1 < options.trial) stream.next();
    const Trial& trial = stream.trial();
    const TrialLatents& l = trial.latents;

    out << spec.name << " (" << family_name(spec.family) << "), trial " << options.trial << " of seed " << options.seed
        << ", " << (options.corrected ? "corrected" : "reference-compatible") << " data, " << trial.length
        << " steps\n";
    if (spec.nested()) out << "ring: " << (l.modality + 1) << "\n";
    if (l.response >= 0) out << "response direction: " << l.response << "\n";
    if (spec.family == TaskFamily::DelayMatch)
        out << "sample " << l.stimulus_unit << ", test " << l.second_unit << ", " << (l.match ? "match" : "non-match")
            << ", " << (l.go ? "go" : "no-go") << "\n";
    if (spec.family == TaskFamily::DecisionMaking)
        out << "stimulus locations " << l.stimulus_unit << " and " << l.second_unit << "\n";
    out << "task one-hot: channel " << (kSensoryChannels + task) << " = 1 on every step (modcog/all layout)\n";
    out << printf_text("ring values with |value| < %g shown as \".\" (--min-abs 0 shows all)\n\n", options.min_abs);
    out << printf_text("%-4s %-9s %-13s %-5s %s\n", "step", "period", "phase", "label", "inputs");
    for (int t = 0; t < trial.length; ++t) {
        const Period period = trial.periods[t];
        std::string inputs;
        const float fixation = trial.input(t, kFixationChannel);
        if (fixation != 0.0f) inputs = "fixation=" + printf_text("%.3g", fixation);
        for (int ring = 0; ring < 2; ++ring) {
            const float* values = &trial.inputs[t * kSensoryChannels + ring_begin(ring)];
            bool shown = false;
            for (int k = 0; k < kRingUnits; ++k) shown = shown || std::fabs(values[k]) >= std::max(options.min_abs, 1e-30);
            if (!shown) continue;
            inputs += printf_text(" ring%d=[", ring + 1);
            for (int k = 0; k < kRingUnits; ++k) {
                const bool hidden = values[k] == 0.0f || std::fabs(values[k]) < options.min_abs;
                if (k) inputs += ' ';
                inputs += hidden ? std::string(".") : printf_text("%.3g", values[k]);
            }
            inputs += "]";
        }
        out << printf_text("%-4d %-9s %-13s %-5d %s\n", t, std::string(period_name(period)).c_str(),
                      std::string(phase_name(phase_of(period))).c_str(), trial.labels[t], inputs.c_str());
    }
}

struct StatsOptions {
    int trials = 1000;
    int sequences = 640;
    std::uint64_t seed = 0;
    bool corrected = false;
    bool json = false;
    std::vector<std::string> tasks;
};

void print_stats(const StatsOptions& options, std::ostream& out) {
    if (options.trials <= 0) throw BadInput("--trials must be positive");
    if (options.sequences <= 0) throw BadInput("--sequences must be positive");
    std::vector<int> tasks;
    for (const std::string& name : options.tasks) tasks.push_back(require_task(name));
    if (tasks.empty())
        for (int i = 0; i < kModCogTaskCount; ++i) tasks.push_back(i);
    const DataMode mode = data_mode(options.corrected);

    nlohmann::ordered_json json;
    json["seed"] = options.seed;
    json["data"] = options.corrected ? "corrected" : "reference-compatible";
    nlohmann::ordered_json per_task = nlohmann::ordered_json::object();
    if (!options.json) out << printf_text("%-15s %7s %5s %5s %6s %6s %6s %8s\n", "task", "len", "min", "max", "pre", "stim",
                                     "resp", "label0");
    for (int task : tasks) {
        const TaskStatistics stats = measure_task(task, options.trials, options.seed, mode);
        if (options.json) {
            per_task[stats.name] = to_json(stats);
        } else {
            out << printf_text("%-15s %7.2f %5.0f %5.0f %6.3f %6.3f %6.3f %8.3f\n", stats.name.c_str(), stats.length.mean(),
                          stats.length.min(), stats.length.max(), stats.phase_share(Phase::PreStimulus),
                          stats.phase_share(Phase::Stimulus), stats.phase_share(Phase::Response),
                          stats.decision_label_share(0));
        }
    }
    const MixedStatistics mixed = measure_mixed("modcog/all", options.sequences, 350, options.seed, mode);
    if (options.json) {
        json["tasks"] = std::move(per_task);
        json["mixed"] = to_json(mixed);
        out << json.dump(2) << "\n";
        return;
    }
    out << printf_text("\nmixed (%d sequences of 350 steps): %.2f trials per sequence (min %.0f, max %.0f); "
                  "phases %.3f / %.3f / %.3f; response label 0 share %.3f, label 16 share %.3f\n",
                  mixed.sequences, mixed.trials_per_sequence.mean(), mixed.trials_per_sequence.min(),
                  mixed.trials_per_sequence.max(), mixed.phase_share(Phase::PreStimulus),
                  mixed.phase_share(Phase::Stimulus), mixed.phase_share(Phase::Response),
                  mixed.response_label_share(0), mixed.response_label_share(16));
}

}  // namespace

void add_tasks_command(CLI::App& app, Streams streams) {
    CLI::App* tasks = app.add_subcommand("tasks", "The 82 Mod-Cog tasks: list them, show a trial, measure statistics");
    tasks->require_subcommand(1);

    CLI::App* list = tasks->add_subcommand("list", "The 82 tasks in the reference order, with family and trial length");
    list->callback([streams] { print_list(streams.out); });

    auto show_options = std::make_shared<ShowOptions>();
    CLI::App* show = tasks->add_subcommand("show", "Print one trial as a table: period, phase, label and inputs per step");
    show->add_option("name", show_options->task, "Task name, e.g. dm1")->required();
    show->add_option("--seed", show_options->seed, "Random seed")->capture_default_str();
    show->add_option("--trial", show_options->trial, "Which trial of the task's seeded stream (1 = first)")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    show->add_flag("--corrected", show_options->corrected, "Use the corrected data rules instead of the reference's");
    show->add_option("--min-abs", show_options->min_abs, "Hide inputs smaller than this in magnitude")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    show->callback([show_options, streams] { print_trial(*show_options, streams.out); });

    auto stats_options = std::make_shared<StatsOptions>();
    CLI::App* stats = tasks->add_subcommand("stats", "Measure trial and sequence statistics of every task");
    stats->add_option("--trials", stats_options->trials, "Trials per task")->capture_default_str();
    stats->add_option("--sequences", stats_options->sequences, "350-step sequences of the mixed stream")
        ->capture_default_str();
    stats->add_option("--seed", stats_options->seed, "Random seed")->capture_default_str();
    stats->add_option("--task", stats_options->tasks, "Only these tasks (repeatable)");
    stats->add_flag("--corrected", stats_options->corrected, "Use the corrected data rules");
    stats->add_flag("--json", stats_options->json, "Print JSON: one object per task plus \"mixed\"");
    stats->callback([stats_options, streams] { print_stats(*stats_options, streams.out); });
}

}  // namespace mop::cli

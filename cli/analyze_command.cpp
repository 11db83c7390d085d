#include "cli/analyze_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/option_checks.h"
#include "cli/paper_analysis.h"
#include "cli/text_format.h"
#include "core/analysis/run_comparison.h"
#include "core/engine/run_loading.h"

namespace mop::cli {

namespace {

struct AnalyzeFlags {
    std::vector<std::string> runs;
    bool json = false;
    bool paper = false;
    PaperAnalysisSettings paper_settings;
    int clusters = kDefaultClusterCount;
    std::string method = "ward";
    std::string group_by = kGroupByCondition;
};

using Json = nlohmann::ordered_json;  // keys in the order written

const std::map<std::string, LinkageMethod> kMethods{{"ward", LinkageMethod::WardEuclidean},
                                                    {"average", LinkageMethod::AverageCorrelation}};

Json number_or_null(double v) { return std::isnan(v) ? Json(nullptr) : Json(v); }
Json number_or_null(const std::optional<double>& v) { return v ? number_or_null(*v) : Json(nullptr); }

std::string preset_name(const LoadedRun& run) { return run.preset.empty() ? kCustomPreset : run.preset; }

// A number for the tables; "-" stands for a missing one.
std::string number(double v, const char* pattern) { return std::isnan(v) ? "-" : printf_text(pattern, v); }
std::string number(const std::optional<double>& v, const char* pattern) { return v ? number(*v, pattern) : "-"; }

// "mean +- std", or the mean alone where there is no std (a single run).
std::string mean_std_text(const MeanStd& v, const char* pattern) {
    return std::isnan(v.std) ? number(v.mean, pattern) : number(v.mean, pattern) + " +- " + number(v.std, pattern);
}

std::string layers_text(const std::vector<std::vector<int>>& layers) {
    std::string text;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (l > 0) text += '/';
        for (std::size_t e = 0; e < layers[l].size(); ++e) {
            if (e > 0) text += ',';
            text += std::to_string(layers[l][e]);
        }
    }
    return text;
}

std::string sizes_text(const std::vector<int>& sizes) {
    std::string text;
    for (const int s : sizes) {
        if (!text.empty()) text += ' ';
        text += std::to_string(s);
    }
    return text;
}

std::string consistency_note(std::size_t runs) {
    return runs < 2 ? "routing consistency needs at least 2 runs" : "";
}

void print_json(const AnalyzeFlags& flags, const std::vector<LoadedRun>& runs, const RunComparison& c,
                std::ostream& out) {
    Json j;
    j["clustering"] = {{"method", flags.method}, {"clusters", flags.clusters}};
    j["group_by"] = flags.group_by;
    j["runs"] = Json::array();
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const LoadedRun& run = runs[r];
        Json o;
        o["run"] = run.name;
        o["preset"] = preset_name(run);
        if (!run.condition.empty()) o["condition"] = run.condition;
        o["seed"] = run.seed;
        o["layers"] = run.layers;
        o["alpha"] = run.alpha;
        o["epsilon"] = run.epsilon;
        o["beta"] = number_or_null(run.beta);
        o["gamma"] = number_or_null(run.gamma);
        o["learning_rate"] = run.learning_rate;
        Json settings = Json::object();
        for (const RunSetting& s : run.settings) settings[s.key] = s.value;
        o["settings"] = settings;  // every setting as its flag gives it
        o["steps_trained"] = run.steps_trained;
        o["final_loss"] = number_or_null(run.final_loss);
        o["evaluation_step"] = run.evaluation_step;
        o["accuracy"] = number_or_null(run.accuracy);
        o["mean_lpc"] = number_or_null(c.runs[r].mean_lpc);
        o["cluster_sizes"] = c.runs[r].cluster_sizes;
        j["runs"].push_back(o);
    }
    j["groups"] = Json::array();
    for (const RunGroup& g : c.groups) {
        Json o;
        o["group"] = g.name;  // by default the runs' sweep condition, else their preset
        if (flags.group_by == kGroupByCondition) o["preset"] = g.name;  // the same, under its first name
        o["runs"] = Json::array();
        for (const int r : g.members) o["runs"].push_back(runs[static_cast<std::size_t>(r)].name);
        o["count"] = g.members.size();
        o["accuracy"] = {{"mean", number_or_null(g.accuracy.mean)}, {"std", number_or_null(g.accuracy.std)}};
        o["mean_lpc"] = {{"mean", number_or_null(g.mean_lpc.mean)}, {"std", number_or_null(g.mean_lpc.std)}};
        o["consistency"] = number_or_null(g.consistency);
        j["groups"].push_back(o);
    }
    if (c.consistency) {
        Json matrix = Json::array();
        for (const auto& row : c.consistency->correlation) {
            Json values = Json::array();
            for (const double v : row) values.push_back(number_or_null(v));
            matrix.push_back(values);
        }
        j["consistency"] = {{"mean", number_or_null(c.consistency->mean)}, {"matrix", matrix}};
    } else {
        j["consistency"] = nullptr;
        j["note"] = consistency_note(runs.size());
    }
    out << j.dump(2) << "\n";
}

void print_text(const AnalyzeFlags& flags, const std::vector<LoadedRun>& runs, const RunComparison& c,
                std::ostream& out) {
    int name_width = 3;
    for (const LoadedRun& run : runs) name_width = std::max(name_width, static_cast<int>(run.name.size()));
    out << "runs: latest evaluation of each; clusters: " << flags.method << ", K = " << flags.clusters
        << ", tasks per cluster, largest first\n";
    out << printf_text("%2s  %-*s %-8s %5s %-13s %7s %7s %5s %5s %7s %7s %8s %8s %8s  %s\n", "#", name_width, "run",
                  "preset", "seed", "layers", "alpha", "epsilon", "beta", "gamma", "lr", "steps", "loss", "accuracy",
                  "mean LPC", "clusters");
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const LoadedRun& run = runs[r];
        out << printf_text("%2d  %-*s %-8s %5llu %-13s %7s %7s %5s %5s %7s %7lld %8s %8s %8s  %s\n", static_cast<int>(r),
                      name_width, run.name.c_str(), preset_name(run).c_str(),
                      static_cast<unsigned long long>(run.seed), layers_text(run.layers).c_str(),
                      number(run.alpha, "%.3g").c_str(), number(run.epsilon, "%.3g").c_str(),
                      number(run.beta, "%.3g").c_str(), number(run.gamma, "%.3g").c_str(),
                      number(run.learning_rate, "%.3g").c_str(), static_cast<long long>(run.steps_trained),
                      number(run.final_loss, "%.4f").c_str(), number(run.accuracy, "%.4f").c_str(),
                      number(c.runs[r].mean_lpc, "%.2f").c_str(), sizes_text(c.runs[r].cluster_sizes).c_str());
    }

    out << "\ngroups by " << flags.group_by << " (std over runs)\n";
    out << printf_text("%-12s %4s %18s %18s %11s\n", "group", "runs", "accuracy", "mean LPC", "consistency");
    for (const RunGroup& g : c.groups) {
        const std::string accuracy = mean_std_text(g.accuracy, "%.4f");
        const std::string lpc = mean_std_text(g.mean_lpc, "%.2f");
        out << printf_text("%-12s %4d %18s %18s %11s\n", g.name.c_str(), static_cast<int>(g.members.size()),
                      accuracy.c_str(), lpc.c_str(), number(g.consistency, "%.4f").c_str());
    }

    out << "\nrouting consistency (mean pairwise correlation of the runs' task pathway profiles; "
           "paper: 0.03 HMoE, 0.51 MoP): ";
    if (!c.consistency) {
        out << "- (" << consistency_note(runs.size()) << ")\n";
        return;
    }
    out << printf_text("%.4f\n", c.consistency->mean);
    out << printf_text("%2s ", "#");
    for (std::size_t r = 0; r < runs.size(); ++r) out << printf_text(" %7d", static_cast<int>(r));
    out << "\n";
    for (std::size_t r = 0; r < runs.size(); ++r) {
        out << printf_text("%2d ", static_cast<int>(r));
        for (const double v : c.consistency->correlation[r]) out << printf_text(" %7s", number(v, "%.4f").c_str());
        out << "\n";
    }
}

void run_analyze(const AnalyzeFlags& flags, Streams streams) {
    if (flags.clusters < 1) throw BadInput("--clusters must be at least 1, got " + std::to_string(flags.clusters));
    std::vector<LoadedRun> runs;
    std::vector<std::filesystem::path> dirs;
    try {
        dirs = expand_run_folders(flags.runs);
        for (const std::filesystem::path& dir : dirs) runs.push_back(load_run(dir));
    } catch (const RunLoadError& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    for (const LoadedRun& run : runs) {
        const int tasks = static_cast<int>(run.task_names.size());
        if (flags.clusters > tasks) {
            throw BadInput("--clusters must be at most " + std::to_string(tasks) + " (the tasks of " + run.name +
                           "), got " + std::to_string(flags.clusters));
        }
    }
    ComparisonSettings settings;
    settings.clusters = flags.clusters;
    settings.method = kMethods.at(flags.method);
    settings.group_by = flags.group_by;
    try {
        group_runs(runs, flags.group_by);
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--group-by: ") + e.what() + " (a setting's name as the studio shows it, or its key as config.json has it)");
    }
    RunComparison comparison;
    try {
        comparison = compare_runs(runs, settings);
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    if (flags.paper) {
        PaperAnalysisSettings paper = flags.paper_settings;
        paper.json = flags.json;
        return run_paper_analysis(dirs, runs, paper, streams);
    }
    if (flags.json) {
        print_json(flags, runs, comparison, streams.out);
    } else {
        print_text(flags, runs, comparison, streams.out);
    }
}

}  // namespace

void add_analyze_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<AnalyzeFlags>();
    CLI::App* cmd = app.add_subcommand("analyze", "Compare runs: final metrics, task clusters, routing consistency");
    cmd->add_option("--runs", flags->runs, "Run directories, or folders of runs (a sweep folder: every run in it)")->required()->expected(1, -1);
    cmd->add_flag("--json", flags->json, "Print JSON");
    cmd->add_option("--clusters", flags->clusters, "Task clusters per run (K)")->capture_default_str()->check(at_least(1));
    cmd->add_option("--method", flags->method, "Task clustering: ward (Euclidean) or average (correlation)")
        ->check(CLI::IsMember({"ward", "average"}))
        ->capture_default_str();
    cmd->add_option("--group-by", flags->group_by,
                    "Group the runs by \"condition or preset\" (default), \"run\", or any setting's key or name (alpha, seed, "
                    "learning_rate...)");
    cmd->add_flag("--paper", flags->paper,
                  "The paper's measures per condition (runs grouped by sweep condition, else preset): accuracy over tasks,\n"
                  "consistency, self-sufficiency (experts < 0.1 removed), the largest-expert lesion, and LPC and its change\n"
                  "over training against task difficulty (r, p); evaluates each run's latest checkpoint twice");
    cmd->add_option("--difficulty", flags->paper_settings.difficulty_file, "With --paper: a difficulty table (default: the built-in)");
    cmd->add_option("--batches", flags->paper_settings.batches, "With --paper: held-out batches per evaluation (default: each run's)")
        ->check(at_least(1));
    cmd->add_option("--threads", flags->paper_settings.threads, "With --paper: CPU threads (0: all cores)")->check(at_least(0));
    cmd->callback([flags, streams] {
        if (!flags->paper && (flags->paper_settings.batches != 0 || !flags->paper_settings.difficulty_file.empty()))
            throw BadInput("--difficulty and --batches need --paper");
        if (flags->paper_settings.batches < 0) throw BadInput("--batches must be at least 1");
        if (flags->paper_settings.threads < 0) throw BadInput("--threads must be 0 (all cores) or more");
        run_analyze(*flags, streams);
    });
}

}  // namespace mop::cli

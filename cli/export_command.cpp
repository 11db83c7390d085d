#include "cli/export_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/family/model_family.h"
#include "cli/option_checks.h"
#include "core/analysis/difficulty_table.h"
#include "core/engine/evaluation_worker.h"
#include "core/engine/run_loading.h"
#include "core/model/ablation.h"
#include "core/model/mop_model.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluation.h"
#include "core/train/run_directory.h"
#include "core/analysis/run_comparison.h"
#include "core/study/paper_study.h"
#include "figures/ablation/ablation_figures.h"
#include "figures/complexity/accuracy_difficulty_figure.h"
#include "figures/clusters/clusters_figure.h"
#include "figures/gated/gated_figures.h"
#include "figures/gated/gated_grid_figure.h"
#include "core/gated/gated_run_files.h"
#include "figures/runs/consistency_matrix_figure.h"
#include "figures/export/figure_set.h"
#include "figures/runs/grouped_curves_figure.h"
#include "figures/complexity/lpc_difficulty_figure.h"
#include "figures/runs/paper_figures.h"
#include "figures/routing/routing_phase_figure.h"

namespace mop::cli {

namespace {

struct ExportFlags {
    std::string run;
    std::vector<std::string> runs;
    std::string out;
    std::string format = "pdf,svg,png";
    double font_pt = 7.0;
    int dpi = 300;
    int clusters = ui::kDefaultClusters;
    std::string method = "ward";
    std::string difficulty;  // a table file; empty: the built-in one
    bool no_ablation = false;
    bool paper = false;
    int threads = 0;
    std::string device = "auto";
};

const std::map<std::string, LinkageMethod> kMethods{{"ward", LinkageMethod::WardEuclidean},
                                                    {"average", LinkageMethod::AverageCorrelation}};

// What the run's checkpoint answers with experts switched off: the threshold curve and the
// per-task accuracy with the largest expert of every layer off, on the studio's held-out budget.
struct AblationResults {
    ui::AblationCurveData curve;
    std::vector<double> largest_off_accuracy, intact_accuracy;  // [task]
    std::int64_t step = 0;                                       // of the checkpoint evaluated
};

AblationResults evaluate_ablations(const std::string& run_dir, const ExportFlags& flags, std::ostream& err) {
    const RunConfig config = read_run_config(run_dir);
    const auto checkpoint = latest_checkpoint(run_dir);
    if (!checkpoint) throw BadInput("--run: " + run_dir + " has no checkpoint to evaluate (or pass --no-ablation)");
    use_cpu_threads(flags.threads);
    const ComputeDevice device = resolve_device(flags.device, "auto");
    auto [step, model] = checkpoint_evaluator(*checkpoint, config, device);
    EvaluationSettings settings = evaluation_settings(config);
    settings.batches = EvaluationWorker::ablation_batches(config);

    AblationResults results;
    results.step = step;
    std::vector<ThresholdPoint> curve;
    for (int i = 0; i < kThresholdCurvePoints; ++i) {
        Ablation at;
        at.threshold = kThresholdCurveStep * i;
        err << "evaluating step " << step << " with experts below routing weight " << *at.threshold << " off ("
            << i + 1 << "/" << kThresholdCurvePoints + 2 << ")\n";
        curve.push_back({*at.threshold, model->evaluate(settings, &at).accuracy});
    }
    results.curve = ui::ablation_curve_data(curve, std::nullopt, true);
    results.curve.source = {step, ablation_text(Ablation{})};
    err << "evaluating with the largest expert of every layer off (" << kThresholdCurvePoints + 1 << "/"
        << kThresholdCurvePoints + 2 << ")\n";
    Ablation largest;
    largest.largest_off = true;
    results.largest_off_accuracy = model->evaluate(settings, &largest).task_accuracy;
    err << "evaluating intact (" << kThresholdCurvePoints + 2 << "/" << kThresholdCurvePoints + 2 << ")\n";
    results.intact_accuracy = model->evaluate(settings, nullptr).task_accuracy;
    return results;
}

DifficultyTable difficulty_table(const ExportFlags& flags) {
    try {
        return load_difficulty_table(flags.difficulty);
    } catch (const DifficultyTableError& e) {
        throw BadInput(std::string("--difficulty: ") + e.what());
    }
}

// The one run's figures: routing, clusters, and (unless skipped) the ablation and difficulty ones.
void add_run_figures(const ExportFlags& flags, std::vector<ui::ExportableFigure>& figures, std::ostream& err) {
    LoadedRun run;
    try {
        run = load_run(flags.run);
    } catch (const RunLoadError& e) {
        throw BadInput(std::string("--run: ") + e.what());
    }
    const auto groups = ui::expert_groups(run.layers);
    figures.push_back(ui::routing_phase_figure(ui::routing_phase_data(run.routing, groups, -1, {}, "all tasks")));

    ui::ClusterSettings settings;
    settings.method = kMethods.at(flags.method);
    settings.k = flags.clusters;
    ui::ClusterView view = ui::build_cluster_view(run.routing, groups, settings);
    if (!view.ok()) throw BadInput("cannot cluster the tasks of " + flags.run + ": " + view.error);
    figures.push_back(ui::clusters_figure(ui::ClustersFigureData{std::move(view), run.layers, run.task_names, settings,
                                                                 {run.evaluation_step, ablation_text(Ablation{})}}));

    const DifficultyTable table = difficulty_table(flags);
    ui::LpcDifficultyData lpc = ui::lpc_difficulty_data(table, run.task_names, run.task_lpc, run.evaluation_step);
    if (lpc.fit.with_difficulty < lpc.fit.tasks)
        err << "note: the difficulty table has " << lpc.fit.with_difficulty << " of the run's " << lpc.fit.tasks
            << " tasks; the difficulty figures use those\n";
    figures.push_back(ui::lpc_difficulty_figure(std::move(lpc)));
    if (flags.no_ablation) return;
    const AblationResults ablation = evaluate_ablations(flags.run, flags, err);
    figures.push_back(ui::ablation_curve_figure(ablation.curve));
    figures.push_back(ui::accuracy_difficulty_figure(ui::accuracy_difficulty_data(
        table, run.task_names, ablation.largest_off_accuracy, ablation.intact_accuracy, ablation.step)));
}

// Several runs compared: routing consistency (number and run x run matrix) and curves by preset.
// `dirs`: the runs --runs names (folders expanded), named as the studio names them.
void load_compared_runs(const std::vector<std::filesystem::path>& dirs, std::vector<LoadedRun>& runs) {
    for (const std::filesystem::path& dir : dirs) {
        const std::string name = unique_run_name(dir, [&](const std::string& candidate) {
            return std::any_of(runs.begin(), runs.end(), [&](const LoadedRun& r) { return r.name == candidate; });
        });
        try {
            runs.push_back(load_run(dir, name));
        } catch (const RunLoadError& e) {
            throw BadInput(std::string("--runs: ") + e.what());
        }
    }
}

// The paper's figures of the runs grouped by condition (core/study/paper_study.h).
void add_paper_figures(const ExportFlags& flags, const std::vector<std::filesystem::path>& dirs,
                       const std::vector<LoadedRun>& runs, std::vector<ui::ExportableFigure>& figures, std::ostream& err) {
    use_cpu_threads(flags.threads);
    PaperStudySettings settings;
    settings.difficulty_file = flags.difficulty;
    settings.progress = [&](int index, int total, const std::string& name) {
        err << "evaluating " << name << " for the paper's measures (" << index + 1 << "/" << total << ")\n";
    };
    try {
        const PaperStudy study = run_paper_study(dirs, runs, settings);
        for (ui::ExportableFigure& f : ui::paper_figures(study, runs.front().layers)) figures.push_back(std::move(f));
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
}

// Gated-linear runs among --runs that differ in two settings (a `mop sweep fig5-grid2` folder): the
// grid of their total alignment (Fig. 5).
void add_gated_grid(const std::vector<std::filesystem::path>& dirs, std::vector<ui::ExportableFigure>& figures,
                    std::ostream& err) {
    std::vector<ui::GatedGridRun> runs;
    for (const std::filesystem::path& dir : dirs) {
        try {
            const gated::GatedRunFiles run = gated::read_gated_run(dir);
            runs.push_back({run.config, run.mean_total_alignment});
        } catch (const std::runtime_error& e) {
            throw BadInput(std::string("--runs: ") + e.what());
        }
    }
    if (auto grid = ui::gated_grid_data(runs))
        figures.push_back(ui::gated_grid_figure(std::move(*grid)));
    else
        err << "note: the " << runs.size() << " gated-linear runs do not differ in exactly two settings: no grid figure\n";
}

void add_comparison_figures(const ExportFlags& flags, std::vector<ui::ExportableFigure>& figures, std::ostream& err) {
    std::vector<std::filesystem::path> dirs, gated_dirs;
    try {
        dirs = expand_run_folders(flags.runs);
    } catch (const RunLoadError& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    // The gated-linear family's runs have their own figure.
    const auto gated_end = std::stable_partition(dirs.begin(), dirs.end(), [](const std::filesystem::path& d) { return !gated::is_gated_run(d); });
    gated_dirs.assign(gated_end, dirs.end());
    dirs.erase(gated_end, dirs.end());
    if (!gated_dirs.empty()) add_gated_grid(gated_dirs, figures, err);
    if (dirs.empty()) return;  // gated-linear runs only
    std::vector<LoadedRun> runs;
    load_compared_runs(dirs, runs);
    if (flags.paper) add_paper_figures(flags, dirs, runs, figures, err);
    if (runs.size() >= 2) {
        ComparisonSettings settings;
        settings.clusters = flags.clusters;
        settings.method = kMethods.at(flags.method);
        RunComparison comparison;
        try {
            comparison = compare_runs(runs, settings);
        } catch (const std::invalid_argument& e) {
            throw BadInput(std::string("--runs: ") + e.what());
        }
        figures.push_back(ui::consistency_figure(ui::consistency_matrix_data(runs, comparison)));
    }
    figures.push_back(ui::grouped_curves_figure(ui::grouped_curves_data(runs)));
}

// A gated-linear run (the second family): its seed 0's gates and loss over time, blocks shaded, and
// the adaptation per block with the losses after switches 1 and 4; the toy's phase portrait too.
void add_gated_figures(const ExportFlags& flags, std::vector<ui::ExportableFigure>& figures) {
    try {
        const gated::GatedRunFiles run = gated::read_gated_run(flags.run);
        ui::GatedFiguresData data = ui::gated_figures_data(flags.run, run, 0);
        figures.push_back(ui::gated_gates_figure(data));
        figures.push_back(ui::gated_grid_figure(
            ui::gated_cosine_grid(run.teachers.names, gated::cosine_matrix(run.teachers, run.paths.front()), 0, "at the end")));
        if (!data.portrait_c.empty()) figures.push_back(ui::gated_phase_portrait_figure(data));
        if (!data.tape.row_gates.empty()) figures.push_back(ui::gated_row_gates_figure(data));
        figures.push_back(ui::gated_adaptation_figure(std::move(data)));
    } catch (const std::runtime_error& e) {
        throw BadInput(std::string("--run: ") + e.what());
    }
}

void run_export(const ExportFlags& flags, Streams streams) {
    if (flags.run.empty() && flags.runs.empty()) throw BadInput("give --run DIR, --runs DIR..., or both");
    if (flags.paper && flags.runs.empty()) throw BadInput("--paper is about runs grouped by condition: it needs --runs DIR...");
    if (flags.run.empty() && flags.no_ablation) throw BadInput("--no-ablation is about the single-run figures: it needs --run DIR");
    if (flags.run.empty() && !flags.paper && !flags.difficulty.empty())
        throw BadInput("--difficulty is about the difficulty figures: it needs --run DIR or --paper");
    if (flags.clusters < ui::kMinClusters || flags.clusters > ui::kMaxClusters)
        throw BadInput("--clusters must be between " + std::to_string(ui::kMinClusters) + " and " +
                       std::to_string(ui::kMaxClusters));
    if (!kMethods.contains(flags.method)) throw BadInput("--method must be ward or average, not " + flags.method);
    ui::ExportSettings settings;
    try {
        settings.formats = ui::parse_export_formats(flags.format);
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--format: ") + e.what());
    }
    if (flags.font_pt < 3.0 || flags.font_pt > 30.0) throw BadInput("--font-pt must be between 3 and 30");
    if (flags.dpi < ui::kMinPngDpi || flags.dpi > ui::kMaxPngDpi)
        throw BadInput("--dpi must be between " + std::to_string(ui::kMinPngDpi) + " and " +
                       std::to_string(ui::kMaxPngDpi));
    settings.font_size_pt = flags.font_pt;
    settings.png_dpi = flags.dpi;

    std::vector<ui::ExportableFigure> figures;
    if (!flags.runs.empty()) add_comparison_figures(flags, figures, streams.err);
    if (!flags.run.empty()) {
        if (gated::is_gated_run(flags.run))
            add_gated_figures(flags, figures);
        else
            add_run_figures(flags, figures, streams.err);
    }

    const ui::FigureSetResult result =
        ui::write_figure_set(figures, flags.out, settings, [&](int index, int total, const std::string& name) {
            streams.err << "[" << index + 1 << "/" << total << "] " << name << "\n";
        });
    for (const auto& path : result.written) streams.out << path.string() << "\n";
    if (!result.failures.empty()) {
        for (const auto& failure : result.failures) streams.err << "error: " << failure << "\n";
        throw std::runtime_error(std::to_string(result.failures.size()) + " of " + std::to_string(figures.size()) +
                                 " figures were not written");
    }
}

}  // namespace

void add_export_command(CLI::App& app, Streams streams) {
    auto flags = std::make_shared<ExportFlags>();
    CLI::App* cmd = app.add_subcommand("export", "Write the paper's figures (PDF, SVG, PNG and CSV) for runs");
    cmd->add_option("--run", flags->run, "Run directory whose routing, clusters, ablation and difficulty figures to write");
    cmd->add_option("--runs", flags->runs, "Run directories to compare (consistency matrix, curves by preset)");
    cmd->add_option("--out", flags->out, "Folder for the figures (created)")->required();
    cmd->add_option("--format", flags->format, "Comma-separated formats: pdf, svg, png")->capture_default_str();
    cmd->add_option("--font-pt", flags->font_pt, "Body text size in points")->capture_default_str();
    cmd->add_option("--dpi", flags->dpi, "PNG resolution")->capture_default_str();
    cmd->add_option("--clusters", flags->clusters, "K of the task clustering")->capture_default_str();
    cmd->add_option("--method", flags->method, "Linkage: ward or average")->capture_default_str();
    cmd->add_option("--difficulty", flags->difficulty, "Difficulty table from `mop difficulty` (default: the built-in one)");
    cmd->add_flag("--paper", flags->paper,
                  "With --runs: also the paper's figures per condition (LPC and its change vs difficulty, self-sufficiency,\n"
                  "consistency, pathway use); evaluates each run's latest checkpoint once (cached in the run)");
    cmd->add_flag("--no-ablation", flags->no_ablation, "Skip the figures that evaluate the checkpoint with experts off");
    cmd->add_option("--threads", flags->threads, "CPU threads for the evaluations (0: all cores)")->check(at_least(0));
    cmd->add_option("--device", flags->device, "auto, cpu or cuda")->capture_default_str()->check(device_choice());
    cmd->callback([flags, streams] { run_export(*flags, streams); });
}

}  // namespace mop::cli

#include "cli/paper_analysis.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/analysis/paper_measures.h"
#include "core/study/paper_study.h"
#include "core/study/paper_table.h"
#include "core/train/compute_device.h"

namespace mop::cli {

namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json correlation_json(const std::optional<CorrelationResult>& c, const MeanStd* over_seeds) {
    Json j;
    j["r"] = c ? number_or_null(c->r) : Json(nullptr);
    j["p"] = c ? number_or_null(c->p) : Json(nullptr);
    j["n"] = c ? c->n : 0;
    if (over_seeds) j["r_over_seeds"] = {{"mean", number_or_null(over_seeds->mean)}, {"sd", number_or_null(over_seeds->std)}};
    return j;
}

Json mean_sd_json(const MeanStd& v) { return {{"mean", number_or_null(v.mean)}, {"sd", number_or_null(v.std)}}; }





Json distinctness_json(const std::optional<PathwayDistinctness>& d, const std::vector<std::vector<int>>& layers) {
    if (!d) return nullptr;
    Json j;
    j["observations"] = d->observations;
    j["combinations_possible"] = d->possible;
    j["combinations_used"] = d->usage.size();
    j["normalized_entropy"] = number_or_null(d->normalized_entropy);
    j["top_share"] = number_or_null(d->top_share);
    j["zipf_exponent"] = number_or_null(d->zipf_exponent);
    j["chi_square_uniform"] = {{"statistic", number_or_null(d->chi_square)}, {"df", d->degrees_of_freedom}, {"p", number_or_null(d->p_uniform)}};
    j["clusters"] = d->clusters;
    j["distinct_cluster_pathways"] = number_or_null(d->distinct_cluster_pathways);
    Json usage = Json::array();
    for (const CombinationUsage& u : d->usage) usage.push_back({{"pathway", combination_text(u, layers)}, {"count", u.count}});
    j["usage"] = usage;
    return j;
}

}  // namespace

void run_paper_analysis(const std::vector<std::filesystem::path>& dirs, const std::vector<LoadedRun>& runs,
                        const PaperAnalysisSettings& settings, Streams streams) {
    use_cpu_threads(settings.threads);
    PaperStudySettings study_settings;
    study_settings.difficulty_file = settings.difficulty_file;
    study_settings.batches = settings.batches;
    study_settings.progress = [&](int index, int total, const std::string& name) {
        streams.err << "evaluating " << name << " (" << index + 1 << "/" << total << "): experts below "
                    << kPaperPruneThreshold << " removed, then the largest expert of every layer off (cached in "
                    << kPaperEvaluationFile << ")\n";
    };
    PaperStudy study;
    try {
        study = run_paper_study(dirs, runs, study_settings);
    } catch (const std::invalid_argument& e) {
        throw BadInput(std::string("--runs: ") + e.what());
    }
    const std::vector<std::vector<int>> layers = runs.empty() ? std::vector<std::vector<int>>{} : runs.front().layers;

    if (settings.json) {
        Json out;
        out["difficulty_table"] = study.difficulty_source;
        out["prune_threshold"] = study.prune_threshold;
        out["conditions"] = Json::array();
        for (const PaperStudyCondition& sc : study.conditions) {
            const PaperConditionMeasures& c = sc.measures;
            Json j;
            j["condition"] = c.condition;
            j["runs"] = Json::array();
            for (const PaperRunMeasures& r : c.runs) j["runs"].push_back(r.name);
            j["accuracy"] = {{"mean_over_tasks", mean_sd_json(c.accuracy_mean)}, {"sd_over_tasks", mean_sd_json(c.accuracy_sd)}};
            j["settings"] = sc.settings;
            j["routing_consistency"] = sc.consistency ? Json(*sc.consistency) : Json(nullptr);
            j["routing_consistency_task_deviations"] = sc.consistency_task_deviations ? Json(*sc.consistency_task_deviations) : Json(nullptr);
            j["routing_consistency_shuffled_tasks"] = sc.consistency_shuffled_tasks ? Json(*sc.consistency_shuffled_tasks) : Json(nullptr);
            j["distinctness"] = distinctness_json(sc.distinctness, layers);
            j["self_sufficiency"] = {{"intact", mean_sd_json(c.intact)}, {"pruned", mean_sd_json(c.pruned)}};
            j["largest_expert_off"] = {{"accuracy", mean_sd_json(c.largest_off)},
                                       {"vs_difficulty", correlation_json(c.largest_off_vs_difficulty, nullptr)}};
            j["lpc_vs_difficulty"] = correlation_json(c.lpc_vs_difficulty, &c.lpc_r_over_seeds);
            j["lpc_change_vs_difficulty"] = correlation_json(c.lpc_change_vs_difficulty, &c.lpc_change_r_over_seeds);
            j["lpc_all_steps_vs_difficulty"] = correlation_json(c.lpc_all_steps_vs_difficulty, nullptr);
            Json by_step = Json::array();
            for (const auto& [step, r] : c.lpc_r_by_step) by_step.push_back({{"step", step}, {"r", number_or_null(r.r)}, {"p", number_or_null(r.p)}});
            j["lpc_vs_difficulty_by_step"] = by_step;
            Json paper = Json::object();
            for (const PaperValue& v : paper_values())
                if (v.condition == c.condition) paper[v.measure] = v.value;
            j["paper"] = paper;
            out["conditions"].push_back(j);
        }
        streams.out << out.dump(2) << "\n";
        return;
    }
    streams.out << format_text_table(paper_measures_table(study)) << "\n"
                << format_text_table(paper_seed_spread_table(study)) << "\n"
                << format_text_table(paper_training_table(study)) << "\n"
                << format_text_table(paper_consistency_table(study)) << "\n"
                << format_text_table(paper_distinctness_table(study, layers));
}

}  // namespace mop::cli

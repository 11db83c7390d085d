// The model-family seam (core/family): the registry, a run's family in studio.json, and
// Mixture-of-Pathways reached through it with the same numbers as through its own model.
#include "tests/support/catch_with_torch.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/family/model_family.h"
#include "core/model/mop_model.h"
#include "core/tasks/periods.h"
#include "core/train/checkpoint.h"
#include "core/train/checkpoint_files.h"
#include "core/train/compute_device.h"
#include "core/train/evaluation.h"
#include "core/train/run_directory.h"
#include "core/train/run_settings.h"
#include "core/train/trainer.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tiny_run_config.h"

namespace fs = std::filesystem;

namespace {

// Equal element by element, NaN (a task without response steps) equal to NaN.
bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
    return true;
}

}  // namespace

TEST_CASE("families: mop is the default family and an unknown one is refused by name", "[family]") {
    REQUIRE_FALSE(mop::model_families().empty());
    CHECK(mop::model_families().front()->name() == "mop");
    CHECK(mop::RunConfig{}.family == "mop");
    CHECK(static_cast<const mop::ModelFamily*>(&mop::family_of(mop::RunConfig{})) == mop::model_families().front());
    CHECK_THROWS_WITH(mop::model_family("hopfield"), Catch::Contains("\"hopfield\" is not a model family; known: mop, gated-linear"));

    mop::RunConfig config;
    config.family = "hopfield";
    CHECK_THROWS_WITH(config.validate(), Catch::Contains("family (--family) must be mop"));
}

TEST_CASE("families: gated linear networks are a family of their own words and settings, simulated whole", "[family]") {
    const mop::ModelFamily& family = mop::model_family("gated-linear");
    CHECK(family.title() == "Gated linear network");
    CHECK(family.trained() == nullptr);  // no RunConfig, Trainer or checkpoints: one simulation
    CHECK(mop::model_family("mop").trained() != nullptr);
    CHECK(mop::trained_family_names() == std::vector<std::string>{"mop"});
    CHECK(family.words().module == "path");
    CHECK(family.words().weight == "gate");
    CHECK(family.words().phases == std::vector<std::string>{"adapt", "settled", "block end"});
    // Its settings are declared as the first family's are: a flag, a type, a range.
    const std::vector<const mop::Setting*> settings = family.settings();
    const auto tau_c = std::find_if(settings.begin(), settings.end(), [](const mop::Setting* s) { return s->key == "tau_c"; });
    REQUIRE(tau_c != settings.end());
    CHECK((*tau_c)->flag_name() == "--tau-c");
    CHECK((*tau_c)->type == mop::SettingType::Number);
    CHECK((*tau_c)->min_exclusive);
    CHECK(family.default_text(**tau_c) == "0.03");
    CHECK(family.preset_names().front() == "fig2-flexible");
    CHECK_FALSE(family.preset_description("fig2-flexible").empty());
    // A RunConfig cannot name it: its runs have their own settings.
    mop::RunConfig config;
    config.family = "gated-linear";
    CHECK_THROWS_WITH(mop::family_of(config), Catch::Contains("simulated whole"));
}

TEST_CASE("families: Mixture-of-Pathways names its parts and phases, and declares every run setting", "[family]") {
    const mop::ModelFamily& family = mop::model_family("mop");
    CHECK(family.title() == "Mixture of Pathways");
    CHECK(family.words().module == "expert");
    CHECK(family.words().weight == "routing weight");
    REQUIRE(family.words().phases.size() == static_cast<std::size_t>(mop::kPhaseCount));
    for (int p = 0; p < mop::kPhaseCount; ++p)
        CHECK(family.words().phases[static_cast<std::size_t>(p)] == mop::phase_name(static_cast<mop::Phase>(p)));
    CHECK(family.settings().size() == mop::run_settings().size());
    CHECK(mop::find_setting("family") != nullptr);
}

TEST_CASE("families: a run records its family, an older run without it reads as mop, and the family "
          "evaluates its checkpoints exactly as the model does",
          "[family][slow]") {
    const mop::test::TempDir dir("family");
    const fs::path run = dir / "run";
    mop::RunConfig config = mop::test::tiny_run_config();
    config.num_epochs = 1;
    {
        auto trainer = mop::Trainer::create(config, run);
        CHECK(trainer->run() == mop::TrainOutcome::Finished);
    }
    nlohmann::json studio;
    std::ifstream(run / mop::run_files::kStudio) >> studio;
    CHECK(studio.at("family") == "mop");

    // A run made before families existed has no "family" key.
    studio.erase("family");
    std::ofstream(run / mop::run_files::kStudio) << studio.dump(2);
    const mop::RunConfig read = mop::read_run_config(run);
    CHECK(read.family == "mop");
    CHECK(mop::Trainer::resume(run)->step() == 8);

    const auto latest = mop::latest_checkpoint(run);
    REQUIRE(latest);
    const mop::ComputeDevice device = mop::resolve_device("cpu", "fp32");
    mop::EvaluationSettings settings = mop::evaluation_settings(read);
    auto [step, evaluator] = mop::checkpoint_evaluator(*latest, read, device);
    CHECK(step == 8);
    mop::Ablation ablation;
    ablation.threshold = 0.2;
    const mop::Evaluation through_family = evaluator->evaluate(settings, &ablation);

    mop::MopModel model(read.model_config());
    mop::load_model_weights(*latest, model);
    const mop::Evaluation direct = mop::evaluate(model, device, settings, &ablation);
    CHECK(through_family.accuracy == direct.accuracy);
    CHECK(same(through_family.routing, direct.routing));
    CHECK(same(through_family.task_accuracy, direct.task_accuracy));
    CHECK(same(through_family.task_lpc, direct.task_lpc));
}

// How long the studio takes to answer an ablation (new per-task accuracies after an expert switch
// changes), on a trained run: with the engine idle (the baseline) and while the run goes on
// training on another core (what a user sees), measured in the same invocation; and the training
// speed alone against the speed while answers are computed beside it.
//   bench_ablation_latency --run DIR [--answers N]
// The run is copied to a temporary directory first; DIR is not modified.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/engine/engine.h"
#include "core/train/allocator_tuning.h"

namespace {

using namespace mop;

// Switches that differ from one answer to the next, like a user clicking through the grid.
std::vector<Ablation> ablations(const RunConfig& config, int count) {
    std::vector<Ablation> list;
    const auto layers = static_cast<int>(config.layers.size());
    for (int i = 0; list.size() < static_cast<std::size_t>(count); ++i) {
        Ablation a;
        a.off.resize(config.layers.size());
        for (int l = 0; l < layers; ++l) a.off[static_cast<std::size_t>(l)].assign(config.layers[static_cast<std::size_t>(l)].size(), false);
        const int layer = i % layers;
        const auto experts = static_cast<int>(config.layers[static_cast<std::size_t>(layer)].size());
        a.off[static_cast<std::size_t>(layer)][static_cast<std::size_t>((i / layers) % experts)] = true;
        if (i % 4 == 3) a.threshold = 0.1;
        list.push_back(a);
    }
    return list;
}

struct Latency {
    double median = 0, worst = 0;
};

Latency answer_times(Engine& engine, const std::vector<Ablation>& list, const char* label) {
    std::vector<double> seconds;
    for (const Ablation& a : list) {
        engine.post(command::SetAblation{a});
        const auto asked = std::chrono::steady_clock::now();
        const auto s = engine.wait_until(
            [](const EngineSnapshot& s) { return s.ablation.requested == s.ablation.answered && !s.ablation.pending; },
            std::chrono::minutes(5));
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
        if (!s->error.empty()) {
            std::fprintf(stderr, "bench_ablation_latency: %s\n", s->error.c_str());
            std::exit(1);
        }
        seconds.push_back(wall);
        std::printf("  %-8s answer %2zu: %.2f s (weights of step %lld, accuracy %.3f -> %.3f, engine %s)\n", label,
                    seconds.size(), wall, static_cast<long long>(s->ablation.weights_step), s->ablation.intact_accuracy,
                    s->ablation.ablated_accuracy, std::string(status_name(s->status)).c_str());
        // A user reads the answer before clicking again; meanwhile the threshold curve computes.
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
    }
    std::sort(seconds.begin(), seconds.end());
    return {seconds[seconds.size() / 2], seconds.back()};
}

}  // namespace

int main(int argc, char** argv) {
    std::string run;
    int answers = 8;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--run") run = argv[i + 1];
        else if (flag == "--answers") answers = std::max(2, std::atoi(argv[i + 1]));
        else {
            std::fprintf(stderr, "usage: bench_ablation_latency --run DIR [--answers N]\n");
            return 2;
        }
    }
    if (run.empty() || !std::filesystem::exists(std::filesystem::path(run) / "config.json")) {
        std::fprintf(stderr, "bench_ablation_latency: --run must name a trained run (e.g. mop train --preset quick --out runs/quick)\n");
        return 2;
    }
    keep_large_allocations_in_heap();
    const std::filesystem::path copy =
        std::filesystem::temp_directory_path() / ("mop_bench_ablation_" + std::to_string(::getpid()));
    std::filesystem::remove_all(copy);
    std::filesystem::copy(run, copy, std::filesystem::copy_options::recursive);
    // Twice the epochs in the copy, so a finished run has steps left to train while answers come.
    {
        std::ifstream in(copy / "config.json");
        nlohmann::json config = nlohmann::json::parse(in);
        config["num_epochs"] = 2 * config.value("num_epochs", 10);
        std::ofstream(copy / "config.json") << config.dump(2);
    }

    Latency idle, training;
    double alone_rate = 0, answering_rate = 0;  // training steps per second
    {
        Engine engine;
        engine.post(command::OpenRun{copy, /*read_only=*/true});
        const auto s = engine.wait_until([](const EngineSnapshot& s) { return s.status == EngineStatus::Browsing || s.status == EngineStatus::Failed; },
                                         std::chrono::minutes(1));
        if (s->status != EngineStatus::Browsing) {
            std::fprintf(stderr, "bench_ablation_latency: %s\n", s->error.c_str());
            return 1;
        }
        std::printf("baseline: the run browsed read-only, nothing training\n");
        idle = answer_times(engine, ablations(s->config, answers), "idle");
    }
    {
        Engine engine;
        engine.post(command::OpenRun{copy, false});
        auto s = engine.wait_until([](const EngineSnapshot& s) { return s.status == EngineStatus::Paused; }, std::chrono::minutes(1));
        engine.post(command::Resume{});
        s = engine.wait_until([](const EngineSnapshot& s) { return s.status == EngineStatus::Running && s.step > 0; },
                              std::chrono::minutes(1));
        if (s->status != EngineStatus::Running) {
            std::fprintf(stderr, "bench_ablation_latency: the run has no steps left to train; use a run that is not finished\n");
            return 1;
        }
        std::printf("measured: the run training on (%s)\n", s->device.c_str());
        // Training speed alone (the baseline), then while the answers are computed beside it.
        const auto rate_since = [&](std::int64_t step, std::chrono::steady_clock::time_point since) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
            return static_cast<double>(engine.snapshot()->step - step) / seconds;
        };
        std::int64_t step = engine.snapshot()->step;
        auto since = std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(8));
        alone_rate = rate_since(step, since);
        step = engine.snapshot()->step;
        since = std::chrono::steady_clock::now();
        training = answer_times(engine, ablations(s->config, answers), "training");
        answering_rate = rate_since(step, since);
    }
    std::filesystem::remove_all(copy);
    std::printf("\nablation answer, median / worst: idle %.2f / %.2f s, while training %.2f / %.2f s\n", idle.median,
                idle.worst, training.median, training.worst);
    std::printf("ratio training / idle (median): %.2f; target: median under 1 s and every answer within 2 s while "
                "training: %s\n",
                training.median / idle.median, training.median < 1.0 && training.worst <= 2.0 ? "met" : "NOT met");
    std::printf("training speed: %.2f steps/s alone, %.2f steps/s while answering (ratio %.2f; target: not halved: %s)\n",
                alone_rate, answering_rate, answering_rate / alone_rate, answering_rate > 0.5 * alone_rate ? "met" : "NOT met");
    return 0;
}

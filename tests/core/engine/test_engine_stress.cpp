// Many commands fired at random times while a run trains: the engine must stay consistent and stop
// cleanly. Its value is under ThreadSanitizer (test_core_tsan), which checks every interleaving
// it sees for data races.
#include <atomic>
#include <random>
#include <thread>

#include "core/train/checkpoint_files.h"
#include "tests/core/engine/engine_test_helpers.h"
#include "tests/support/temp_dir.h"

using namespace mop;

TEST_CASE("random commands at random times while training", "[engine][stress][slow]") {
    mop::test::TempDir dir("engine_stress");
    RunConfig config = mop::test::tiny_run_config();
    config.num_epochs = 1000;
    std::mt19937 random(7);
    std::uint64_t last_version = 0;
    int wakes = 0;
    {
        Engine engine;
        std::atomic<int> wake_count{0};
        engine.set_wake([&] { wake_count.fetch_add(1, std::memory_order_relaxed); });
        engine.post(command::StartRun{config, dir.path() / "run", false});
        // A reader thread, like the UI: reads snapshots continuously, holding no lock.
        std::atomic<bool> reading{true};
        std::atomic<bool> monotonic{true};  // Catch's assertions are not thread-safe
        std::thread reader([&] {
            std::uint64_t seen = 0;
            while (reading.load()) {
                const auto s = engine.snapshot();
                if (s->version < seen) monotonic = false;
                seen = s->version;
                volatile double sum = 0;
                for (std::size_t i = 0; i < s->curves.loss.size(); ++i) sum = sum + s->curves.loss[i];
                if (const RoutingProfile* p = s->latest_routing()) sum = sum + p->mean_weight(2, 0, 0);
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        for (int i = 0; i < 60; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(random() % 40));
            switch (random() % 9) {
                case 0: engine.post(command::Pause{}); break;
                case 1: engine.post(command::Resume{}); break;
                case 2: engine.post(command::Step{1 + static_cast<int>(random() % 3)}); break;
                case 3: {
                    LiveHyperparameters v = engine.snapshot()->hyperparameters;
                    v.set("cost_based_loss_alpha", 1e-5 * static_cast<double>(random() % 10));
                    engine.post(command::SetHyperparameters{v});
                    break;
                }
                case 4: {
                    Ablation a;
                    a.off = {{false, random() % 2 == 0, random() % 2 == 0}};
                    if (random() % 2) a.threshold = 0.1;
                    engine.post(command::SetAblation{a});
                    break;
                }
                case 5: engine.post(command::EvaluateNow{}); break;
                case 6: engine.post(command::SaveCheckpoint{}); break;
                case 7: engine.post(command::Stop{}); break;
                default: engine.post(command::Resume{}); break;
            }
        }
        reading = false;
        reader.join();
        CHECK(monotonic.load());
        const auto s = engine.snapshot();
        last_version = s->version;
        wakes = wake_count.load();
        CHECK(s->error.empty());
    }  // destroyed in whatever state the commands left it
    CHECK(last_version > 10);
    CHECK(wakes > 10);
    CHECK(latest_checkpoint(dir.path() / "run").has_value());
}

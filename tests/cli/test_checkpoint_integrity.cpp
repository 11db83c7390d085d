// Checkpoints a user can trust: a flipped byte, another run's checkpoint, a misnamed or stray file,
// a run whose checkpoints are gone, a disk that fills during a write and weights that are no longer
// finite are each refused or survived with a message naming the file, and nothing already written
// is lost. Old checkpoints are pruned to keep_checkpoints.
#include "tests/support/catch_with_torch.h"

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/train/checkpoint.h"
#include "core/train/checkpoint_files.h"
#include "core/train/run_directory.h"
#include "core/train/mop_trainer.h"
#include "core/train/trainer.h"
#include "tests/support/cli_run.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tiny_run_config.h"

namespace fs = std::filesystem;

namespace {

using mop::test::contains;
using mop::test::TempDir;

// A run trained for 2 epochs of `steps` steps, its checkpoints every step when `every` is set.
fs::path trained_run(const TempDir& dir, const std::string& name, std::uint64_t seed = 5, int every = 0) {
    mop::RunConfig config = mop::test::tiny_run_config();
    config.task_id = "modcog/go";
    config.num_epochs = 2;
    config.num_steps = 3;
    config.seed = seed;
    config.checkpoint_every = every;
    const fs::path run = dir / name;
    REQUIRE(mop::Trainer::create(config, run)->run() == mop::TrainOutcome::Finished);
    return run;
}

std::string text_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs `body` with every file this process writes limited to `bytes` (writes past it fail with
// EFBIG, as on a full disk), then lifts the limit.
template <typename Body>
void with_file_size_limit(rlim_t bytes, Body body) {
    struct sigaction ignore {}, previous {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGXFSZ, &ignore, &previous);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &small);
    try {
        body();
    } catch (...) {
        setrlimit(RLIMIT_FSIZE, &old);
        sigaction(SIGXFSZ, &previous, nullptr);
        throw;
    }
    setrlimit(RLIMIT_FSIZE, &old);
    sigaction(SIGXFSZ, &previous, nullptr);
}

}  // namespace

TEST_CASE("checkpoints: a flipped byte is caught by the checksum and refused, naming the file", "[checkpoint][slow]") {
    const TempDir dir("ckpt_flip");
    const fs::path run = trained_run(dir, "run");
    const fs::path latest = *mop::latest_checkpoint(run);
    std::string bytes = text_of(latest);
    bytes[bytes.size() / 2] ^= 0x10;
    std::ofstream(latest, std::ios::binary | std::ios::trunc) << bytes;
    const std::string metrics = text_of(run / "metrics.csv");
    mop::MopModel model(mop::test::tiny_run_config().model_config());
    CHECK_THROWS_WITH(mop::load_model_weights(latest, model), Catch::Contains("corrupt") && Catch::Contains(latest.string()));
    const auto r = mop::test::run_cli({"train", "--checkpoint", run.string(), "--num-epochs", "3"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "corrupt"));
    CHECK(text_of(run / "metrics.csv") == metrics);  // nothing changed
}

TEST_CASE("checkpoints: another run's checkpoint and a misnamed one are refused, the run unchanged", "[checkpoint][slow]") {
    const TempDir dir("ckpt_foreign");
    const fs::path run = trained_run(dir, "run", 5);
    const fs::path other = trained_run(dir, "other", 6);
    const std::string metrics = text_of(run / "metrics.csv");
    // The other run's latest, copied in as a later step of this one.
    const fs::path foreign = mop::checkpoint_file(run, 6);
    fs::copy_file(*mop::latest_checkpoint(other), foreign, fs::copy_options::overwrite_existing);
    CHECK_THROWS_WITH(mop::Trainer::resume(run), Catch::Contains("belongs to another run"));
    CHECK(text_of(run / "metrics.csv") == metrics);
    fs::remove(foreign);
    // This run's own step 3 under the name of step 9.
    fs::copy_file(mop::checkpoint_file(run, 3), mop::checkpoint_file(run, 9));
    CHECK_THROWS_WITH(mop::Trainer::resume(run), Catch::Contains("not the step its name says"));
    fs::remove(mop::checkpoint_file(run, 9));
    CHECK_NOTHROW(mop::Trainer::resume(run));
}

TEST_CASE("checkpoints: stray files are ignored with a warning, and a step that overflows is stray", "[checkpoint][slow]") {
    const TempDir dir("ckpt_stray");
    const fs::path run = trained_run(dir, "run");
    std::ofstream(run / "checkpoints" / "step_99999999999999999999.pt") << "x";
    std::ofstream(run / "checkpoints" / "step_000000009.pt.tmp") << "x";
    CHECK(mop::latest_checkpoint_step(run) == 6);
    CHECK(mop::stray_checkpoint_files(run).size() == 1);  // the .tmp is an unfinished write, not stray
    const auto r = mop::test::run_cli({"train", "--checkpoint", run.string(), "--num-epochs", "3"});
    CHECK(r.code == 0);
    CHECK(contains(r.err, "warning: ignoring"));
    CHECK(contains(r.err, "step_99999999999999999999.pt"));
    CHECK_FALSE(fs::exists(run / "checkpoints" / "step_000000009.pt.tmp"));  // removed once it trained
}

TEST_CASE("checkpoints: a run whose checkpoints are gone is not restarted over its logs", "[checkpoint][slow]") {
    const TempDir dir("ckpt_gone");
    const fs::path run = trained_run(dir, "run");
    fs::remove_all(run / "checkpoints");
    const std::string metrics = text_of(run / "metrics.csv"), eval = text_of(run / "eval.csv");
    const auto r = mop::test::run_cli({"train", "--checkpoint", run.string()});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "no checkpoint to continue from"));
    CHECK(text_of(run / "metrics.csv") == metrics);
    CHECK(text_of(run / "eval.csv") == eval);
}

TEST_CASE("checkpoints: a write that fails (file size limit) leaves the last checkpoint and no temporary", "[checkpoint][slow]") {
    const TempDir dir("ckpt_full");
    const fs::path run = trained_run(dir, "run");
    auto trainer = mop::Trainer::resume(run);
    const auto before = mop::checkpoint_files(run);
    bool threw = false;
    std::string message;
    with_file_size_limit(4096, [&] {
        try {
            // The latest step again: its file on disk must survive the failed write.
            trainer->save_checkpoint();
        } catch (const mop::CheckpointWriteError& e) {
            threw = true;
            message = e.what();
        }
    });
    CHECK(threw);
    CHECK(contains(message, "cannot write checkpoint"));
    CHECK(mop::checkpoint_files(run) == before);
    CHECK(mop::stray_checkpoint_files(run).empty());
}

TEST_CASE("checkpoints: weights that are not finite are never written, and old ones are pruned", "[checkpoint][slow]") {
    const TempDir dir("ckpt_nan");
    const fs::path run = trained_run(dir, "run", 5, 1);
    CHECK(mop::checkpoint_files(run).size() == 7);  // steps 0..6, keep_checkpoints 20
    {
        auto trainer = mop::Trainer::resume(run, [](mop::RunConfig& c) { c.keep_checkpoints = 3; });
        trainer->save_checkpoint();
        const auto kept = mop::checkpoint_files(run);
        REQUIRE(kept.size() == 3);
        CHECK(kept.back().first == 6);
        torch::NoGradGuard no_grad;
        mop::mop_trainer_model(*trainer)->parameters().front().fill_(std::numeric_limits<float>::quiet_NaN());
        CHECK_THROWS_AS(trainer->save_checkpoint(), mop::NonFiniteWeights);
        CHECK(mop::checkpoint_files(run) == kept);
    }
}

TEST_CASE("logs: a row that cannot be written is cut back off, and a torn row is cut when opened", "[checkpoint][logs][slow]") {
    const TempDir dir("log_rows");
    const fs::path file = dir / "log.csv";
    {
        mop::CsvLog log(file, "a,b");
        log.row("1,2");
    }
    const auto size = fs::file_size(file);
    with_file_size_limit(size + 10, [&] {
        mop::CsvLog log(file, "a,b");
        CHECK_THROWS_WITH(log.row("3," + std::string(40, '4')), Catch::Contains("cannot write") && Catch::Contains(file.string()));
    });
    CHECK(text_of(file) == "a,b\n1,2\n");
    std::ofstream(file, std::ios::app) << "5,6";  // a crash mid-row
    {
        mop::CsvLog log(file, "a,b");
        log.row("7,8");
    }
    CHECK(text_of(file) == "a,b\n1,2\n7,8\n");
}

TEST_CASE("logs: a disk full while training stops it with an error, and resumed, no row is lost or doubled", "[checkpoint][logs][slow]") {
    const TempDir dir("log_full");
    const fs::path run = trained_run(dir, "run");
    const auto limit = fs::file_size(run / "metrics.csv") + 150;  // a row or two more
    with_file_size_limit(limit, [&] {
        auto trainer = mop::Trainer::resume(run, [](mop::RunConfig& c) { c.num_epochs = 4; });
        CHECK_THROWS_AS(trainer->run(), mop::RunWriteError);
    });
    for (const char* name : {"metrics.csv", "eval.csv", "routing.csv"}) {
        INFO(name);
        const std::string text = text_of(run / name);
        CHECK((text.empty() || text.back() == '\n'));  // no torn row
    }
    auto trainer = mop::Trainer::resume(run, [](mop::RunConfig& c) { c.num_epochs = 4; });
    REQUIRE(trainer->run() == mop::TrainOutcome::Finished);
    std::ifstream in(run / "metrics.csv");
    std::string line;
    std::getline(in, line);
    std::int64_t expected = 1;
    while (std::getline(in, line)) CHECK(std::stoll(line) == expected++);
    CHECK(expected == 13);  // steps 1..12, each once
}

TEST_CASE("resume: the learning rate and the other live settings may change, logged in hyperparameters.csv", "[checkpoint][slow]") {
    const TempDir dir("resume_lr");
    const fs::path run = trained_run(dir, "run");
    const auto r = mop::test::run_cli({"train", "--checkpoint", run.string(), "--num-epochs", "3", "--learning-rate", "0.001",
                                       "--cost-based-loss-alpha", "0.0002"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const std::string log = text_of(run / "hyperparameters.csv");
    CHECK(contains(log, "\n6,0.0002,"));   // from the step it resumed at
    CHECK(contains(log, ",0.001\n"));
    CHECK(mop::read_run_config(run).learning_rate == 0.001);
    // What stays fixed is still refused.
    const auto fixed = mop::test::run_cli({"train", "--checkpoint", run.string(), "--batch-size", "3"});
    CHECK(fixed.code == 2);
    CHECK(contains(fixed.err, "--learning-rate"));  // listed among what can change
}

TEST_CASE("resume: opening a run changes nothing on disk until it trains", "[checkpoint][slow]") {
    const TempDir dir("resume_untouched");
    const fs::path run = trained_run(dir, "run", 5, 1);
    // Logs past the latest checkpoint (a run killed between its last checkpoint and its last row).
    fs::remove(mop::checkpoint_file(run, 6));
    const std::string metrics = text_of(run / "metrics.csv"), config = text_of(run / "config.json");
    {
        auto trainer = mop::Trainer::resume(run, [](mop::RunConfig& c) { c.num_epochs = 3; });
        CHECK(trainer->step() == 5);
        CHECK(text_of(run / "metrics.csv") == metrics);
        CHECK(text_of(run / "config.json") == config);
    }
    CHECK(text_of(run / "metrics.csv") == metrics);
    auto trainer = mop::Trainer::resume(run, [](mop::RunConfig& c) { c.num_epochs = 3; });
    REQUIRE(trainer->run() == mop::TrainOutcome::Finished);
    CHECK(mop::read_run_config(run).num_epochs == 3);
    std::ifstream in(run / "metrics.csv");
    std::string line;
    std::getline(in, line);
    std::int64_t expected = 1;
    while (std::getline(in, line)) CHECK(std::stoll(line) == expected++);
    CHECK(expected == 10);  // 1..9: the row of step 6 was cut and trained again, once
}

TEST_CASE("a run whose studio.json is missing is refused, not opened with default settings", "[checkpoint][slow]") {
    const TempDir dir("no_studio");
    const fs::path run = trained_run(dir, "run", 7);
    fs::remove(run / "studio.json");
    CHECK_THROWS_WITH(mop::read_run_config(run), Catch::Contains("no studio.json"));
    const auto r = mop::test::run_cli({"train", "--checkpoint", run.string(), "--num-epochs", "3"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "no studio.json"));
}

TEST_CASE("resume: a run from before keep_checkpoints keeps every checkpoint, and a torn last row is cut", "[checkpoint][slow]") {
    const TempDir dir("old_run");
    const fs::path run = trained_run(dir, "run", 5, 1);
    // studio.json as older versions wrote it: no keep_checkpoints.
    std::string studio = text_of(run / "studio.json");
    const auto key = studio.find("\"keep_checkpoints\"");
    REQUIRE(key != std::string::npos);
    studio.erase(key, studio.find('\n', key) - key + 1);
    std::ofstream(run / "studio.json", std::ios::trunc) << studio;
    CHECK(mop::read_run_config(run).keep_checkpoints == 0);
    std::ofstream(run / "metrics.csv", std::ios::app) << "12";  // a crash in the middle of a row
    auto trainer = mop::Trainer::resume(run, [](mop::RunConfig& c) { c.num_epochs = 3; });
    REQUIRE(trainer->run() == mop::TrainOutcome::Finished);
    CHECK(mop::checkpoint_files(run).size() == 10);  // steps 0..9, none pruned
    std::ifstream in(run / "metrics.csv");
    std::string line;
    std::getline(in, line);
    std::int64_t expected = 1;
    while (std::getline(in, line)) CHECK(std::stoll(line) == expected++);
    CHECK(expected == 10);
}

// `mop train`'s progress output: a redrawn bar on a terminal, plain lines in logs.
#include "tests/support/catch_with_torch.h"

#include <sstream>

#include "cli/training_progress.h"
#include "core/train/trainer.h"
#include "tests/support/cli_run.h"

namespace {

mop::StepReport report(std::int64_t step, std::int64_t total, double rate) {
    mop::StepReport r;
    r.step = step;
    r.total_steps = total;
    r.epoch = static_cast<int>((step - 1) / 10);
    r.steps_per_s = rate;
    r.result.loss = 1.5;
    return r;
}

}  // namespace

TEST_CASE("durations print as minutes:seconds or hours:minutes:seconds", "[train][cli]") {
    CHECK(mop::cli::format_duration(0) == "0:00");
    CHECK(mop::cli::format_duration(65) == "1:05");
    CHECK(mop::cli::format_duration(3723) == "1:02:03");
    CHECK(mop::cli::format_duration(-1) == "?");
    CHECK(mop::cli::format_duration(1.0 / 0.0) == "?");
}

TEST_CASE("training progress is a bar on a terminal and log lines elsewhere", "[train][cli]") {
    using mop::test::contains;
    using mop::test::count_lines;
    SECTION("terminal: one redrawn line with the bar, steps/s and ETA") {
        std::ostringstream out;
        mop::cli::TrainingProgress progress(out, /*terminal=*/true, 2);
        progress.step(report(5, 20, 2.0));
        const std::string text = out.str();
        CHECK(contains(text, "\r"));
        CHECK(contains(text, "epoch 1/2 [#######"));
        CHECK(contains(text, "5/20"));
        CHECK(contains(text, "2.00 steps/s"));
        CHECK(contains(text, "ETA 0:08"));  // 15 steps left at 2 per second
        CHECK(count_lines(text) == 0);
        progress.line("step 5: held-out accuracy 0.5");  // a message clears the bar and keeps its own line
        CHECK(count_lines(out.str()) == 1);
        progress.step(report(20, 20, 2.0));  // the last step is always drawn
        progress.finish();
        CHECK(contains(out.str(), "20/20"));
        CHECK(out.str().back() == '\n');
    }
    SECTION("not a terminal: about a hundred plain lines per run, no carriage returns") {
        std::ostringstream out;
        mop::cli::TrainingProgress progress(out, /*terminal=*/false, 2);
        for (int step = 1; step <= 1000; ++step) progress.step(report(step, 1000, 50.0));
        const std::string text = out.str();
        CHECK_FALSE(contains(text, "\r"));
        CHECK(count_lines(text) == 101);  // the first step at once, then every 10th
        CHECK(contains(text, "step 1/1000 (epoch"));
        CHECK(contains(text, "step 1000/1000 (epoch"));
        CHECK(contains(text, "loss 1.5000"));
    }
}

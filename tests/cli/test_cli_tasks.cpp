// `mop tasks ...` run in-process, as a user types it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/cli_run.h"

namespace {
using mop::test::CliResult;
using mop::test::count_lines;
const auto run = mop::test::run_cli;
}  // namespace

TEST_CASE("mop tasks list prints the 82 tasks in order with family and length") {
    const CliResult r = run({"tasks", "list"});
    REQUIRE(r.code == 0);
    CHECK(count_lines(r.out) == 83);
    CHECK(r.out.find("0   go              reach            20") != std::string::npos);
    CHECK(r.out.find("81  dnmcseql        delay-match      25-34") != std::string::npos);
    CHECK(r.out.find("dm1             decision-making  9-11") != std::string::npos);
}

TEST_CASE("mop tasks show prints one trial step by step") {
    const CliResult r = run({"tasks", "show", "dlydm1", "--seed", "4"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("stim1") != std::string::npos);
    CHECK(r.out.find("decision  response") != std::string::npos);
    CHECK(r.out.find("ring1=[") != std::string::npos);
    CHECK(run({"tasks", "show", "dlydm1", "--seed", "4"}).out == r.out);  // seeded
    CHECK(run({"tasks", "show", "dlydm1", "--seed", "5"}).out != r.out);
    CHECK(run({"tasks", "show", "dlydm1", "--seed", "4", "--trial", "2"}).out != r.out);
    // Nested tasks alternate rings along the stream, as in training.
    CHECK(run({"tasks", "show", "dms", "--trial", "2"}).out.find("ring: 2") != std::string::npos);
}

TEST_CASE("mop tasks stats --json has every task and the mixed stream") {
    const CliResult r = run({"tasks", "stats", "--trials", "300", "--sequences", "128", "--json"});
    REQUIRE(r.code == 0);
    const auto json = nlohmann::json::parse(r.out);
    REQUIRE(json["tasks"].size() == 82);
    const auto& go = json["tasks"]["go"];
    CHECK(go["trial_length_steps"]["mean"] == 20.0);
    CHECK(go["period_steps"]["delay"]["max"] == 5.0);
    CHECK(go["decision_label_histogram"].size() == 17);
    CHECK(go["channels_by_period"]["decision"]["fixation"]["mean"] == 0.0);
    CHECK(json["tasks"]["rtgo"]["phase_share"]["stimulus"] == 0.0);
    CHECK(json["tasks"]["dm1"]["channels_by_period"]["stimulus"]["ring2"]["std"].get<double>() ==
          Approx(0.1).margin(0.01));
    const auto& mixed = json["mixed"];
    CHECK(mixed["trials_per_sequence"]["mean"].get<double>() == Approx(16.4).margin(0.6));
    CHECK(mixed["response_label_histogram"][16] == 0);
    CHECK(mixed["phase_share"]["response"].get<double>() == Approx(0.312).margin(0.02));
    CHECK(mixed["consecutive_same_task"] == 0);
}

TEST_CASE("mop rejects bad input with one clear line and exit code 2") {
    CliResult r = run({"tasks", "show", "nosuchtask"});
    CHECK(r.code == 2);
    CHECK(r.err == "mop: unknown task 'nosuchtask' (run `mop tasks list` for the 82 names)\n");
    r = run({"tasks", "stats", "--trials", "-3"});
    CHECK(r.code == 2);
    CHECK(r.err.find("--trials must be positive") != std::string::npos);
    r = run({"tasks", "show", "go", "--trial", "0"});
    CHECK(r.code == 2);
    CHECK(r.err.find("--trial") != std::string::npos);
    CHECK(run({"tasks", "stats", "--seed", "abc"}).code == 2);
    CHECK(run({"frobnicate"}).code == 2);
    CHECK(run({}).code == 2);
    CHECK(run({"tasks", "--help"}).code == 0);
}

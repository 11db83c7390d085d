#include <catch2/catch.hpp>

#include "core/tasks/channels.h"
#include "core/tasks/task_catalog.h"
#include "core/tasks/task_set.h"

using namespace mop;

TEST_CASE("the 82 tasks come in the reference order") {
    const char* expected[] = {
        "go", "rtgo", "dlygo", "anti", "rtanti", "dlyanti", "dm1", "dm2", "ctxdm1", "ctxdm2", "multidm", "dlydm1",
        "dlydm2", "ctxdlydm1", "ctxdlydm2", "multidlydm", "dms", "dnms", "dmc", "dnmc", "dlygointr", "dlygointl",
        "dlyantiintr", "dlyantiintl", "dlydm1intr", "dlydm1intl", "dlydm2intr", "dlydm2intl", "ctxdlydm1intr",
        "ctxdlydm1intl", "ctxdlydm2intr", "ctxdlydm2intl", "multidlydmintr", "multidlydmintl", "dmsintr", "dmsintl",
        "dnmsintr", "dnmsintl", "dmcintr", "dmcintl", "dnmcintr", "dnmcintl", "goseqr", "rtgoseqr", "dlygoseqr",
        "antiseqr", "rtantiseqr", "dlyantiseqr", "dm1seqr", "dm2seqr", "ctxdm1seqr", "ctxdm2seqr", "multidmseqr",
        "dlydm1seqr", "dlydm2seqr", "ctxdlydm1seqr", "ctxdlydm2seqr", "multidlydmseqr", "dmsseqr", "dnmsseqr",
        "dmcseqr", "dnmcseqr", "goseql", "rtgoseql", "dlygoseql", "antiseql", "rtantiseql", "dlyantiseql", "dm1seql",
        "dm2seql", "ctxdm1seql", "ctxdm2seql", "multidmseql", "dlydm1seql", "dlydm2seql", "ctxdlydm1seql",
        "ctxdlydm2seql", "multidlydmseql", "dmsseql", "dnmsseql", "dmcseql", "dnmcseql"};
    const auto tasks = modcog_tasks();
    REQUIRE(tasks.size() == 82);
    for (int i = 0; i < 82; ++i) {
        CHECK(tasks[i].name == expected[i]);
        CHECK(find_task(expected[i]) == i);
    }
    CHECK(find_task("nope") == -1);
}

TEST_CASE("families, int and seq parameters follow the names") {
    int counts[3] = {};
    for (const TaskSpec& t : modcog_tasks()) {
        ++counts[static_cast<int>(t.family)];
        const std::string name(t.name);
        CHECK(t.integrate == (name.ends_with("intr") ? 1 : name.ends_with("intl") ? -1 : 0));
        CHECK(t.seq == (name.ends_with("seqr") ? 1 : name.ends_with("seql") ? -1 : 0));
    }
    CHECK(counts[static_cast<int>(TaskFamily::Reach)] == 22);
    CHECK(counts[static_cast<int>(TaskFamily::DecisionMaking)] == 40);
    CHECK(counts[static_cast<int>(TaskFamily::DelayMatch)] == 20);

    const TaskSpec& ctxdm2 = modcog_tasks()[find_task("ctxdm2")];
    CHECK(ctxdm2.ring_weight == std::array<double, 2>{0, 1});
    CHECK(ctxdm2.ring_enabled == std::array<bool, 2>{true, true});
    const TaskSpec& dm1 = modcog_tasks()[find_task("dm1")];
    CHECK(dm1.ring_enabled == std::array<bool, 2>{true, false});
    CHECK(modcog_tasks()[find_task("rtgoseqr")].decision_steps == 5);  // rt seq keeps 500 ms (Q9)
    CHECK(modcog_tasks()[find_task("goseqr")].decision_steps == 10);
    CHECK(modcog_tasks()[find_task("dnmc")].go_on_match == false);
    CHECK(modcog_tasks()[find_task("dmc")].match_category);
}

TEST_CASE("trial length ranges match the master table") {
    auto range = [](const char* name) { return trial_length_range(modcog_tasks()[find_task(name)]); };
    CHECK(range("go").min == 20);
    CHECK(range("rtgo").max == 10);
    CHECK(range("dm1").min == 9);
    CHECK(range("dm1").max == 11);
    CHECK(range("dlydm1").min == 19);
    CHECK(range("dlygointr").min == 15);
    CHECK(range("dlygointr").max == 26);
    CHECK(range("dms").min == 24);
    CHECK(range("dms").max == 33);
    CHECK(range("dmsintr").min == 22);
    CHECK(range("dmsseqr").max == 34);
    CHECK(range("goseqr").min == 25);
    CHECK(range("dm1seqr").max == 19);
}

TEST_CASE("task sets decide the input width and the task ids") {
    const TaskSet all = TaskSet::parse("modcog/all");
    CHECK(all.size() == 82);
    CHECK(all.input_channels() == 115);
    const TaskSet sixteen = TaskSet::parse("modcog/16");
    CHECK(sixteen.input_channels() == 49);
    CHECK(sixteen.task_name(6) == "ctxdlydm1intr");
    CHECK(sixteen.task_name(15) == "multidlydm");
    CHECK(sixteen.catalog_index(9) == find_task("dnmcintl"));
    const TaskSet single = TaskSet::parse("modcog/dm1");
    CHECK(single.input_channels() == 33);
    CHECK_FALSE(single.has_one_hot());

    CHECK_THROWS_WITH(TaskSet::parse("modcog/bogus"), Catch::Contains("unknown task 'bogus'"));
    CHECK_THROWS_WITH(TaskSet::parse("neurogym/x"), Catch::Contains("unknown task id"));
    CHECK(channel_name(0, all) == "fixation");
    CHECK(channel_name(17, all) == "ring2[0]");
    CHECK(channel_name(33 + 6, all) == "task:dm1");
}

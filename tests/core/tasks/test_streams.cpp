// Sequences and batches: schedule, modality alternation, determinism, row independence, state.
#include <catch2/catch.hpp>
#include <map>

#include "core/tasks/sequence_generator.h"
#include "core/tasks/task_catalog.h"

using namespace mop;

namespace {

std::uint64_t fnv1a(const void* data, std::size_t bytes, std::uint64_t h = 1469598103934665603ULL) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

template <class T>
std::uint64_t hash_vector(const std::vector<T>& v, std::uint64_t h = 1469598103934665603ULL) {
    return fnv1a(v.data(), v.size() * sizeof(T), h);
}

std::uint64_t hash_batch(const SequenceBatch& b) {
    std::uint64_t h = hash_vector(b.inputs);
    h = hash_vector(b.labels, h);
    h = hash_vector(b.task_ids, h);
    h = hash_vector(b.phases, h);
    h = hash_vector(b.periods, h);
    return hash_vector(b.trial_starts, h);
}

}  // namespace

TEST_CASE("a batch carries consistent per-step metadata") {
    SequenceGenerator generator({"modcog/all", 16, 350, 4, DataMode::ReferenceCompatible});
    const SequenceBatch b = generator.next();
    REQUIRE(b.channels == 115);
    for (int r = 0; r < b.rows; ++r) {
        CHECK(b.trial_starts[b.index(r, 0)] == 1);
        for (int t = 0; t < b.steps; ++t) {
            const std::size_t i = b.index(r, t);
            const bool response = b.phases[i] == static_cast<std::uint8_t>(Phase::Response);
            CHECK(b.input(r, t, 0) == (response ? 0.0f : 1.0f));  // binarised fixation == response mask
            CHECK(phase_of(static_cast<Period>(b.periods[i])) == static_cast<Phase>(b.phases[i]));
            int hot = 0;
            for (int c = 33; c < 115; ++c) hot += b.input(r, t, c) == 1.0f;
            CHECK(hot == 1);
            CHECK(b.input(r, t, 33 + static_cast<int>(b.task_ids[i])) == 1.0f);
            if (!response) CHECK(b.labels[i] == 0);
            if (t > 0 && !b.trial_starts[i]) CHECK(b.task_ids[i] == b.task_ids[i - 1]);
        }
        // Placements tile the row exactly; only the last trial may be cut.
        const auto& trials = b.placements[r];
        int pos = 0;
        for (std::size_t k = 0; k < trials.size(); ++k) {
            CHECK(trials[k].start == pos);
            if (k + 1 < trials.size()) CHECK(trials[k].kept == trials[k].length);
            pos += trials[k].kept;
        }
        CHECK(pos == 350);
    }
}

TEST_CASE("schedule: never the same task twice in a row, also across batch boundaries") {
    SequenceGenerator generator({"modcog/all", 8, 350, 5, DataMode::ReferenceCompatible});
    std::vector<int> last(8, -1);
    for (int batch = 0; batch < 20; ++batch) {
        const SequenceBatch b = generator.next();
        for (int r = 0; r < b.rows; ++r)
            for (const TrialPlacement& trial : b.placements[r]) {
                CHECK(trial.position != last[r]);
                last[r] = trial.position;
            }
    }
}

TEST_CASE("nested tasks alternate rings per row and task (Q10), and corrected mode flips a coin") {
    for (DataMode mode : {DataMode::ReferenceCompatible, DataMode::Corrected}) {
        SequenceGenerator generator({"modcog/all", 8, 350, 6, mode});
        std::vector<std::map<int, int>> last_ring(8);
        int violations = 0, checks = 0;
        for (int batch = 0; batch < 30; ++batch) {
            const SequenceBatch b = generator.next();
            for (int r = 0; r < b.rows; ++r)
                for (const TrialPlacement& trial : b.placements[r]) {
                    if (trial.modality < 0) continue;
                    auto it = last_ring[r].find(trial.position);
                    if (it != last_ring[r].end()) {
                        ++checks;
                        violations += trial.modality == it->second;
                    }
                    last_ring[r][trial.position] = trial.modality;
                }
        }
        REQUIRE(checks > 1000);
        if (mode == DataMode::ReferenceCompatible) CHECK(violations == 0);
        else CHECK(violations / static_cast<double>(checks) == Approx(0.5).margin(0.05));
    }
}

TEST_CASE("same seed, same bytes, and another seed, other bytes") {
    SequenceGenerator a({"modcog/all", 4, 350, 77, DataMode::ReferenceCompatible});
    SequenceGenerator b({"modcog/all", 4, 350, 77, DataMode::ReferenceCompatible});
    SequenceGenerator c({"modcog/all", 4, 350, 78, DataMode::ReferenceCompatible});
    for (int i = 0; i < 3; ++i) {
        const std::uint64_t h = hash_batch(a.next());
        CHECK(h == hash_batch(b.next()));
        CHECK(h != hash_batch(c.next()));
    }
}

TEST_CASE("the bytes of a seeded batch are frozen across machines and builds") {
    SequenceGenerator generator({"modcog/all", 2, 350, 2025, DataMode::ReferenceCompatible});
    const SequenceBatch b = generator.next();
    // Integer parts depend on no floating-point maths; the inputs add libm's exp and log.
    std::uint64_t h = hash_vector(b.labels);
    h = hash_vector(b.task_ids, h);
    h = hash_vector(b.periods, h);
    CHECK(h == 0x18cd86438521a411ULL);
    CHECK(hash_vector(b.inputs) == 0x40a86bcad80d14f3ULL);
}

TEST_CASE("rows are independent: row r does not depend on the batch size") {
    SequenceGenerator small({"modcog/all", 3, 350, 9, DataMode::ReferenceCompatible});
    SequenceGenerator large({"modcog/all", 7, 350, 9, DataMode::ReferenceCompatible});
    for (int batch = 0; batch < 2; ++batch) {
        const SequenceBatch s = small.next();
        const SequenceBatch l = large.next();
        for (int r = 0; r < 3; ++r)
            for (int t = 0; t < 350; ++t) {
                REQUIRE(s.labels[s.index(r, t)] == l.labels[l.index(r, t)]);
                REQUIRE(s.input(r, t, 20) == l.input(r, t, 20));
            }
    }
}

TEST_CASE("a generator restored from a saved state continues identically") {
    SequenceGenerator original({"modcog/16", 4, 100, 10, DataMode::ReferenceCompatible});
    original.next();
    const auto state = original.state();
    const std::uint64_t expected = hash_batch(original.next());
    SequenceGenerator restored({"modcog/16", 4, 100, 10, DataMode::ReferenceCompatible});
    restored.set_state(state);
    CHECK(hash_batch(restored.next()) == expected);

    SequenceGenerator other_set({"modcog/all", 4, 100, 10, DataMode::ReferenceCompatible});
    CHECK_THROWS_WITH(other_set.set_state(state), Catch::Contains("does not match"));
}

TEST_CASE("16-task and single-task streams have 49 and 33 channels") {
    SequenceGenerator sixteen({"modcog/16", 4, 350, 11, DataMode::ReferenceCompatible});
    const SequenceBatch b = sixteen.next();
    CHECK(b.channels == 49);
    for (std::size_t i = 0; i < b.task_ids.size(); ++i) REQUIRE(b.task_ids[i] < 16);
    SequenceGenerator single({"modcog/dnms", 2, 350, 11, DataMode::ReferenceCompatible});
    const SequenceBatch s = single.next();
    CHECK(s.channels == 33);
    CHECK(s.placements[0].size() > 5);  // consecutive trials of the one task
    CHECK_THROWS_WITH(SequenceGenerator({"modcog/all", 0, 350, 1, DataMode::ReferenceCompatible}),
                      Catch::Contains("batch size"));
}

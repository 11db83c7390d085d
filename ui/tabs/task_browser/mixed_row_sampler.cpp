#include "ui/tabs/task_browser/mixed_row_sampler.h"

namespace mop::ui {

MixedRowSampler::MixedRowSampler(std::uint64_t seed, DataMode mode) {
    GeneratorConfig config;
    config.task_id = "modcog/all";
    config.batch_size = 1;
    config.seq_len = kMixedSequenceSteps;
    config.seed = seed;
    config.mode = mode;
    m_generator = std::make_unique<SequenceGenerator>(config);
    next();
}

const SequenceBatch& MixedRowSampler::next() {
    m_batch = m_generator->next();
    ++m_index;
    return m_batch;
}

}  // namespace mop::ui

#include "core/train/evaluation_result.h"

#include <numeric>

#include "core/tasks/periods.h"

namespace mop {

double Evaluation::routing_weight(int task, int phase, int layer, int expert) const {
    const int per_phase = std::accumulate(experts.begin(), experts.end(), 0);
    const int offset = std::accumulate(experts.begin(), experts.begin() + layer, 0);
    return routing[(static_cast<std::size_t>(task) * kPhaseCount + phase) * per_phase + offset + expert];
}

}  // namespace mop

// The loss's settings (plain data, no LibTorch), so run configs and the studio can hold them.
#pragma once

namespace mop {

struct LossSettings {
    double alpha = 1e-5;    // cost_based_loss_alpha; 0 gives the plain HMoE baseline
    double epsilon = 1e-2;  // cost_based_loss_epsilon
    bool fixation_loss = true;
    bool performance_scaling = true;
    bool detach_scaling = false;  // the reference lets the gradient flow through A_k in (eps + A_k)
};

}  // namespace mop

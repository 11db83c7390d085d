#include "ui/panels/bias_sliders.h"

#include <imgui.h>

#include <algorithm>

#include "ui/theme.h"

namespace mop::ui {

namespace {

// The paper's expert dropout, restored when the user switches it back on.
constexpr double kDefaultBeta = 0.8;
constexpr double kDefaultGamma = 0.1;

bool slider(const char* label, double& value, double min, double max, const char* format, bool log,
            const char* tip) {
    ImGui::SliderScalar(label, ImGuiDataType_Double, &value, &min, &max, format,
                        log ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\nCtrl+click to type a value.", tip);
    return ImGui::IsItemDeactivatedAfterEdit();
}

}  // namespace

bool draw_bias_sliders(LiveHyperparameters& v, int most_experts) {
    // Short labels ("alpha", "learning rate") and the options' full meaning in tooltips.
    ImGui::PushItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("learning rate").x -
                                              2.0f * ImGui::GetStyle().ItemInnerSpacing.x));
    bool done = false;
    done |= slider("alpha", v.alpha, 0.0, 1e-2, "%.2e", true,
                   "cost_based_loss_alpha: weight of the routing cost in the loss.\n"
                   "Higher pushes the router towards cheap (small or skip) experts.");
    done |= slider("epsilon", v.epsilon, 1e-4, 1.0, "%.2e", true,
                   "cost_based_loss_epsilon: task-performance scaling of the routing cost.\n"
                   "Smaller makes the cost depend more on how well the task is already done.");
    bool dropout = v.beta.has_value() && v.gamma.has_value();
    if (ImGui::Checkbox("expert dropout", &dropout)) {
        v.beta = dropout ? std::optional<double>(kDefaultBeta) : std::nullopt;
        v.gamma = dropout ? std::optional<double>(kDefaultGamma) : std::nullopt;
        done = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Drop experts whose router weight is below gamma, with probability up to beta.");
    if (dropout) {
        double beta = *v.beta, gamma = *v.gamma;
        const double gamma_max = 1.0 / static_cast<double>(std::max(most_experts, 1));
        if (slider("beta", beta, 0.0, 1.0, "%.2f", false, "dropout_max_prob: the highest probability of dropping an expert")) done = true;
        if (slider("gamma", gamma, 0.005, gamma_max, "%.3f", false,
                   "dropout_router_weight_threshold: at most 1 / (experts in a layer)"))
            done = true;
        v.beta = beta;
        v.gamma = gamma;
    }
    done |= slider("learning rate", v.learning_rate, 1e-5, 1.0, "%.2e", true, "Schedule-free AdamW learning rate");
    ImGui::PopItemWidth();
    return done;
}

}  // namespace mop::ui

#include "ui/studio_script.h"

#include <stdexcept>

#include "ui/run_control/run_control_panel.h"

namespace mop::ui {

StudioScript::StudioScript(const StudioOptions& options) : m_options(options) {
    if (!options.scripted()) m_stage = Stage::Done;
}

StudioScript::State StudioScript::fail(std::string message) {
    m_stage = Stage::Failed;
    m_error = std::move(message);
    return State::Failed;
}

bool StudioScript::wants_ablation() const {
    return !m_options.disable_experts.empty() || m_options.threshold || m_options.largest_off;
}

StudioScript::State StudioScript::advance(const EngineSnapshot& s, StudioSelection& selection,
                                          RunControlPanel& run_control, const PostCommand& post) {
    if (s.status == EngineStatus::Failed && m_stage != Stage::Begin) return fail(s.error);
    switch (m_stage) {
        case Stage::Begin:
            if (!m_options.config.empty() && !run_control.load_config(m_options.config))
                return fail("--config: " + run_control.error());
            if (m_options.start) {
                if (!m_options.out.empty()) run_control.set_output_dir(m_options.out);
                const bool stepping = m_options.steps > 0;
                if (!run_control.start(selection, post, /*paused=*/stepping)) return fail(run_control.error());
                if (!stepping) {
                    m_stage = Stage::Done;
                    break;
                }
                post(command::Step{m_options.steps});
                m_stage = Stage::WaitTrained;
            } else if (!m_options.open_run.empty()) {
                post(command::OpenRun{m_options.open_run, m_options.read_only});
                m_stage = Stage::WaitOpened;
            } else {
                m_stage = Stage::Done;
            }
            break;
        case Stage::WaitTrained:
            // A run that diverges or ends before --steps would otherwise be waited for until the
            // script's time limit: say why it stopped.
            if (s.status == EngineStatus::Diverged || s.status == EngineStatus::Stopped)
                return fail("--steps " + std::to_string(m_options.steps) + ": the run " + std::string(status_name(s.status)) +
                            " at step " + std::to_string(s.step) + (s.message.empty() ? "" : ": " + s.message));
            if (s.status == EngineStatus::Finished && s.step < m_options.steps) {
                post(command::EvaluateNow{});
                m_stage = Stage::WaitEvaluated;
                break;
            }
            if (s.status == EngineStatus::Paused && s.step >= m_options.steps) {
                post(command::EvaluateNow{});
                m_stage = Stage::WaitEvaluated;
            }
            break;
        case Stage::WaitOpened:
            if (s.status == EngineStatus::Browsing || s.status == EngineStatus::Paused ||
                s.status == EngineStatus::Finished)
                m_stage = Stage::Ablate;
            break;
        case Stage::WaitEvaluated:
            if (s.evaluation && s.evaluation->step == s.step && !s.evaluating) m_stage = Stage::Ablate;
            break;
        case Stage::Ablate: {
            if (!wants_ablation()) {
                m_stage = Stage::Done;
                break;
            }
            Ablation ablation;
            if (!m_options.disable_experts.empty()) {
                std::vector<int> experts;
                for (const auto& layer : s.config.layers) experts.push_back(static_cast<int>(layer.size()));
                try {
                    switch_off_experts(ablation, m_options.disable_experts, experts);
                } catch (const std::invalid_argument& e) {
                    return fail(std::string("--disable-experts: ") + e.what());
                }
            }
            ablation.threshold = m_options.threshold;
            ablation.largest_off = m_options.largest_off;
            selection.ablation = ablation;
            post(command::SetAblation{ablation});
            m_stage = Stage::WaitAblation;
            break;
        }
        case Stage::WaitAblation:
            // The whole answer: accuracies and the threshold curve.
            if (!s.ablation.pending && s.ablation.answered == s.ablation.requested && s.ablation.curve_complete)
                m_stage = Stage::Done;
            break;
        case Stage::Done:
        case Stage::Failed:
            break;
    }
    if (m_stage == Stage::Failed) return State::Failed;
    return m_stage == Stage::Done ? State::Done : State::Working;
}

}  // namespace mop::ui

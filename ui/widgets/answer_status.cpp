#include "ui/widgets/answer_status.h"

#include <imgui.h>

#include "ui/widgets/status_text.h"

namespace mop::ui {

bool answer_status(const std::string& what, std::int64_t answer_step, std::int64_t run_step, std::int64_t tolerance,
                   const std::string& refresh) {
    const std::string source = what + " of step " + std::to_string(answer_step);
    const bool stale = run_step - answer_step > tolerance;
    ImGui::AlignTextToFramePadding();
    if (stale) {
        warning_text("stale: " + source + ", the run is at step " + std::to_string(run_step));
    } else {
        ImGui::TextDisabled("%s", source.c_str());
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\nExported figures and CSVs carry this step.", refresh.c_str());
    return stale;
}

}  // namespace mop::ui

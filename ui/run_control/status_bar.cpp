#include "ui/run_control/status_bar.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "figures/style/palette.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

ImU32 status_colour(EngineStatus status) {
    switch (status) {
        case EngineStatus::Running:
            return to_imu32(okabe_ito(OkabeIto::BluishGreen));
        case EngineStatus::Paused:
        case EngineStatus::Stopped:
            return to_imu32(okabe_ito(OkabeIto::Yellow));
        case EngineStatus::Finished:
        case EngineStatus::Browsing:
            return to_imu32(okabe_ito(OkabeIto::SkyBlue));
        case EngineStatus::Diverged:
        case EngineStatus::Failed:
            return to_imu32(okabe_ito(OkabeIto::Vermillion));
        case EngineStatus::NoRun:
            break;
    }
    return screen_palette().dim_text;
}

void separator() {
    ImGui::SameLine(0.0f, 10.0f * ui_scale());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(screen_palette().plot_frame), "|");
    ImGui::SameLine(0.0f, 10.0f * ui_scale());
}

constexpr double kMessageFreshS = 8.0;
constexpr double kMessageShownS = 30.0;

}  // namespace

std::string describe_duration(double seconds) {
    if (!std::isfinite(seconds) || seconds <= 0) return "-";
    const auto total = static_cast<long long>(std::llround(seconds));
    char text[48];
    if (total < 60)
        std::snprintf(text, sizeof text, "%lld s", total);
    else if (total < 3600)
        std::snprintf(text, sizeof text, "%lld min %02lld s", total / 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%lld h %02lld min", total / 3600, (total % 3600) / 60);
    return text;
}

void draw_status_bar(const EngineSnapshot& snapshot, const StatusBarExtras& extras) {
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, status_colour(snapshot.status));
    const std::string_view name = status_name(snapshot.status);
    ImGui::TextUnformatted(name.data(), name.data() + name.size());
    ImGui::PopStyleColor();

    if (snapshot.status != EngineStatus::NoRun) {
        separator();
        ImGui::Text("step %lld / %lld", static_cast<long long>(snapshot.step),
                    static_cast<long long>(snapshot.total_steps));
        if (snapshot.total_steps > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%.0f%%)", 100.0 * static_cast<double>(snapshot.step) /
                                                static_cast<double>(snapshot.total_steps));
        }
        // A rate and an ETA only mean something while steps are being taken.
        if (snapshot.status == EngineStatus::Running) {
            separator();
            ImGui::Text("%.2f steps/s", snapshot.steps_per_s);
            separator();
            ImGui::Text("ETA %s", describe_duration(snapshot.eta_s()).c_str());
        }
        if (!snapshot.device.empty()) {
            separator();
            ImGui::TextUnformatted(snapshot.device.c_str());
        }
    }
    if (!extras.beside.empty()) {
        separator();
        ImGui::TextUnformatted(extras.beside.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("The Gated linear tab shows it");
    }
    separator();
    if (extras.idle) {
        ImGui::TextDisabled("idle");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Nothing moves, so the studio draws only when you do something");
    } else {
        ImGui::TextDisabled("%.0f fps", static_cast<double>(extras.frame_rate));
    }
    if (!snapshot.run_dir.empty()) {
        separator();
        const char* dir = snapshot.run_dir.c_str();  // POSIX paths are narrow strings: no copy per frame
        ImGui::TextDisabled("%s", dir);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Run directory: %s", dir);
    }
    // News for a while, then history: dimmed after kMessageFreshS, gone after kMessageShownS.
    if (!snapshot.message.empty() && extras.message_age_s < kMessageShownS) {
        separator();
        if (extras.message_age_s < kMessageFreshS)
            ImGui::TextUnformatted(snapshot.message.c_str());
        else
            ImGui::TextDisabled("%s", snapshot.message.c_str());
    }
    if (!extras.notice.empty()) {
        separator();
        warning_text(extras.notice);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", extras.notice.c_str());
    }
    if (!snapshot.error.empty()) {
        separator();
        ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(okabe_ito(OkabeIto::Vermillion)));
        ImGui::TextUnformatted(snapshot.error.c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", snapshot.error.c_str());
    }
}

}  // namespace mop::ui

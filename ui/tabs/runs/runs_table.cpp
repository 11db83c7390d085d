#include "ui/tabs/runs/runs_table.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "figures/style/run_group_style.h"
#include "ui/theme.h"
#include "ui/widgets/status_text.h"

namespace mop::ui {

namespace {

// Fixed columns around the settings' columns; ImGui's column user ids. Setting s has id kSettings + s.
enum Column { kShow, kName, kSteps, kLoss, kAccuracy, kMeanLpc, kStatus, kSettings };

void number_cell(double v, const char* format) {
    if (std::isnan(v)) {
        ImGui::TextDisabled("-");
    } else {
        ImGui::Text(format, v);
    }
}

// Numbers compare as numbers, other text as text ("1e-05" < "0.001").
int compare_values(const std::string& a, const std::string& b) {
    char* end_a = nullptr;
    char* end_b = nullptr;
    const double x = std::strtod(a.c_str(), &end_a);
    const double y = std::strtod(b.c_str(), &end_b);
    if (!a.empty() && !b.empty() && *end_a == '\0' && *end_b == '\0') return x < y ? -1 : (y < x ? 1 : 0);
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

// The settings in which the loaded runs differ (the preset when none does), in declaration order.
std::vector<std::string> differing_settings(const RunSet& runs) {
    std::vector<std::string> keys;
    for (const std::string& choice : runs.grouping_choices())
        if (choice != kGroupByCondition && choice != kGroupByRun) keys.push_back(choice);
    if (keys.empty()) keys.push_back("preset");
    return keys;
}

std::string setting_value(const RunEntry& e, const std::string& key) {
    if (e.state != RunEntryState::Loaded) return {};
    const RunSetting* s = find_run_setting(*e.run, key);
    return s == nullptr ? std::string() : s->value;
}

double mean_lpc(const RunSetComparison& c, std::uint64_t id) {
    for (std::size_t i = 0; i < c.entry.size(); ++i)
        if (c.entry[i] == id) return c.mean_lpc[i];
    return mean_and_std({}).mean;
}

// Orders rows by one column; unloaded entries go last whatever the direction.
struct EntryOrder {
    const RunSetComparison* comparison;
    const std::vector<std::string>* settings;
    int column = kName;
    bool ascending = true;

    int compare(const RunEntry& a, const RunEntry& b) const {
        const LoadedRun& x = *a.run;
        const LoadedRun& y = *b.run;
        auto by = [](auto u, auto v) { return u < v ? -1 : (v < u ? 1 : 0); };
        auto by_number = [&](double u, double v) {
            if (std::isnan(u) || std::isnan(v)) return std::isnan(u) == std::isnan(v) ? 0 : (std::isnan(u) ? 1 : -1);
            return by(u, v);
        };
        switch (column) {
            case kShow: return by(a.hidden, b.hidden);
            case kSteps: return by(x.steps_trained, y.steps_trained);
            case kLoss: return by_number(x.final_loss, y.final_loss);
            case kAccuracy: return by_number(x.accuracy, y.accuracy);
            case kMeanLpc: return by_number(mean_lpc(*comparison, a.id), mean_lpc(*comparison, b.id));
            case kName: return by(a.name, b.name);
            default: {
                const std::string& key = settings->at(static_cast<std::size_t>(column - kSettings));
                return compare_values(setting_value(a, key), setting_value(b, key));
            }
        }
    }
    bool operator()(const RunEntry* a, const RunEntry* b) const {
        const bool a_loaded = a->state == RunEntryState::Loaded, b_loaded = b->state == RunEntryState::Loaded;
        if (a_loaded != b_loaded) return a_loaded;
        const int c = a_loaded ? compare(*a, *b) : a->name.compare(b->name);
        return ascending ? c < 0 : c > 0;
    }
};

}  // namespace

int entry_group(const RunSetComparison& c, std::uint64_t entry_id) {
    if (!c.comparison) return -1;
    for (std::size_t i = 0; i < c.entry.size(); ++i) {
        if (c.entry[i] != entry_id) continue;
        for (std::size_t g = 0; g < c.comparison->groups.size(); ++g) {
            const std::vector<int>& members = c.comparison->groups[g].members;
            if (std::find(members.begin(), members.end(), static_cast<int>(i)) != members.end()) return static_cast<int>(g);
        }
    }
    return -1;
}

void draw_runs_table(RunSet& runs, float height) {
    const std::vector<std::string> settings = differing_settings(runs);
    const int columns = kSettings + static_cast<int>(settings.size());
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_ScrollX | ImGuiTableFlags_Sortable |
                                       ImGuiTableFlags_SortTristate | ImGuiTableFlags_SizingFixedFit;
    // Another set of setting columns is another table (ImGui keeps widths and order per id).
    const std::string id = "##runs " + std::to_string(columns);
    if (!ImGui::BeginTable(id.c_str(), columns, kFlags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupScrollFreeze(2, 1);
    ImGui::TableSetupColumn("show", 0, 0.0f, kShow);
    ImGui::TableSetupColumn("run", 0, 0.0f, kName);
    for (std::size_t s = 0; s < settings.size(); ++s)
        ImGui::TableSetupColumn(settings[s].c_str(), 0, 0.0f, static_cast<ImGuiID>(kSettings + static_cast<int>(s)));
    ImGui::TableSetupColumn("steps", 0, 0.0f, kSteps);
    ImGui::TableSetupColumn("final loss", 0, 0.0f, kLoss);
    ImGui::TableSetupColumn("accuracy", 0, 0.0f, kAccuracy);
    ImGui::TableSetupColumn("mean LPC", 0, 0.0f, kMeanLpc);
    ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthStretch, 0.0f, kStatus);
    ImGui::TableHeadersRow();

    const RunSetComparison& comparison = runs.comparison();
    EntryOrder order{&comparison, &settings};
    std::vector<const RunEntry*> rows;
    for (const RunEntry& e : runs.entries()) rows.push_back(&e);
    if (const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs != nullptr && specs->SpecsCount > 0) {
        order.column = static_cast<int>(specs->Specs[0].ColumnUserID);
        order.ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
        std::stable_sort(rows.begin(), rows.end(), order);
    }

    std::uint64_t removed = 0;
    std::optional<std::pair<std::uint64_t, bool>> toggled;
    for (const RunEntry* e : rows) {
        ImGui::TableNextRow();
        ImGui::PushID(static_cast<int>(e->id));
        const bool shown = runs.shown(*e);
        const int group = shown ? entry_group(comparison, e->id) : -1;
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("x")) removed = e->id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this run from the comparison");
        ImGui::SameLine();
        bool visible = !e->hidden;
        if (group >= 0) ImGui::PushStyleColor(ImGuiCol_CheckMark, to_imu32(run_group_colour(group)));
        if (ImGui::Checkbox("##show", &visible)) toggled = std::pair{e->id, !visible};
        if (group >= 0) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(e->hidden                  ? "Hidden: left out of the plots, the groups and the matrix"
                              : !runs.matches_filter(*e) ? "Filtered out by the filter above the table"
                                                         : "Shown; untick to leave it out of the plots, groups and matrix");
        ImGui::TableNextColumn();
        if (group >= 0) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(to_imu32(run_group_colour(group))), "%s", e->name.c_str());
        } else {
            ImGui::TextDisabled("%s", e->name.c_str());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e->dir.string().c_str());
        if (e->state == RunEntryState::Loaded) {
            const LoadedRun& run = *e->run;
            for (const std::string& key : settings) {
                ImGui::TableNextColumn();
                const std::string value = setting_value(*e, key);
                ImGui::TextUnformatted(value.empty() ? "-" : value.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(run.steps_trained));
            ImGui::TableNextColumn();
            number_cell(run.final_loss, "%.4g");
            ImGui::TableNextColumn();
            number_cell(run.accuracy, "%.4f");
            ImGui::TableNextColumn();
            number_cell(mean_lpc(comparison, e->id), "%.4g");
            ImGui::TableNextColumn();
            ImGui::TextDisabled(shown ? "loaded" : e->hidden ? "hidden" : "filtered out");
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("the numbers are from its latest evaluation, at step %lld",
                                  static_cast<long long>(run.evaluation_step));
        } else {
            ImGui::TableSetColumnIndex(columns - 1);
            if (e->state == RunEntryState::Loading) {
                ImGui::TextDisabled("loading...");
            } else {
                error_text(e->error);
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (toggled) runs.set_hidden(toggled->first, toggled->second);
    if (removed != 0) runs.remove(removed);
}

}  // namespace mop::ui

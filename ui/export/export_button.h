// The "Export" button every figure in the studio has: its popup sets the folder, file name,
// formats (PDF, SVG, PNG), size in mm and font size in pt, then writes the figure through Cairo
// with its CSV beside it. Folder, formats and font are shared by all figures for the session.
#pragma once

#include <filesystem>
#include <functional>

#include "figures/export/exportable_figure.h"

namespace mop::ui {

// What every export in this session writes with; the Export all button uses it too.
struct ExportPreferences {
    std::filesystem::path folder = "figures";
    bool pdf = true, svg = true, png = true;
    float font_size_pt = 7.0f;
    int png_dpi = 300;

    // ExportSettings for these preferences (path and size are set per figure). Throws
    // std::invalid_argument when no format is ticked.
    ExportSettings settings() const;
};
ExportPreferences& export_preferences();

// Draws a small button (ImGui id `id`, "Export" or `label` on it: where one panel has several
// figures); `make` is called only when the user exports.
void figure_export_button(const char* id, const std::function<ExportableFigure()>& make, const char* label = "Export");

// The folder / formats / font widgets of the popup, for Export all's own popup. Returns true when
// something changed.
bool edit_export_preferences(ExportPreferences& preferences);

}  // namespace mop::ui

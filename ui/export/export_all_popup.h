// "Export all figures": the paper's set for what is open (routing by layer and phase, task
// clusters, the ablation curve, complexity and accuracy against difficulty, the runs' consistency
// and curves) written into one folder as PDF / SVG / PNG with CSV beside each. The panels supply
// their figures; a figure that cannot be made yet is listed with the reason.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/engine/engine_snapshot.h"
#include "figures/export/exportable_figure.h"

namespace mop::ui {

// What one panel adds: its figures, or a line saying why one is missing ("ablation curve: ...").
struct FigureCollection {
    std::vector<ExportableFigure> figures;
    std::vector<std::string> missing;  // figures that could not be made, with why
    std::vector<std::string> notes;    // about figures that were made (e.g. a curve still filling in)
};
using FigureProvider = std::function<void(const EngineSnapshot& snapshot, FigureCollection& out)>;

class ExportAllPopup {
public:
    void add_provider(FigureProvider provider) { m_providers.push_back(std::move(provider)); }
    // Opens the popup (folder, formats, font; Write; what was written or failed); draw_popup
    // draws it while open, in the same ImGui id scope as open() was called.
    void open();
    void draw_popup(const EngineSnapshot& snapshot);
    // Collects every provider's figures and writes them with the session's export preferences;
    // returns the report shown in the popup. For the studio script and tests too.
    std::string export_all(const EngineSnapshot& snapshot);
    bool failed() const { return m_failed; }  // whether the last export_all failed in part or whole

private:
    void preview(const EngineSnapshot& snapshot);

    std::vector<FigureProvider> m_providers;
    std::string m_report;
    bool m_failed = false;
    bool m_preview_pending = false;
    std::string m_will_write;             // the figures' names, as the preview found them
    std::vector<std::string> m_not_yet;   // figures that cannot be made yet, with why
};

}  // namespace mop::ui

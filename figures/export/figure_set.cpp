#include "figures/export/figure_set.h"

#include <exception>

namespace mop::ui {

FigureSetResult write_figure_set(const std::vector<ExportableFigure>& figures, const std::filesystem::path& folder,
                                 const ExportSettings& settings, const FigureProgress& progress) {
    FigureSetResult result;
    const int total = static_cast<int>(figures.size());
    for (int i = 0; i < total; ++i) {
        const ExportableFigure& figure = figures[static_cast<std::size_t>(i)];
        if (progress) progress(i, total, figure.name);
        try {
            for (auto& path : write_exportable_figure(figure, folder, settings)) result.written.push_back(std::move(path));
        } catch (const std::exception& error) {
            result.failures.push_back(figure.name + ": " + error.what());
        }
    }
    return result;
}

}  // namespace mop::ui

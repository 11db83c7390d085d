#include "figures/export/exportable_figure.h"

#include <stdexcept>

namespace mop::ui {

std::vector<std::filesystem::path> write_exportable_figure(const ExportableFigure& figure,
                                                           const std::filesystem::path& folder,
                                                           ExportSettings settings) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) throw std::runtime_error("cannot create folder " + folder.string() + ": " + error.message());
    settings.path_without_extension = folder / figure.name;
    settings.width_mm = figure.width_mm;
    settings.height_mm = figure.height_mm;
    // The table first: a figure whose data cannot be had leaves no files at all.
    const CsvTable table = figure.csv ? figure.csv() : CsvTable{};
    std::vector<std::filesystem::path> written = export_figure(figure.draw, settings);
    if (figure.csv) {
        std::filesystem::path csv = folder / (figure.name + ".csv");
        write_csv(csv, table);
        written.push_back(std::move(csv));
    }
    return written;
}

}  // namespace mop::ui

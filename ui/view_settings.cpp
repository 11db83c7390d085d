#include "ui/view_settings.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/train/run_directory.h"

namespace mop::ui {

namespace {

using Json = nlohmann::json;

const char* theme_name(Theme theme) { return theme == Theme::Light ? "light" : "dark"; }
const char* loss_layout_name(LossLayout layout) { return layout == LossLayout::Together ? "together" : "apart"; }
const char* grouping_name(TaskGrouping g) {
    switch (g) {
        case TaskGrouping::Family: return "family";
        case TaskGrouping::Variant: return "variant";
        case TaskGrouping::Task: return "task";
        case TaskGrouping::Mean: break;
    }
    return "mean";
}

[[noreturn]] void bad(const std::filesystem::path& file, const std::string& what) {
    throw std::runtime_error(file.string() + ": " + what + " (delete the file to start from the defaults)");
}

template <typename T>
T value(const Json& j, const char* key, T fallback, const std::filesystem::path& file) {
    if (!j.contains(key)) return fallback;
    try {
        return j.at(key).get<T>();
    } catch (const Json::exception&) {
        bad(file, std::string("\"") + key + "\" has the wrong type");
    }
}

template <typename Enum, std::size_t N>
Enum choice(const Json& j, const char* key, Enum fallback, const std::array<Enum, N>& values,
            const char* (*name)(Enum), const std::filesystem::path& file) {
    const std::string text = value<std::string>(j, key, name(fallback), file);
    for (const Enum v : values)
        if (text == name(v)) return v;
    std::string known;
    for (const Enum v : values) known += std::string(known.empty() ? "" : ", ") + name(v);
    bad(file, std::string("\"") + key + "\" must be one of " + known + ", got \"" + text + "\"");
}

}  // namespace

std::filesystem::path default_view_settings_path() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0')
        return std::filesystem::path(xdg) / "mop-studio" / "view.json";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return std::filesystem::path(home) / ".config" / "mop-studio" / "view.json";
    return {};
}

ViewSettings read_view_settings(const std::filesystem::path& file) {
    ViewSettings s;
    std::error_code error;
    if (!std::filesystem::exists(file, error)) return s;
    std::ifstream in(file);
    if (!in) bad(file, "cannot be read");
    Json j;
    try {
        j = Json::parse(in);
    } catch (const Json::parse_error& e) {
        bad(file, std::string("not JSON: ") + e.what());
    }
    if (!j.is_object()) bad(file, "not a JSON object");
    s.theme = choice(j, "theme", s.theme, std::array{Theme::Dark, Theme::Light}, theme_name, file);
    s.ui_scale = value<float>(j, "ui_scale", s.ui_scale, file);
    if (!(s.ui_scale >= kMinUiScale && s.ui_scale <= kMaxUiScale))
        bad(file, "\"ui_scale\" must be between " + std::to_string(kMinUiScale) + " and " + std::to_string(kMaxUiScale));
    s.sidebar_width = value<float>(j, "sidebar_width", s.sidebar_width, file);
    if (!(s.sidebar_width > 0.0f && s.sidebar_width < 10000.0f)) bad(file, "\"sidebar_width\" must be a width in pixels");
    s.sidebar_open = value<bool>(j, "sidebar_open", s.sidebar_open, file);
    const Json curves = j.value("curves", Json::object());
    if (!curves.is_object()) bad(file, "\"curves\" must be an object");
    CurvesLayout& c = s.curves;
    c.loss = choice(curves, "loss", c.loss, std::array{LossLayout::Apart, LossLayout::Together}, loss_layout_name, file);
    c.tasks = choice(curves, "tasks", c.tasks,
                     std::array{TaskGrouping::Mean, TaskGrouping::Family, TaskGrouping::Variant, TaskGrouping::Task},
                     grouping_name, file);
    c.log_y = value<bool>(curves, "log_y", c.log_y, file);
    c.show_raw = value<bool>(curves, "show_raw", c.show_raw, file);
    c.smoothing = value<float>(curves, "smoothing", c.smoothing, file);
    if (!(c.smoothing >= 0.0f && c.smoothing < 1.0f)) bad(file, "\"curves.smoothing\" must be in [0, 1)");
    return s;
}

void write_view_settings(const std::filesystem::path& file, const ViewSettings& s) {
    Json j;
    j["theme"] = theme_name(s.theme);
    j["ui_scale"] = s.ui_scale;
    j["sidebar_width"] = s.sidebar_width;
    j["sidebar_open"] = s.sidebar_open;
    j["curves"] = {{"loss", loss_layout_name(s.curves.loss)},
                   {"tasks", grouping_name(s.curves.tasks)},
                   {"log_y", s.curves.log_y},
                   {"show_raw", s.curves.show_raw},
                   {"smoothing", s.curves.smoothing}};
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) throw std::runtime_error("cannot create " + file.parent_path().string() + ": " + error.message());
    write_file_atomically(file, j.dump(2) + "\n");  // RunWriteError, a std::runtime_error, names the file
}

}  // namespace mop::ui

#include "ui/studio_options.h"

#include <algorithm>
#include <charconv>

#include "core/gated/gated_config.h"
#include "core/tasks/task_catalog.h"
#include "core/train/presets.h"

namespace mop::ui {

namespace {

template <typename Int>
bool parse_int(std::string_view text, Int& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

ParsedStudioOptions fail(std::string message) { return {std::nullopt, std::move(message)}; }

bool parse_double(std::string_view text, double& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

constexpr std::string_view kTabNames[kStudioTabCount] = {"curves",   "routing",    "pathways", "ablation", "clusters",
                                                         "complexity", "tasks",   "runs",     "gated"};

std::string joined(const std::vector<std::string>& names) {
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    return known;
}

}  // namespace

std::string_view tab_name(StudioTab tab) { return kTabNames[static_cast<int>(tab)]; }

std::string_view studio_usage() {
    return "usage: mop-studio [options]\n"
           "  live training (each flag does what a button does):\n"
           "    --family mop|gated-linear  the run form's model family (gated-linear: the Gated linear tab)\n"
           "    --preset NAME        preset of that family in Run control (mop train --help lists them)\n"
           "    --speed S            gated-linear: simulated time units per second (default 2; 0: as fast as possible)\n"
           "    --config FILE        load a JSON config over the preset (the Load button)\n"
           "    --start              press Start   --out DIR  the new run's directory\n"
           "    --steps N            with --start: train N steps, evaluate, pause\n"
           "    --open DIR           continue a run   --browse DIR  open a run read-only\n"
           "    --disable-experts L:E[,L:E...]  --threshold T  --largest-off   then set this ablation\n"
           "    --tab curves|routing|pathways|ablation|clusters|complexity|tasks|runs|gated\n"
           "    --runs DIR [DIR...]  compare these runs (a folder: every run in it) in the Runs tab\n"
           "    --difficulty FILE    the Complexity tab's difficulty table (mop difficulty's *_table.csv)\n"
           "    --paper-measures     open the Runs tab's paper measures per condition\n"
           "  task browser (tasks tab): --task NAME --seed S --corrected --view trial|mixed\n"
           "  window and capture: --size WxH, --screenshot FILE.png [--frames N],\n"
           "    --screenshot-dir DIR (one PNG per tab), --measure-fps SECONDS, --max-fps N (0: uncapped)\n"
           "    --export-all DIR     write every figure (PDF, SVG, PNG, CSV) into DIR once the script is done, exit\n"
           "  view (kept between sessions from the View menu): --theme dark|light, --ui-scale 0.75..2\n";
}

ParsedStudioOptions parse_studio_options(std::span<const std::string_view> args) {
    StudioOptions o;
    bool tab_given = false, preset_given = false, speed_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view flag = args[i];
        const auto value = [&]() -> std::optional<std::string_view> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        if (flag == "--help" || flag == "-h") {
            o.help = true;
        } else if (flag == "--corrected") {
            o.corrected = true;
        } else if (flag == "--screenshot") {
            const auto v = value();
            if (!v || v->empty()) return fail("--screenshot needs a file name");
            o.screenshot_path = std::string(*v);
        } else if (flag == "--frames") {
            const auto v = value();
            if (!v || !parse_int(*v, o.frames) || o.frames < 1) return fail("--frames needs a positive integer");
        } else if (flag == "--task") {
            const auto v = value();
            if (!v) return fail("--task needs a task name");
            if (find_task(*v) < 0) return fail("unknown task '" + std::string(*v) + "' (see `mop tasks list`)");
            o.task = std::string(*v);
        } else if (flag == "--seed") {
            const auto v = value();
            if (!v || !parse_int(*v, o.seed)) return fail("--seed needs a non-negative integer");
        } else if (flag == "--view") {
            const auto v = value();
            if (v == "trial")
                o.view = StudioView::Trial;
            else if (v == "mixed")
                o.view = StudioView::Mixed;
            else
                return fail("--view must be 'trial' or 'mixed'");
        } else if (flag == "--size") {
            const auto v = value();
            const std::size_t x = v ? v->find('x') : std::string_view::npos;
            if (x == std::string_view::npos || !parse_int(v->substr(0, x), o.width) ||
                !parse_int(v->substr(x + 1), o.height) || o.width < 320 || o.height < 240)
                return fail("--size needs WIDTHxHEIGHT, at least 320x240");
        } else if (flag == "--tab") {
            const auto v = value();
            bool found = false;
            for (int t = 0; t < kStudioTabCount && v; ++t)
                if (kTabNames[t] == *v) {
                    o.tab = static_cast<StudioTab>(t);
                    found = true;
                }
            if (!found)
                return fail("--tab must be one of curves, routing, pathways, ablation, clusters, complexity, tasks, runs, gated");
            tab_given = true;
        } else if (flag == "--preset") {
            const auto v = value();
            if (!v || v->empty()) return fail("--preset needs a name");
            o.preset = std::string(*v);
            preset_given = true;
        } else if (flag == "--family") {
            const auto v = value();
            if (!v || (*v != "mop" && *v != gated::kGatedFamily)) return fail("--family must be 'mop' or 'gated-linear'");
            o.family = std::string(*v);
        } else if (flag == "--speed") {
            const auto v = value();
            if (!v || !parse_double(*v, o.speed) || !(o.speed >= 0.0) || o.speed > 1e6)
                return fail("--speed needs simulated time units per second, from 0 (as fast as possible) to 1e6");
            speed_given = true;
        } else if (flag == "--config") {
            const auto v = value();
            if (!v || v->empty()) return fail("--config needs a JSON file");
            o.config = std::string(*v);
        } else if (flag == "--start") {
            o.start = true;
        } else if (flag == "--out") {
            const auto v = value();
            if (!v || v->empty()) return fail("--out needs a directory");
            o.out = std::string(*v);
        } else if (flag == "--open" || flag == "--browse") {
            const auto v = value();
            if (!v || v->empty()) return fail(std::string(flag) + " needs a run directory");
            o.open_run = std::string(*v);
            o.read_only = flag == "--browse";
        } else if (flag == "--steps") {
            const auto v = value();
            if (!v || !parse_int(*v, o.steps) || o.steps < 1) return fail("--steps needs a positive integer");
        } else if (flag == "--disable-experts") {
            const auto v = value();
            if (!v || v->empty()) return fail("--disable-experts needs LAYER:EXPERT[,LAYER:EXPERT...]");
            o.disable_experts = std::string(*v);
        } else if (flag == "--threshold") {
            const auto v = value();
            double t = 0;
            if (!v || !parse_double(*v, t) || t < 0 || t > 1) return fail("--threshold needs a routing weight in [0, 1]");
            o.threshold = t;
        } else if (flag == "--largest-off") {
            o.largest_off = true;
        } else if (flag == "--difficulty") {
            const auto v = value();
            if (!v || v->empty()) return fail("--difficulty needs a difficulty table (CSV from mop difficulty)");
            o.difficulty_table = std::string(*v);
        } else if (flag == "--paper-measures") {
            o.paper_measures_open = true;
        } else if (flag == "--runs") {
            // Every following argument up to the next flag, as the shell expands runs/s*.
            const std::size_t before = o.runs.size();
            while (i + 1 < args.size() && !args[i + 1].starts_with("--")) o.runs.emplace_back(args[++i]);
            if (o.runs.size() == before) return fail("--runs needs one or more run directories (or folders of runs)");
        } else if (flag == "--screenshot-dir") {
            const auto v = value();
            if (!v || v->empty()) return fail("--screenshot-dir needs a directory");
            o.screenshot_dir = std::string(*v);
        } else if (flag == "--export-all") {
            const auto v = value();
            if (!v || v->empty()) return fail("--export-all needs a folder");
            o.export_all_dir = std::string(*v);
        } else if (flag == "--measure-fps") {
            const auto v = value();
            if (!v || !parse_double(*v, o.measure_fps_s) || o.measure_fps_s <= 0)
                return fail("--measure-fps needs a positive number of seconds");
        } else if (flag == "--max-fps") {
            const auto v = value();
            if (!v || !parse_int(*v, o.max_fps) || o.max_fps < 0) return fail("--max-fps needs a non-negative integer");
        } else if (flag == "--theme") {
            const auto v = value();
            if (!v || (*v != "dark" && *v != "light")) return fail("--theme must be 'dark' or 'light'");
            o.theme = *v == "light" ? Theme::Light : Theme::Dark;
        } else if (flag == "--ui-scale") {
            const auto v = value();
            double scale = 0;
            if (!v || !parse_double(*v, scale) || scale < 0.75 || scale > 2.0)
                return fail("--ui-scale needs a number from 0.75 to 2");
            o.ui_scale = static_cast<float>(scale);
        } else {
            return fail("unknown option '" + std::string(flag) + "'");
        }
    }
    // The preset belongs to the family, which may come after it.
    const bool gated_family = o.family == gated::kGatedFamily;
    if (gated_family && !preset_given) o.preset = gated::gated_preset_names().front();
    const std::vector<std::string> presets = gated_family ? gated::gated_preset_names() : preset_names();
    if (std::find(presets.begin(), presets.end(), o.preset) == presets.end())
        return fail("--preset must be one of " + joined(presets) + (gated_family ? " (with --family gated-linear)" : ""));
    if (speed_given && !gated_family) return fail("--speed is for --family gated-linear");
    if (gated_family && (o.steps > 0 || !o.config.empty()))
        return fail("--steps and --config are for the mop family; a gated-linear run is simulated whole (--speed paces it)");
    if (gated_family && o.start && !tab_given) o.tab = StudioTab::Gated;
    if (!o.runs.empty() && !tab_given) o.tab = StudioTab::Runs;  // what the user asked to see
    if (o.start && !o.open_run.empty()) return fail("--start and --open/--browse exclude each other");
    if (o.steps > 0 && !o.start) return fail("--steps needs --start");
    if (!o.out.empty() && !o.start) return fail("--out needs --start");
    const bool ablation = !o.disable_experts.empty() || o.threshold || o.largest_off;
    if (ablation && !(o.steps > 0 || o.read_only))
        return fail("an ablation flag needs trained weights to ablate: --start --steps N, or --browse DIR");
    if (!o.screenshot_path.empty() && !o.screenshot_dir.empty()) return fail("--screenshot and --screenshot-dir exclude each other");
    return {o, {}};
}

}  // namespace mop::ui

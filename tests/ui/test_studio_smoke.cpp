// Runs the real mop-studio under Xvfb, as a user would, and checks the screenshot it writes.
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <string>

#include "tests/support/temp_dir.h"
#include "core/gated/gated_run_files.h"
#include "core/gated/gated_simulation.h"
#include "figures/plot/plot_style.h"
#include "figures/style/colormap.h"
#include "figures/style/palette.h"

namespace {

constexpr int kWidth = 1600;
constexpr int kHeight = 900;

int run(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string studio() { return std::string("'") + MOP_STUDIO_PATH + "'"; }

std::filesystem::path temp_png(const char* name) {
    return std::filesystem::temp_directory_path() /
           ("mop_studio_" + std::string(name) + "_" + std::to_string(getpid()) + ".png");
}

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
};

Image load_png(const std::filesystem::path& png) {
    REQUIRE(std::filesystem::exists(png));
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(png.c_str(), &image.width, &image.height, &channels, 3);
    REQUIRE(data != nullptr);
    image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
    stbi_image_free(data);
    return image;
}

// Pixels within `tolerance` (per channel) of `c`.
int pixels_near(const Image& image, const mop::ui::Rgb& c, int tolerance) {
    const int target[3] = {mop::ui::to_byte(c.r), mop::ui::to_byte(c.g), mop::ui::to_byte(c.b)};
    int count = 0;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3) {
        bool near = true;
        for (int k = 0; k < 3; ++k)
            near = near && std::abs(image.rgb[i + static_cast<std::size_t>(k)] - target[k]) <= tolerance;
        count += near ? 1 : 0;
    }
    return count;
}

Image screenshot(const char* name, const std::string& flags) {
    const std::filesystem::path png = temp_png(name);
    const std::string command = "xvfb-run -a -s '-screen 0 1600x900x24' " + studio() + " --screenshot '" +
                                png.string() + "' --frames 5 " + flags;
    REQUIRE(run(command) == 0);
    Image image = load_png(png);
    std::filesystem::remove(png);
    return image;
}

int distinct_colours(const Image& image) {
    std::set<unsigned> colours;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3)
        colours.insert(image.rgb[i] << 16 | image.rgb[i + 1] << 8 | image.rgb[i + 2]);
    return static_cast<int>(colours.size());
}

// Pixels within `tolerance` (per channel) of viridis at t.
int pixels_near_viridis(const Image& image, float t, int tolerance) {
    return pixels_near(image, mop::ui::sample_viridis(t), tolerance);
}

// Pixels close to the bright end of viridis (t in [0.85, 1]): stimulus bumps and the fixation cue.
int bright_viridis_pixels(const Image& image) {
    int count = 0;
    for (float t : {0.85f, 0.9f, 0.95f, 1.0f}) count += pixels_near_viridis(image, t, 8);
    return count;
}

}  // namespace

TEST_CASE("mop-studio renders the task browser and saves a screenshot", "[gui][smoke][display]") {
    const Image image = screenshot("trial", "--tab tasks --task dlygo --seed 1");
    CHECK(image.width == kWidth);
    CHECK(image.height == kHeight);
    CHECK(distinct_colours(image) > 200);
    // The heatmap: mostly the zero colour (dark purple), with bright yellow-green stimulus bumps.
    CHECK(pixels_near_viridis(image, 0.0f, 6) > 20000);
    CHECK(bright_viridis_pixels(image) > 500);
}

TEST_CASE("mop-studio renders a mixed 82-task sequence", "[gui][smoke][display]") {
    const Image image = screenshot("mixed", "--tab tasks --view mixed --seed 3");
    CHECK(image.width == kWidth);
    CHECK(image.height == kHeight);
    CHECK(distinct_colours(image) > 200);
    CHECK(pixels_near_viridis(image, 0.0f, 6) > 50000);
    CHECK(bright_viridis_pixels(image) > 500);
}

// The light theme and the UI scale reach the screen: a light page instead of the dark one, and
// bigger text covers more of it.
TEST_CASE("mop-studio draws the light theme and the UI scale it is given", "[gui][smoke][display]") {
    const auto light_pixels = [](const Image& image) {
        int count = 0;
        for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3)
            count += image.rgb[i] > 200 && image.rgb[i + 1] > 200 && image.rgb[i + 2] > 200 ? 1 : 0;
        return count;
    };
    const Image dark = screenshot("dark", "--tab runs");
    const Image light = screenshot("light", "--tab runs --theme light");
    const int total = kWidth * kHeight;
    CHECK(light_pixels(dark) < total / 20);     // a dark page with light text
    CHECK(light_pixels(light) > total * 3 / 4);  // a light page
    // The same tab at 1.5x: its text (dark pixels on the light page) covers clearly more.
    const Image larger = screenshot("light-large", "--tab runs --theme light --ui-scale 1.5");
    CHECK(total - light_pixels(larger) > (total - light_pixels(light)) * 5 / 4);
}

// A gated-linear run given to the Runs tab is shown with its own figures (gates over time, loss,
// adaptation, switch-aligned loss), not refused as a run of the other family.
TEST_CASE("mop-studio shows a gated-linear run in the Runs tab", "[gui][smoke][display]") {
    mop::test::TempDir dir("studio_gated");
    mop::gated::GatedConfig config = mop::gated::gated_preset("fig8-flexible");
    config.seeds = 2;
    const std::filesystem::path run = dir.path() / "fig8";
    mop::gated::write_gated_run(run, mop::gated::simulate(config));
    const Image image = screenshot("gated", "--runs '" + run.string() + "'");
    // Both paths' gate lines, in the first two palette colours, cover the plots.
    CHECK(pixels_near(image, mop::ui::plot::palette_colour(0), 12) > 800);
    CHECK(pixels_near(image, mop::ui::plot::palette_colour(1), 12) > 800);
}

// The gated-linear family from the run panel (--family gated-linear --start presses Start in its
// form): the run is simulated in the Gated linear tab, which shows its gates, loss and tables, its
// figures export, and its directory is the run `mop train --family gated-linear` would write.
TEST_CASE("mop-studio simulates a gated-linear run in the Gated linear tab", "[gui][smoke][display]") {
    mop::test::TempDir dir("studio_gated_live");
    const std::filesystem::path run_dir = dir.path() / "fig8", shot = dir.path() / "gated.png",
                                figures = dir.path() / "figures";
    const std::string command = "xvfb-run -a -s '-screen 0 1600x900x24' " + studio() +
                                " --family gated-linear --preset fig8-flexible --start --speed 0 --out '" +
                                run_dir.string() + "' --screenshot '" + shot.string() + "' --frames 4 --export-all '" +
                                figures.string() + "'";
    REQUIRE(run(command) == 0);
    CHECK(mop::gated::is_gated_run(run_dir));
    CHECK(mop::gated::read_gated_run(run_dir).specialised.size() == 10);
    const Image image = load_png(shot);
    CHECK(pixels_near(image, mop::ui::plot::palette_colour(0), 12) > 800);  // path 1's gate
    CHECK(pixels_near(image, mop::ui::plot::palette_colour(1), 12) > 800);  // path 2's
    CHECK(std::filesystem::exists(figures / "fig8_live_gated_gates_over_time.pdf"));
    CHECK(std::filesystem::exists(figures / "fig8_live_gated_adaptation.csv"));
}

TEST_CASE("mop-studio refuses bad flags with exit code 2", "[gui][display]") {
    CHECK(run(studio() + " --bogus") == 2);
    CHECK(run(studio() + " --frames 0 --screenshot x.png") == 2);
    CHECK(run(studio() + " --task nosuchtask") == 2);
    CHECK(run(studio() + " --theme solarized") == 2);
    CHECK(run(studio() + " --help") == 0);
}

// The live studio as a user drives it: Start a small run, train some steps, evaluate, switch an
// expert off; then every tab's screenshot is checked, and the run directory is an ordinary run.
TEST_CASE("mop-studio trains live, ablates, and shows every panel", "[gui][smoke][live][display]") {
    mop::test::TempDir dir("studio_live");
    const std::filesystem::path config = dir.path() / "small.json";
    {
        std::ofstream out(config);
        out << R"({"batch_size": 8, "seq_len": 60, "num_steps": 20, "num_epochs": 5, "eval_batches": 2,
                   "intermediate_dim": 16, "router_dim": 16})";
    }
    const std::filesystem::path run_dir = dir.path() / "run", shots = dir.path() / "shots",
                                figures = dir.path() / "figures";
    const std::string command = "xvfb-run -a -s '-screen 0 1600x900x24' " + studio() + " --preset quick --config '" +
                                config.string() + "' --start --steps 12 --out '" + run_dir.string() +
                                "' --disable-experts 0:2 --screenshot-dir '" + shots.string() + "' --frames 4 --export-all '" +
                                figures.string() + "'";
    REQUIRE(run(command) == 0);

    std::ifstream metrics(run_dir / "metrics.csv");
    std::string line;
    int rows = -1;
    while (std::getline(metrics, line)) ++rows;
    CHECK(rows == 12);
    CHECK(std::filesystem::exists(run_dir / "config.json"));
    CHECK(std::filesystem::exists(run_dir / "hyperparameters.csv"));

    using mop::ui::OkabeIto;
    for (const char* tab : {"curves", "routing", "pathways", "ablation", "clusters", "complexity", "tasks"}) {
        INFO(tab);
        const Image image = load_png(shots / (std::string(tab) + ".png"));
        CHECK(image.width == kWidth);
        CHECK(image.height == kHeight);
        CHECK(distinct_colours(image) > 200);
    }
    // Routing: stacked bars and areas in the experts' colours (skip grey, 16 sky blue, 32 orange; hatched).
    const Image routing = load_png(shots / "routing.png");
    CHECK(pixels_near(routing, mop::ui::okabe_ito(OkabeIto::SkyBlue), 40) > 1500);
    CHECK(pixels_near(routing, mop::ui::okabe_ito(OkabeIto::Orange), 40) > 1500);
    // Pathways: the task x expert heatmap in viridis beside the graph.
    const Image pathways = load_png(shots / "pathways.png");
    int viridis = 0;
    for (float t = 0.0f; t <= 1.0f; t += 0.1f) viridis += pixels_near_viridis(pathways, t, 12);
    CHECK(viridis > 20000);
    // Clusters: the pathway profiles' heatmap in viridis beside the dendrogram.
    const Image clusters = load_png(shots / "clusters.png");
    int cluster_viridis = 0;
    for (float t = 0.0f; t <= 1.0f; t += 0.1f) cluster_viridis += pixels_near_viridis(clusters, t, 12);
    CHECK(cluster_viridis > 20000);
    // Complexity: tasks with a difficulty and an LPC as blue points (few: most tasks of so tiny an
    // evaluation have no response steps).
    CHECK(pixels_near(load_png(shots / "complexity.png"), mop::ui::okabe_ito(OkabeIto::Blue), 30) > 20);
    // Ablation: the switched-off expert's answer is drawn (per-task bars in two colours).
    const Image ablation = load_png(shots / "ablation.png");
    CHECK(distinct_colours(ablation) > 300);

    // Export all: every tab's figures, each as PDF, SVG and PNG with its CSV.
    for (const char* name : {"training_curves", "routing_by_layer_phase", "task_clusters", "ablation_task_accuracy",
                             "lpc_vs_difficulty"}) {
        INFO(name);
        for (const char* extension : {".pdf", ".svg", ".png", ".csv"})
            CHECK(std::filesystem::file_size(figures / (std::string(name) + extension)) > 0);
    }
    const Image exported = load_png(figures / "routing_by_layer_phase.png");
    CHECK(exported.width == 2161);  // 183 mm at 300 dpi
    // The curves' CSV holds the run's own metrics: step and total loss of every logged step.
    std::ifstream metrics_again(run_dir / "metrics.csv"), curves(figures / "training_curves.csv");
    std::string metrics_row, curves_row;
    std::getline(metrics_again, metrics_row);
    std::getline(curves, curves_row);
    int compared = 0;
    while (std::getline(metrics_again, metrics_row) && std::getline(curves, curves_row)) {
        auto field = [](const std::string& row, int index) {
            std::size_t begin = 0;
            for (int i = 0; i < index; ++i) begin = row.find(',', begin) + 1;
            return std::stod(row.substr(begin, row.find(',', begin) - begin));
        };
        CHECK(curves_row.rfind("train,", 0) == 0);
        CHECK(field(curves_row, 1) == field(metrics_row, 0));  // step
        CHECK(field(curves_row, 5) == Approx(field(metrics_row, 2)).epsilon(1e-6));  // total loss
        ++compared;
    }
    CHECK(compared == 12);
}

TEST_CASE("mop-studio: a scripted run that diverges ends with its reason instead of waiting", "[gui][live][display]") {
    mop::test::TempDir dir("studio_diverge");
    const auto config = dir / "explode.json";
    std::ofstream(config) << R"({"learning_rate": 1e8, "batch_size": 4, "seq_len": 40, "layers": ["0,4,8"],
                              "intermediate_dim": 8, "router_dim": 8, "task_dim": 4, "threads": 1})";
    const auto log = dir / "studio.log";
    const auto started = std::chrono::steady_clock::now();
    const int status = std::system(("xvfb-run -a -s '-screen 0 1000x700x24' " + studio() + " --config '" + config.string() +
                                    "' --start --steps 500 --out '" + (dir / "run").string() + "' --screenshot '" +
                                    (dir / "shot.png").string() + "' > '" + log.string() + "' 2>&1")
                                       .c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::minutes(2));
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("diverged") != std::string::npos);
}

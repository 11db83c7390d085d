// The "Gated linear" tab: a gated linear run (the second family, core/gated) watched while it is
// simulated, in the family's words (paths, gates; a block's phases adapt / settled / block end).
// Its transport (pause, speed, finish now, cancel), the current seed's gates and loss with the blocks
// shaded by teacher (Fig. 2), the path x teacher cosines now, the gates each task ends its blocks
// with and the tasks clustered by them, the loss on each task with paths switched off or the gates
// clamped to one path, the adaptation per block over the seeds so far beside finished runs of the
// Runs tab, the loss after a switch (Fig. 8), and how fast paths and gates learn. Runs start from the run panel's form (family: gated-linear).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/gated/gated_live_run.h"
#include "figures/gated/gated_figures.h"

namespace mop::ui {

struct FigureCollection;

class GatedLivePanel {
public:
    GatedLivePanel();
    ~GatedLivePanel();

    // Starts simulating (replacing a finished run). Returns the reason when it cannot: bad settings,
    // a directory holding a run, a run still simulating.
    std::string start(const gated::GatedConfig& config, const std::filesystem::path& dir, double speed);
    // Every frame: takes in what the simulation published (at most 20 times a second).
    void update();
    // `beside`: finished runs' adaptation medians (the Runs tab's) drawn under this run's.
    void draw(const std::vector<GatedFiguresData::AdaptationLine>& beside);
    void export_figures(FigureCollection& out) const;

    bool simulating() const { return m_run != nullptr && !m_state.done(); }
    // A run that has just been written, once (the studio adds it to the Runs tab); empty otherwise.
    std::filesystem::path take_finished();
    const gated::GatedLiveState* state() const { return m_run ? &m_state : nullptr; }

private:
    void rebuild_figures();
    void draw_header();
    void draw_transport();
    void draw_tables();
    std::vector<std::vector<double>> cosines_now() const;  // [teacher][path] at the last log sample
    ExportableFigure cosines_figure() const;
    // The loss on each task now, with the paths the user switched off, and with the gates clamped to one path.
    void draw_lesions(const std::vector<std::string>& names);

    std::unique_ptr<gated::GatedLiveRun> m_run;
    gated::GatedLiveState m_state;
    GatedFiguresData m_figures;
    std::vector<GatedFiguresData::AdaptationLine> m_beside;  // the finished runs' lines drawn beside this run's
    std::string m_own_dir;  // this run's directory as the Runs tab names it (normalised once, at Start)
    std::chrono::steady_clock::time_point m_updated_at{};
    float m_speed = 2.0f;       // time units per second
    bool m_finished_taken = false;
    std::vector<char> m_path_off;  // [path]: switched off in the lesion table
};

}  // namespace mop::ui

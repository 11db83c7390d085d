// The Runs tab's "paper's measures" section: for the loaded runs grouped by condition (a sweep),
// the tables of core/study/paper_table.h with the paper's values beside ours, the state of the
// evaluations they need (read from each run's cache at once; "Evaluate" computes the missing ones
// in the background, with progress and Stop), and buttons that write the paper's figures and the
// one-file PDF report (`mop report`'s) into the export folder.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "ui/tabs/runs/paper_study_job.h"
#include "ui/tabs/runs/run_set.h"

namespace mop::ui {

struct FigureCollection;

struct PaperStudyPanelSettings {
    std::string difficulty_file;  // empty: the built-in table (the studio's --difficulty)
    bool open = false;            // the section starts open (--paper-measures)
};

class PaperStudyPanel {
public:
    PaperStudyPanel(std::function<void()> wake, PaperStudyPanelSettings settings)
        : m_job(std::move(wake)), m_settings(std::move(settings)) {}

    // Every frame: restudies (from the cache) when the loaded runs changed.
    void update(const RunSet& runs);
    void draw(const RunSet& runs);
    // For Export all: the paper's figures, once there is a study.
    void export_figures(FigureCollection& out) const;
    // A study is being made or waits to be shown (a screenshot waits for it).
    bool busy() const { return m_job.running() || m_job.result_ready(); }

private:
    void start(const RunSet& runs, bool evaluate);
    void write_report(const RunSet& runs);

    PaperStudyJob m_job;
    PaperStudyPanelSettings m_settings;
    std::uint64_t m_studied_version = UINT64_MAX;
    std::optional<PaperStudy> m_study;
    std::vector<std::vector<int>> m_layers;          // of the runs m_study is of
    std::vector<std::vector<int>> m_pending_layers;  // of the runs being studied
    std::string m_message;
    bool m_message_is_error = false;
};

}  // namespace mop::ui

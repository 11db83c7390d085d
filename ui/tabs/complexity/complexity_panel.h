// The Complexity tab: each task's learned pathway complexity against its difficulty (the paper's
// figure 5, with Pearson r), and its accuracy with the largest expert of every layer switched off
// against difficulty. Difficulty comes from the built-in table (assets/difficulty.csv, made by
// `mop difficulty`) or a table the user loads. Draws into the current window.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/analysis/difficulty_table.h"
#include "core/engine/engine_snapshot.h"
#include "figures/complexity/accuracy_difficulty_figure.h"
#include "figures/complexity/lpc_difficulty_figure.h"
#include "ui/studio_selection.h"

namespace mop::ui {

struct FigureCollection;

class ComplexityPanel {
public:
    // `table_file`: a difficulty table to use instead of the built-in one (--difficulty); when it
    // cannot be read the panel says why and uses the built-in table.
    explicit ComplexityPanel(const std::string& table_file = {});

    void draw(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post);
    // Export all: LPC vs difficulty once there is an evaluation, accuracy with the largest experts
    // off once that ablation is answered (otherwise the reason goes to out.missing).
    void export_figures(const EngineSnapshot& snapshot, FigureCollection& out) const;

    // Loads `file` as the table (empty: the built-in one). On failure keeps the current table and
    // returns false; table_error() says why, naming line and column.
    bool load_table(const std::string& file);
    const std::string& table_error() const { return m_error; }
    const std::string& table_source() const { return m_source; }

private:
    void draw_table_controls();
    void update(const EngineSnapshot& snapshot);
    void draw_lpc(const EngineSnapshot& snapshot, const PostCommand& post, float width, float height);
    void draw_accuracy(const EngineSnapshot& snapshot, StudioSelection& selection, const PostCommand& post,
                       float width, float height);

    DifficultyTable m_table;
    std::string m_source;   // how the table line names it: "built-in, 82 tasks" or the file
    std::string m_made_by;  // the table's '#' comments: the command that made it
    std::string m_error;
    std::string m_path;  // the Load table field
    std::uint64_t m_table_version = 0;

    // What the figures were built from.
    std::uint64_t m_built_table = ~std::uint64_t{0}, m_built_snapshot = 0;
    bool m_built = false;
    LpcDifficultyData m_lpc;
    AccuracyDifficultyData m_accuracy;
    bool m_has_lpc = false;
};

}  // namespace mop::ui

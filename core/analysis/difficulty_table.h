// The task difficulty table that `mop difficulty` writes (<stem>_table.csv), read back without
// LibTorch, and per-task values (learned pathway complexity, accuracy) set against it: the points,
// Pearson r and the least-squares line of the paper's figure 5.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mop {

// One task's row: the same columns as core/train/difficulty.h's DifficultyEntry.
struct TaskDifficulty {
    std::string task;
    int repeats = 0;
    double median_steps = 0;
    bool reached_all = true;  // false: some repeat hit the step cap
    double difficulty = 0;    // ln(median_steps)
};

struct DifficultyTable {
    std::vector<TaskDifficulty> tasks;  // in file order
    // '#' lines before the header, without the '#': where the table came from (the command).
    std::vector<std::string> comments;

    const TaskDifficulty* find(std::string_view task) const;  // null when the table lacks it
};

// A malformed table: what() names the source, the line and, where it applies, the column.
class DifficultyTableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses the CSV text. The header must name `task` and `difficulty`; `repeats`, `median_steps` and
// `reached_all` are read when present; other columns are ignored. Blank lines and lines starting
// with '#' are skipped. Throws DifficultyTableError (naming `source`, e.g. the file) for a missing
// column, a wrong number of fields, a bad or non-finite number, a duplicate task or no tasks at all.
DifficultyTable parse_difficulty_table(std::string_view text, std::string_view source);
// Reads and parses a file; also throws DifficultyTableError when it cannot be read.
DifficultyTable read_difficulty_table(const std::filesystem::path& file);
// The table the user named, or with an empty path the built-in one (assets/difficulty.csv), as the
// studio and `mop export` choose it. Throws DifficultyTableError like read_difficulty_table.
DifficultyTable load_difficulty_table(const std::filesystem::path& file);

// A task's value placed against its difficulty.
struct DifficultyPoint {
    std::string task;
    double difficulty = 0;
    double value = 0;
};

// Per-task values against difficulty. Tasks missing from the table, and tasks whose value is NaN
// or infinite, are left out and counted.
struct DifficultyFit {
    std::vector<DifficultyPoint> points;  // in the order of the names given
    int tasks = 0;                        // names given
    int with_difficulty = 0;              // of those, in the table
    std::vector<std::string> missing;     // names the table lacks
    std::optional<double> r;              // Pearson r of (difficulty, value); empty below 2 points or without spread
    // value = slope * difficulty + intercept (least squares); empty when the difficulties do not vary.
    std::optional<double> slope, intercept;

    int n() const { return static_cast<int>(points.size()); }
};

// names[i] has values[i]; throws std::invalid_argument when the lengths differ.
DifficultyFit fit_against_difficulty(const DifficultyTable& table, std::span<const std::string> names,
                                     std::span<const double> values);

}  // namespace mop

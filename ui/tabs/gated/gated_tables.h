// The small tables of a gated linear run, shared by the live tab and the Runs tab's finished runs:
// teacher x path numbers shaded by value (the row-wise cosines), and the gates each task ends its
// blocks with together with the path it uses ("shared" when no gate leads by 0.5: the forgetful
// control). Draw into the current window, one group each, so they can sit side by side.
#pragma once

#include <string>
#include <vector>

namespace mop::ui {

// values[teacher][path] in a table with a row per teacher; cells shaded by the value in [0, 1] when
// `shaded`. NaN shows "-".
void draw_teacher_path_table(const char* id, const char* caption, const std::vector<std::string>& teachers,
                             const std::vector<std::vector<double>>& values, bool shaded, const char* format);
// gates[teacher][path]: the gates at the end of the teacher's blocks, and which path it uses.
void draw_task_gates_table(const char* id, const char* caption, const std::vector<std::string>& teachers,
                           const std::vector<std::vector<double>>& gates);
// One line: the tasks clustered by those gates (core/gated/task_clusters), "[A CA] [C] ...".
void draw_task_clusters(const std::vector<std::string>& teachers, const std::vector<std::vector<double>>& gates);

}  // namespace mop::ui

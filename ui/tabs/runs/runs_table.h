// The Runs tab's table: one row per run with a switch that shows or hides it (in the colour its
// group has in every plot), its name, the settings in which the loaded runs differ, its final
// metrics and its status. Sortable by any column; the third click on a header restores the order the
// runs were added in.
#pragma once

#include "ui/tabs/runs/run_set.h"

namespace mop::ui {

void draw_runs_table(RunSet& runs, float height);

// The group (an index into the comparison's groups, and so its colour) of a shown entry; -1 otherwise.
int entry_group(const RunSetComparison& comparison, std::uint64_t entry_id);

}  // namespace mop::ui

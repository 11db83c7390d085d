// A sweep plan of the gated linear family (`mop sweep fig5-grid2 --out DIR`): the cells of a grid
// of settings, each a whole run of the family (every seed simulated together) written to
// DIR/<cell>/. A plan is JSON:
//   {"name": "...", "description": "...", "family": "gated-linear",
//    "base": {"preset": "fig5-grid2", gated settings...},
//    "grid": {"block_time": [1, 0.8], "lambda": [0, 0.1]},       every combination, in this order
//    "conditions": {"name": {gated settings...}}}                  and/or named cells
// A cell's settings layer as: the preset (its own, else base's) < base's keys < its grid values or
// its keys. Grid cells are named "block_time-1_lambda-0". Built-in plans: assets/plans/fig5-*.json.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/gated/gated_config.h"

namespace mop::gated {

struct GatedSweepCell {
    std::string name;  // its folder
    GatedConfig config;  // resolved and validated
    std::vector<std::pair<std::string, std::string>> grid;  // (key, value) of each grid key; empty for a named cell
};

struct GatedSweepPlan {
    std::string name, description;
    std::string text;                    // the plan, normalised: kept in the sweep's folder
    std::vector<std::string> grid_keys;  // in the plan's order
    std::vector<GatedSweepCell> cells;
};

// Whether `text` is a JSON plan naming the gated-linear family (false for anything else, even
// invalid JSON: the other plans' parser says what is wrong with it).
bool is_gated_plan(const std::string& text);

// Throws ConfigError naming the plan (`source`), the cell and the key for anything it cannot use.
GatedSweepPlan parse_gated_sweep_plan(const std::string& text, const std::string& source);

inline constexpr const char* kGatedSweepFile = "gated_sweep.json";  // the plan, in the sweep's folder
inline constexpr const char* kGatedGridFile = "grid.csv";           // each cell's grid values and results

}  // namespace mop::gated

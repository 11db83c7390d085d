#include "cli/gated_sweep.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/stop_signals.h"
#include "cli/text_format.h"
#include "core/gated/gated_run_files.h"
#include "core/gated/gated_simulation.h"
#include "core/train/run_directory.h"

namespace mop::cli {

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}


// Written with these settings already (a finished cell); throws when the folder holds another run.
bool cell_done(const fs::path& dir, const gated::GatedSweepCell& cell) {
    if (!gated::is_gated_run(dir)) {
        if (is_run_directory(dir)) throw BadInput(dir.string() + " holds a run of another family; choose another --out");
        return false;
    }
    const gated::GatedRunFiles run = gated::read_gated_run(dir);
    if (gated::gated_config_json(run.config) != gated::gated_config_json(cell.config))
        throw BadInput(dir.string() + " holds a gated run with other settings than cell " + cell.name +
                       "; remove it or choose another --out");
    return true;
}

// The cells' results, one row each: written whole after every cell, so an interrupted sweep's
// grid.csv lists what is done.
void write_grid(const fs::path& out, const gated::GatedSweepPlan& plan) {
    std::ostringstream csv;
    csv << "cell";
    for (const std::string& key : plan.grid_keys) csv << ',' << key;
    csv << ",seeds,specialised,mean_total_alignment\n";
    for (const gated::GatedSweepCell& cell : plan.cells) {
        const fs::path dir = out / cell.name;
        if (!gated::is_gated_run(dir)) continue;
        const gated::GatedRunFiles run = gated::read_gated_run(dir);
        int specialised = 0;
        for (const bool s : run.specialised) specialised += s ? 1 : 0;
        csv << cell.name;
        for (const auto& [key, value] : cell.grid) csv << ',' << value;
        for (std::size_t k = cell.grid.size(); k < plan.grid_keys.size(); ++k) csv << ',';
        csv << ',' << run.specialised.size() << ',' << specialised << ',' << printf_text("%.6f", run.mean_total_alignment) << '\n';
    }
    write_file_atomically(out / gated::kGatedGridFile, csv.str());
}

// Two grid keys: the total alignment as a table, rows the first key, columns the second.
void print_table(const fs::path& out, const gated::GatedSweepPlan& plan, Streams streams) {
    if (plan.grid_keys.size() != 2) return;
    std::vector<std::string> rows, columns;
    std::map<std::pair<std::string, std::string>, std::string> value;
    for (const gated::GatedSweepCell& cell : plan.cells) {
        if (cell.grid.size() != 2) continue;
        const auto& [row, column] = std::pair{cell.grid[0].second, cell.grid[1].second};
        if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
        const fs::path dir = out / cell.name;
        value[{row, column}] = gated::is_gated_run(dir) ? printf_text("%.4f", gated::read_gated_run(dir).mean_total_alignment) : "-";
    }
    streams.out << "mean total alignment at t = total_time (rows " << plan.grid_keys[0] << ", columns " << plan.grid_keys[1] << ")\n";
    streams.out << "| " << plan.grid_keys[0];
    for (const std::string& c : columns) streams.out << " | " << c;
    streams.out << " |\n|---";
    for (std::size_t i = 0; i < columns.size(); ++i) streams.out << "|---";
    streams.out << "|\n";
    for (const std::string& r : rows) {
        streams.out << "| " << r;
        for (const std::string& c : columns) streams.out << " | " << value[{r, c}];
        streams.out << " |\n";
    }
}

}  // namespace

void run_gated_sweep(const gated::GatedSweepPlan& plan, const fs::path& out, bool list, Streams streams) {
    const fs::path plan_file = out / gated::kGatedSweepFile;
    std::error_code error;
    if (fs::exists(plan_file, error) && read_text(plan_file) != plan.text)
        throw BadInput(out.string() + " holds the sweep of another gated-linear plan (" + plan_file.string() +
                       "); choose another --out");
    if (list) {
        streams.out << "# gated-linear sweep " << plan.name << ": " << plan.cells.size() << " cells in " << out.string() << "\n";
        for (std::size_t i = 0; i < plan.cells.size(); ++i)
            streams.out << i << "  " << plan.cells[i].name << "  "
                        << (cell_done(out / plan.cells[i].name, plan.cells[i]) ? "finished" : "pending") << "\n";
        return;
    }
    fs::create_directories(out, error);
    if (error) throw BadInput("cannot create " + out.string() + ": " + error.message());
    write_file_atomically(plan_file, plan.text);
    const StopSignals stop;  // Ctrl-C between cells: the cells written are kept
    int done = 0, simulated = 0;
    const auto started = std::chrono::steady_clock::now();
    for (const gated::GatedSweepCell& cell : plan.cells) {
        ++done;
        const fs::path dir = out / cell.name;
        if (cell_done(dir, cell)) continue;
        if (StopSignals::signal() != 0)
            throw ExitWith(128 + StopSignals::signal(), "stopped; run the same command again to simulate the other cells");
        const auto cell_start = std::chrono::steady_clock::now();
        gated::SimulationObserver stop_on_signal;  // Ctrl-C stops within a block; the cell is not written
        stop_on_signal.on_block = [](int, const gated::BlockRecord&) {
            if (StopSignals::signal() != 0)
                throw ExitWith(128 + StopSignals::signal(), "stopped; run the same command again to simulate the other cells");
        };
        const gated::GatedResult result = gated::simulate(cell.config, stop_on_signal);
        gated::write_gated_run(dir, result);
        write_grid(out, plan);
        ++simulated;
        streams.err << "cell " << done << "/" << plan.cells.size() << " " << cell.name << ": total alignment "
                    << printf_text("%.4f", result.mean_total_alignment()) << ", " << result.specialised() << " of "
                    << cell.config.seeds << " seeds specialised ("
                    << printf_text("%.1f", std::chrono::duration<double>(std::chrono::steady_clock::now() - cell_start).count())
                    << " s)\n";
    }
    write_grid(out, plan);
    streams.err << "sweep " << plan.name << ": " << simulated << " cells simulated, " << plan.cells.size() - simulated
                << " written before, in "
                << printf_text("%.1f", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count())
                << " s; results in " << (out / gated::kGatedGridFile).string() << "\n";
    print_table(out, plan, streams);
}

}  // namespace mop::cli

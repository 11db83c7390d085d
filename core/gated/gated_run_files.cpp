#include "core/gated/gated_run_files.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/train/run_directory.h"

namespace mop::gated {

namespace {

using Json = nlohmann::json;

std::string number(double v) {
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, v);
    return std::string(text, result.ptr);
}

Json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    try {
        return Json::parse(in);
    } catch (const Json::parse_error& e) {
        throw std::runtime_error(file.string() + " is not JSON: " + e.what());
    }
}

// JSON has no NaN or infinity (a block too short to have the value, a diverged run): nlohmann writes
// them as null, and null reads back as NaN.
std::vector<double> numbers(const Json& j) {
    std::vector<double> out;
    for (const Json& v : j) out.push_back(v.is_null() ? std::nan("") : v.get<double>());
    return out;
}

}  // namespace

void write_gated_run(const std::filesystem::path& dir, const GatedResult& result) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw RunWriteError("cannot create " + dir.string() + ": " + error.message());
    const GatedConfig& c = result.config;
    const auto& names = result.teachers.names;

    std::ostringstream tape;
    tape << "seed,time,loss";
    for (int p = 0; p < c.paths; ++p) tape << ",gate_" << p + 1;
    for (int p = 0; p < c.paths; ++p) tape << ",norm_" << p + 1;
    for (const std::string& m : names)
        for (int p = 0; p < c.paths; ++p) tape << ",cos_" << m << '_' << p + 1;
    if (c.toy()) tape << ",w_bar";  // Fig. 4's phase portrait: (gate_1 - gate_2, w_bar)
    if (c.gates == GateShape::PerRow)  // Fig. 3D: each path's gate of each output row
        for (int p = 0; p < c.paths; ++p)
            for (int r = 0; r < c.out_dim; ++r) tape << ",row_gate_" << p + 1 << '_' << r + 1;
    tape << '\n';
    std::ostringstream blocks;
    blocks << "seed,block,teacher,start_time,adaptation,recovery,peak_loss,end_loss";
    for (int p = 0; p < c.paths; ++p) blocks << ",end_gate_" << p + 1;
    for (int k = 1; k <= kSwitchAlignedReported; ++k) blocks << ",loss_step_" << k;
    blocks << '\n';
    Json weights = Json::array();
    Json per_seed = Json::array();
    for (std::size_t s = 0; s < result.seeds.size(); ++s) {
        const SeedResult& seed = result.seeds[s];
        for (const TapeSample& t : seed.tape) {
            tape << s << ',' << number(t.time) << ',' << number(t.loss);
            for (const double g : t.gates) tape << ',' << number(g);
            for (const double n : t.norms) tape << ',' << number(n);
            for (const double x : t.cosines) tape << ',' << number(x);
            if (c.toy()) tape << ',' << number(t.w_bar);
            for (const double g : t.row_gates) tape << ',' << number(g);
            tape << '\n';
        }
        for (const BlockRecord& b : seed.blocks) {
            blocks << s << ',' << b.block + 1 << ',' << names[static_cast<std::size_t>(b.teacher)] << ','
                   << number(b.start_time) << ',' << number(b.adaptation) << ',' << number(b.recovery) << ','
                   << number(b.peak_loss) << ',' << number(b.end_loss);
            for (const double g : b.end_gates) blocks << ',' << number(g);
            for (int k = 1; k <= kSwitchAlignedReported; ++k)
                blocks << ',' << (k < static_cast<int>(b.first_losses.size()) ? number(b.first_losses[static_cast<std::size_t>(k)]) : "");
            blocks << '\n';
        }
        Json paths = Json::array();
        for (const Matrix& w : seed.paths) paths.push_back(w.v);
        weights.push_back({{"seed", s}, {"gates", seed.gates}, {"paths", paths}});
        if (!seed.row_gates.empty()) weights.back()["row_gates"] = seed.row_gates;
        const Specialisation& sp = seed.specialisation;
        Json path_teacher = Json::array();
        for (const int m : sp.path_teacher) path_teacher.push_back(names[static_cast<std::size_t>(m)]);
        Json adaptation = Json::array(), cycle = Json::array();
        for (const BlockRecord& b : seed.blocks) {
            adaptation.push_back(b.adaptation);
            cycle.push_back(std::isfinite(b.cycle_distance) ? Json(b.cycle_distance) : Json(nullptr));
        }
        // Each teacher's gate vector: the mean end-of-block gates of its blocks in the second half
        // (what tasks are clustered by; null for a teacher without such a block).
        Json task_gates = Json::array();
        for (std::size_t m = 0; m < names.size(); ++m) {
            std::vector<double> sum(static_cast<std::size_t>(c.paths), 0.0);
            int n = 0;
            for (std::size_t b = seed.blocks.size() / 2; b < seed.blocks.size(); ++b) {
                if (seed.blocks[b].teacher != static_cast<int>(m)) continue;
                for (int p = 0; p < c.paths; ++p) sum[static_cast<std::size_t>(p)] += seed.blocks[b].end_gates[static_cast<std::size_t>(p)];
                ++n;
            }
            if (n == 0) {
                task_gates.push_back(nullptr);
                continue;
            }
            for (double& v : sum) v /= n;
            task_gates.push_back(sum);
        }
        per_seed.push_back({{"seed", s},
                            {"specialised", sp.specialised},
                            {"total_alignment", seed.total_alignment},
                            {"path_teacher", path_teacher},
                            {"matched_cos", sp.matched_cos},
                            {"unmatched_cos", sp.unmatched_cos},
                            {"adaptation", adaptation},
                            {"task_gates", task_gates}});
        if (c.toy()) per_seed.back()["cycle_distance"] = cycle;  // Fig. 4G
    }
    write_file_atomically(dir / "tape.csv", tape.str());
    write_file_atomically(dir / "blocks.csv", blocks.str());
    write_file_atomically(dir / "weights.json", weights.dump() + "\n");
    Json summary;
    summary["seeds"] = result.seeds.size();
    summary["specialised"] = result.specialised();
    summary["mean_total_alignment"] = result.mean_total_alignment();  // Fig. 5's measure, at t = total_time
    summary["median_adaptation"] = median_adaptation(result);
    // Fig. 8: the mean over seeds of the loss 1..5 steps after each switch (block b starts switch b).
    Json switch_aligned = Json::array();
    for (std::size_t b = 0; b < result.curriculum.teacher.size(); ++b) {
        Json row = Json::array();
        for (int k = 1; k <= kSwitchAlignedReported; ++k) row.push_back(switch_aligned_loss(result, static_cast<int>(b), k));
        switch_aligned.push_back(row);
    }
    summary["switch_aligned_loss"] = switch_aligned;
    Json recovery = Json::array(), peak = Json::array();
    for (std::size_t b = 0; b < result.curriculum.teacher.size(); ++b) {
        double r = 0.0, p = 0.0;
        for (const SeedResult& seed : result.seeds) {
            r += seed.blocks[b].recovery;
            p += seed.blocks[b].peak_loss;
        }
        recovery.push_back(r / static_cast<double>(result.seeds.size()));
        peak.push_back(p / static_cast<double>(result.seeds.size()));
    }
    summary["mean_recovery"] = recovery;
    summary["mean_peak_loss"] = peak;
    summary["per_seed"] = per_seed;
    write_file_atomically(dir / "summary.json", summary.dump(2) + "\n");
    // Last: a directory is a run once its config.json is there, so an interrupted write leaves none.
    write_file_atomically(dir / "config.json", gated_config_json(c).dump(2) + "\n");
}

bool is_gated_run(const std::filesystem::path& dir) {
    std::ifstream in(dir / "config.json");
    if (!in) return false;
    try {
        const Json j = Json::parse(in);
        return j.is_object() && j.value("family", "") == kGatedFamily;
    } catch (const Json::exception&) {
        return false;
    }
}

GatedRunFiles read_gated_run(const std::filesystem::path& dir) {
    GatedRunFiles run;
    try {
        run.config = gated_config_from_json(read_json(dir / "config.json"), (dir / "config.json").string());
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(e.what());
    }
    run.teachers = make_teachers(run.config);
    const std::filesystem::path weights_file = dir / "weights.json";
    const std::filesystem::path summary_file = dir / "summary.json";
    try {
        const Json weights = read_json(weights_file);
        for (const Json& seed : weights) {
            run.gates.push_back(numbers(seed.at("gates")));
            std::vector<Matrix> paths;
            for (const Json& w : seed.at("paths")) {
                Matrix m{run.config.out_dim, run.config.in_dim, numbers(w)};
                if (m.v.size() != static_cast<std::size_t>(m.rows * m.cols))
                    throw std::runtime_error(weights_file.string() + ": a path has the wrong size for the settings");
                paths.push_back(std::move(m));
            }
            if (static_cast<int>(paths.size()) != run.config.paths || static_cast<int>(run.gates.back().size()) != run.config.paths)
                throw std::runtime_error(weights_file.string() + ": a seed has the wrong number of paths");
            run.paths.push_back(std::move(paths));
        }
        const Json summary = read_json(summary_file);
        run.median_adaptation = numbers(summary.at("median_adaptation"));
        run.mean_total_alignment = summary.at("mean_total_alignment").is_null()
                                       ? std::nan("")
                                       : summary.at("mean_total_alignment").get<double>();
        for (const Json& row : summary.at("switch_aligned_loss")) run.switch_aligned_loss.push_back(numbers(row));
        run.mean_recovery = numbers(summary.at("mean_recovery"));
        run.mean_peak_loss = numbers(summary.at("mean_peak_loss"));
        for (const Json& seed : summary.at("per_seed")) {
            run.specialised.push_back(seed.at("specialised").get<bool>());
            run.adaptation.push_back(numbers(seed.at("adaptation")));
            run.cycle_distance.push_back(seed.contains("cycle_distance") ? numbers(seed.at("cycle_distance")) : std::vector<double>{});
            std::vector<std::vector<double>> task_gates;
            if (seed.contains("task_gates"))  // runs written before it have none
                for (const Json& gates : seed.at("task_gates"))
                    task_gates.push_back(gates.is_null() ? std::vector<double>(static_cast<std::size_t>(run.config.paths), std::nan(""))
                                                         : numbers(gates));
            run.task_gates.push_back(std::move(task_gates));
            std::vector<int> path_teacher;
            for (const Json& name : seed.at("path_teacher")) {
                const auto& names = run.teachers.names;
                const auto it = std::find(names.begin(), names.end(), name.get<std::string>());
                if (it == names.end()) throw std::runtime_error(summary_file.string() + ": unknown teacher " + name.dump());
                path_teacher.push_back(static_cast<int>(it - names.begin()));
            }
            run.path_teacher.push_back(std::move(path_teacher));
        }
    } catch (const Json::exception& e) {
        throw std::runtime_error("a file of " + dir.string() + " has a value of the wrong type or is missing one: " + e.what());
    }
    if (run.paths.size() != run.specialised.size())
        throw std::runtime_error(dir.string() + ": weights.json and summary.json disagree on the seeds");
    return run;
}

GatedTape read_gated_tape(const std::filesystem::path& dir, int seed, int paths) {
    const std::filesystem::path file = dir / "tape.csv";
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    GatedTape tape;
    tape.gates.assign(static_cast<std::size_t>(paths), {});
    std::string line;
    std::getline(in, line);  // the header: where the toy's w_bar and the per-row gates are, if anywhere
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> names;
    for (std::size_t start = 0; start <= line.size();) {
        const std::size_t comma = std::min(line.find(',', start), line.size());
        names.push_back(line.substr(start, comma - start));
        start = comma + 1;
    }
    const auto column = [&](const std::string& name) {
        const auto it = std::find(names.begin(), names.end(), name);
        return it == names.end() ? std::size_t{0} : static_cast<std::size_t>(it - names.begin());
    };
    const std::size_t w_bar = column("w_bar"), first_row_gate = column("row_gate_1_1");
    const std::size_t row_gates = first_row_gate == 0 ? 0 : names.size() - first_row_gate;
    tape.row_gates.assign(row_gates, {});
    int number = 1;
    const std::string prefix = std::to_string(seed) + ",";
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.compare(0, prefix.size(), prefix) != 0) continue;
        std::vector<double> fields;
        std::size_t start = 0;
        while (start <= line.size()) {
            const std::size_t comma = std::min(line.find(',', start), line.size());
            const char* first = line.data() + start;
            double v = 0.0;
            const auto [end, error] = std::from_chars(first, line.data() + comma, v);
            if (error != std::errc() || end != line.data() + comma)
                throw std::runtime_error(file.string() + " line " + std::to_string(number) + ": not a number");
            fields.push_back(v);
            start = comma + 1;
        }
        if (static_cast<int>(fields.size()) < 3 + paths || fields.size() != names.size())
            throw std::runtime_error(file.string() + " line " + std::to_string(number) + ": " + std::to_string(fields.size()) +
                                     " columns where the header has " + std::to_string(names.size()));
        tape.time.push_back(fields[1]);
        tape.loss.push_back(fields[2]);
        for (int p = 0; p < paths; ++p) tape.gates[static_cast<std::size_t>(p)].push_back(fields[static_cast<std::size_t>(3 + p)]);
        if (w_bar != 0) tape.w_bar.push_back(fields[w_bar]);
        for (std::size_t k = 0; k < row_gates; ++k) tape.row_gates[k].push_back(fields[first_row_gate + k]);
    }
    if (tape.time.empty()) throw std::runtime_error(file.string() + " has no samples of seed " + std::to_string(seed));
    return tape;
}

}  // namespace mop::gated

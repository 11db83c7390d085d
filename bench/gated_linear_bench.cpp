// Speed of the gated linear family (issue 16's target): Fig. 2's flexible run, 10 seeds x 21,978
// steps of 200 x 20 inputs, on one core, against a plain PyTorch implementation of the same
// equations (bench/gated_linear_torch.py, explicit batches, seeds as a batch dimension) timed in the
// same invocation. Target: at least 5x faster than it, and under 5 s.
//   bench_gated_linear [--repeats N] [--no-baseline] [--python PATH]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/gated/gated_config.h"
#include "core/gated/gated_simulation.h"

namespace {

double baseline_seconds(const std::string& python) {
    const std::string command = python + " " + MOP_SOURCE_DIR + "/bench/gated_linear_torch.py --seeds 10 --threads 1 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return -1;
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    if (pclose(pipe) != 0) return -1;
    const auto at = output.find("\"seconds\":");
    return at == std::string::npos ? -1 : std::atof(output.c_str() + at + 10);
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 3;
    bool baseline = true;
    std::string python = "/usr/bin/python3";
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--repeats" && i + 1 < argc) repeats = std::max(1, std::atoi(argv[++i]));
        else if (flag == "--no-baseline") baseline = false;
        else if (flag == "--python" && i + 1 < argc) python = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_gated_linear [--repeats N] [--no-baseline] [--python PATH]\n");
            return 2;
        }
    }
    const mop::gated::GatedConfig config = mop::gated::gated_preset("fig2-flexible");
    std::vector<double> seconds;
    int specialised = 0;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const mop::gated::GatedResult result = mop::gated::simulate(config);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        specialised = result.specialised();
    }
    std::sort(seconds.begin(), seconds.end());
    const double ours = seconds[seconds.size() / 2];
    std::printf("gated linear, Fig. 2 flexible: 10 seeds x 21,978 steps, one thread: %.2f s (median of %d), %d/10 "
                "seeds specialised\n",
                ours, repeats, specialised);
    std::printf("target under 5 s: %s\n", ours < 5.0 ? "met" : "NOT met");
    if (!baseline) return 0;
    const double theirs = baseline_seconds(python);
    if (theirs <= 0) {
        std::printf("baseline: did not run (needs Debian's python3-torch: scripts/install-deps.sh python3-torch)\n");
        return 1;
    }
    std::printf("baseline, PyTorch with the same equations (explicit batches, one thread): %.2f s\n", theirs);
    std::printf("ratio baseline / ours: %.1fx; target at least 5x: %s\n", theirs / ours, theirs >= 5.0 * ours ? "met" : "NOT met");
    return 0;
}

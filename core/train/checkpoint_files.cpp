#include "core/train/checkpoint_files.h"

#include <cstdio>
#include <regex>
#include <string>

namespace mop {

std::filesystem::path checkpoint_file(const std::filesystem::path& run_dir, std::int64_t step) {
    char name[32];
    std::snprintf(name, sizeof name, "step_%09lld.pt", static_cast<long long>(step));
    return run_dir / "checkpoints" / name;
}

std::optional<std::filesystem::path> latest_checkpoint(const std::filesystem::path& run_dir) {
    const std::filesystem::path dir = run_dir / "checkpoints";
    if (!std::filesystem::is_directory(dir)) return std::nullopt;
    static const std::regex pattern(R"(step_(\d+)\.pt)");
    std::optional<std::filesystem::path> best;
    long long best_step = -1;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::smatch match;
        const std::string name = entry.path().filename().string();
        if (!std::regex_match(name, match, pattern)) continue;
        const long long step = std::stoll(match[1]);
        if (step > best_step) best_step = step, best = entry.path();
    }
    return best;
}

std::optional<std::int64_t> latest_checkpoint_step(const std::filesystem::path& run_dir) {
    const auto latest = latest_checkpoint(run_dir);
    if (!latest) return std::nullopt;
    return std::stoll(latest->filename().string().substr(5));  // "step_" + digits + ".pt"
}

}  // namespace mop

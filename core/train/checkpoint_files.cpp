#include "core/train/checkpoint_files.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <system_error>

namespace mop {

namespace fs = std::filesystem;

fs::path checkpoint_file(const fs::path& run_dir, std::int64_t step) {
    char name[40];
    std::snprintf(name, sizeof name, "step_%09lld.pt", static_cast<long long>(step));
    return run_dir / "checkpoints" / name;
}

std::optional<std::int64_t> checkpoint_step_of(const fs::path& file) {
    const std::string name = file.filename().string();
    constexpr std::string_view kPrefix = "step_", kSuffix = ".pt";
    if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) || !name.ends_with(kSuffix))
        return std::nullopt;
    const char* first = name.data() + kPrefix.size();
    const char* last = name.data() + name.size() - kSuffix.size();
    std::int64_t step = 0;
    const auto [end, error] = std::from_chars(first, last, step);
    if (error != std::errc() || end != last || step < 0) return std::nullopt;
    return step;
}

std::vector<std::pair<std::int64_t, fs::path>> checkpoint_files(const fs::path& run_dir) {
    std::vector<std::pair<std::int64_t, fs::path>> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(run_dir / "checkpoints", error))
        if (const auto step = checkpoint_step_of(entry.path()); step && entry.is_regular_file(error))
            files.emplace_back(*step, entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<fs::path> stray_checkpoint_files(const fs::path& run_dir) {
    std::vector<fs::path> stray;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(run_dir / "checkpoints", error))
        if (!checkpoint_step_of(entry.path()) && entry.path().extension() != ".tmp") stray.push_back(entry.path());
    std::sort(stray.begin(), stray.end());
    return stray;
}

int remove_unfinished_checkpoint_writes(const fs::path& run_dir) {
    int removed = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(run_dir / "checkpoints", error)) {
        const fs::path& path = entry.path();
        if (path.extension() == ".tmp" && checkpoint_step_of(path.stem())) removed += fs::remove(path, error) ? 1 : 0;
    }
    return removed;
}

std::optional<fs::path> latest_checkpoint(const fs::path& run_dir) {
    const auto files = checkpoint_files(run_dir);
    if (files.empty()) return std::nullopt;
    return files.back().second;
}

std::optional<std::int64_t> latest_checkpoint_step(const fs::path& run_dir) {
    const auto files = checkpoint_files(run_dir);
    if (files.empty()) return std::nullopt;
    return files.back().first;
}

}  // namespace mop

// The runs the Runs tab compares: run directories added by the user, loaded on a background thread
// (twenty runs must not freeze the window), and the comparison of those that loaded. A directory
// that fails to load keeps its error and stays out of the comparison. GL-free and ImGui-free, so
// the tests drive it directly; the UI thread calls everything except the loading itself.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/analysis/run_comparison.h"

namespace mop::ui {

enum class RunEntryState { Loading, Loaded, Failed };

struct RunEntry {
    std::uint64_t id = 0;  // stable while the entry exists
    std::filesystem::path dir;
    std::string name;  // unique in the set: the directory's name, with its parent where names clash
    RunEntryState state = RunEntryState::Loading;
    std::string error;                      // Failed: why, naming the directory or file
    std::shared_ptr<const LoadedRun> run;   // Loaded
    bool hidden = false;                    // switched off by the user: out of the comparison
};

// The loaded runs shown (not hidden, matching the filter) compared, rebuilt whenever that set or the
// grouping changes.
struct RunSetComparison {
    std::vector<LoadedRun> runs;       // the shown loaded entries, in entry order
    std::vector<std::uint64_t> entry;  // runs[i] is the entry with id entry[i]
    std::vector<double> mean_lpc;      // [run], as compare_runs computes it (also when it fails)
    std::optional<RunComparison> comparison;  // empty when compare_runs refused the runs
    std::string error;                        // ... and why (e.g. runs of other shapes)
};

class RunSet {
public:
    // `on_loaded` is called on the loading thread after each run (the studio wakes its loop).
    explicit RunSet(std::function<void()> on_loaded = {});
    ~RunSet();  // waits for the run being loaded, drops the rest
    RunSet(const RunSet&) = delete;
    RunSet& operator=(const RunSet&) = delete;

    // Queues `dir` for loading. Returns false (and adds nothing) when it is already in the set.
    bool add(const std::filesystem::path& dir);
    // Queues every subdirectory of `folder` that holds a run (a config.json), in name order.
    // Returns how many were new. Throws std::runtime_error when `folder` is not a readable folder.
    int add_all_under(const std::filesystem::path& folder);
    // A run directory, or else a folder of runs (every run under it); a path that is neither is
    // added as it is, so its entry shows why it cannot be loaded. Returns how many were new.
    int add_run_or_folder(const std::filesystem::path& path);
    void remove(std::uint64_t id);
    void clear();

    // Which loaded runs are compared: those not hidden whose name matches the filter, a
    // case-insensitive regular expression as in TensorBoard (text that is not one is matched as it
    // is, and filter_error() says so). An empty filter matches every run.
    void set_hidden(std::uint64_t id, bool hidden);
    void set_filter(const std::string& filter);
    const std::string& filter() const { return m_filter; }
    const std::string& filter_error() const { return m_filter_error; }
    bool matches_filter(const RunEntry& entry) const;
    bool shown(const RunEntry& entry) const;  // loaded, not hidden, matching the filter
    // What the loaded runs (shown or not) can be grouped by, kept from the last change of the set.
    const std::vector<std::string>& grouping_choices() const { return m_choices; }
    // How the comparison groups its runs (run_grouping.h); kGroupByCondition by default.
    void set_group_by(const std::string& by);
    const std::string& group_by() const { return m_settings.group_by; }

    // Takes the runs loaded since the last call; rebuilds the comparison when they changed the
    // loaded set. Returns whether anything changed. Call once per frame.
    bool poll();

    const std::vector<RunEntry>& entries() const { return m_entries; }
    const RunSetComparison& comparison() const { return m_comparison; }
    int loading() const;  // entries still loading
    int loaded() const;
    // Bumped whenever entries or the comparison change: views rebuild what they derive.
    std::uint64_t version() const { return m_version; }

private:
    struct Job {
        std::uint64_t id;
        std::filesystem::path dir;
        std::string name;
    };
    struct Result {
        std::uint64_t id;
        std::shared_ptr<const LoadedRun> run;
        std::string error;
    };
    void work();
    void rebuild_comparison();
    std::string unique_name(const std::filesystem::path& dir) const;

    std::vector<RunEntry> m_entries;
    RunSetComparison m_comparison;
    ComparisonSettings m_settings;
    std::vector<std::string> m_choices;
    std::string m_filter, m_filter_error;
    std::optional<std::regex> m_filter_regex;
    std::uint64_t m_next_id = 1;
    std::uint64_t m_version = 0;
    std::function<void()> m_on_loaded;

    std::mutex m_mutex;  // guards the queues and m_stop
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    std::vector<Result> m_results;
    bool m_stop = false;
    std::thread m_worker;  // last: started once everything above exists
};


}  // namespace mop::ui

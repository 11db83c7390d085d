#include "ui/tabs/runs/run_set.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <stdexcept>

#include "core/engine/run_loading.h"
#include "core/train/run_directory.h"

namespace mop::ui {

RunSet::RunSet(std::function<void()> on_loaded) : m_on_loaded(std::move(on_loaded)) {
    m_worker = std::thread([this] { work(); });
}

RunSet::~RunSet() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    m_worker.join();
}

std::string RunSet::unique_name(const std::filesystem::path& dir) const {
    return unique_run_name(dir, [&](const std::string& name) {
        return std::any_of(m_entries.begin(), m_entries.end(), [&](const RunEntry& e) { return e.name == name; });
    });
}

bool RunSet::add(const std::filesystem::path& dir) {
    const std::filesystem::path key = normalised_run_path(dir);
    for (const RunEntry& e : m_entries)
        if (normalised_run_path(e.dir) == key) return false;
    RunEntry entry;
    entry.id = m_next_id++;
    entry.dir = dir;
    entry.name = unique_name(dir);
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back({entry.id, dir, entry.name});
    }
    m_wake.notify_one();
    m_entries.push_back(std::move(entry));
    ++m_version;
    return true;
}

int RunSet::add_all_under(const std::filesystem::path& folder) {
    int added = 0;
    for (const auto& run : runs_under(folder)) added += add(run) ? 1 : 0;
    return added;
}

int RunSet::add_run_or_folder(const std::filesystem::path& path) {
    std::error_code error;
    if (!is_run_directory(path) && std::filesystem::is_directory(path, error)) {
        const int added = add_all_under(path);
        // A folder with neither a run nor runs under it: its entry says it is not a run.
        const bool has_runs = std::any_of(m_entries.begin(), m_entries.end(), [&](const RunEntry& e) {
            return normalised_run_path(e.dir.parent_path()) == normalised_run_path(path);
        });
        if (added > 0 || has_runs) return added;
    }
    return add(path) ? 1 : 0;
}

void RunSet::remove(std::uint64_t id) {
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const RunEntry& e) { return e.id == id; });
    if (it == m_entries.end()) return;
    {
        // A queued job goes; one being loaded finishes and its result is dropped in poll().
        std::lock_guard lock(m_mutex);
        m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(), [&](const Job& j) { return j.id == id; }),
                     m_jobs.end());
    }
    const bool was_loaded = it->state == RunEntryState::Loaded;
    m_entries.erase(it);
    if (was_loaded) rebuild_comparison();
    ++m_version;
}

void RunSet::clear() {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.clear();
    }
    m_entries.clear();
    rebuild_comparison();
    ++m_version;
}

void RunSet::set_hidden(std::uint64_t id, bool hidden) {
    for (RunEntry& e : m_entries)
        if (e.id == id && e.hidden != hidden) {
            e.hidden = hidden;
            rebuild_comparison();
            ++m_version;
        }
}

void RunSet::set_filter(const std::string& filter) {
    if (filter == m_filter) return;
    m_filter = filter;
    m_filter_error.clear();
    m_filter_regex.reset();
    if (!filter.empty()) {
        try {
            m_filter_regex.emplace(filter, std::regex::ECMAScript | std::regex::icase);
        } catch (const std::regex_error&) {
            m_filter_error = "not a regular expression: matching it as text";
        }
    }
    rebuild_comparison();
    ++m_version;
}

bool RunSet::matches_filter(const RunEntry& entry) const {
    if (m_filter.empty()) return true;
    if (m_filter_regex) return std::regex_search(entry.name, *m_filter_regex);
    const auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
        return text;
    };
    return lower(entry.name).find(lower(m_filter)) != std::string::npos;
}

bool RunSet::shown(const RunEntry& entry) const {
    return entry.state == RunEntryState::Loaded && !entry.hidden && matches_filter(entry);
}

void RunSet::set_group_by(const std::string& by) {
    if (by == m_settings.group_by) return;
    m_settings.group_by = by;
    rebuild_comparison();
    ++m_version;
}

void RunSet::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
            if (m_stop) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        Result result{job.id, nullptr, {}};
        try {
            result.run = std::make_shared<const LoadedRun>(load_run(job.dir, job.name));
        } catch (const std::exception& e) {
            result.error = e.what();
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) return;
            m_results.push_back(std::move(result));
        }
        if (m_on_loaded) m_on_loaded();
    }
}

bool RunSet::poll() {
    std::vector<Result> results;
    {
        std::lock_guard lock(m_mutex);
        results.swap(m_results);
    }
    bool loaded_changed = false;
    bool changed = false;
    for (Result& result : results) {
        const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                     [&](const RunEntry& e) { return e.id == result.id; });
        if (it == m_entries.end()) continue;  // removed while it loaded
        changed = true;
        if (result.run) {
            it->state = RunEntryState::Loaded;
            it->run = std::move(result.run);
            loaded_changed = true;
        } else {
            it->state = RunEntryState::Failed;
            it->error = std::move(result.error);
        }
    }
    if (loaded_changed) rebuild_comparison();
    if (changed) ++m_version;
    return changed;
}

void RunSet::rebuild_comparison() {
    std::vector<const LoadedRun*> loaded;
    for (const RunEntry& e : m_entries)
        if (e.state == RunEntryState::Loaded) loaded.push_back(e.run.get());
    m_choices = mop::grouping_choices(loaded);
    RunSetComparison c;
    for (const RunEntry& e : m_entries) {
        if (!shown(e)) continue;
        c.runs.push_back(*e.run);
        c.entry.push_back(e.id);
        c.mean_lpc.push_back(mean_and_std(e.run->task_lpc).mean);
    }
    if (!c.runs.empty()) {
        try {
            c.comparison = compare_runs(c.runs, m_settings);
        } catch (const std::exception& e) {
            c.error = e.what();
        }
    }
    m_comparison = std::move(c);
}

int RunSet::loading() const {
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
                                          [](const RunEntry& e) { return e.state == RunEntryState::Loading; }));
}

int RunSet::loaded() const {
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
                                          [](const RunEntry& e) { return e.state == RunEntryState::Loaded; }));
}

}  // namespace mop::ui

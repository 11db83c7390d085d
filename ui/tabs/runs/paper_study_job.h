// The Runs tab's paper study on a background thread: the measures of core/study/paper_study.h for
// the loaded runs, at first from the cached evaluations only (instant), then, when the user asks,
// evaluating each run's checkpoint under ablation (minutes at the paper's scale), with progress and
// a way to stop between runs. A newer request replaces an older one. GL-free and ImGui-free.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/study/paper_study.h"

namespace mop::ui {

class PaperStudyJob {
public:
    explicit PaperStudyJob(std::function<void()> on_done = {}) : m_on_done(std::move(on_done)) {}
    ~PaperStudyJob();  // stops between runs and waits
    PaperStudyJob(const PaperStudyJob&) = delete;
    PaperStudyJob& operator=(const PaperStudyJob&) = delete;

    // Starts studying `runs` (dirs[i] is runs[i]'s directory); `evaluate`: evaluate runs the cache
    // lacks. Stops a study still going first.
    void start(std::vector<std::filesystem::path> dirs, std::vector<LoadedRun> runs, bool evaluate,
               std::string difficulty_file = {});
    void stop();  // between runs; the study then ends without a result

    bool running() const { return m_running.load(); }
    // "evaluating mop/seed-2 (5/21)" while running.
    std::string progress() const;
    // Takes a finished study (once). `error` holds why the last one failed, if it did.
    std::optional<PaperStudy> take_result();
    bool result_ready() const;
    std::string error() const;

private:
    void join();

    std::function<void()> m_on_done;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
    mutable std::mutex m_mutex;  // guards the three below
    std::string m_progress;
    std::optional<PaperStudy> m_result;
    std::string m_error;
};

}  // namespace mop::ui

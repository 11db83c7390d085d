#include "ui/tabs/runs/paper_study_job.h"

#include <stdexcept>

namespace mop::ui {

namespace {

struct Stopped {};  // thrown from the progress callback to end a study between runs

}  // namespace

PaperStudyJob::~PaperStudyJob() {
    m_stop->store(true);
    join();
}

void PaperStudyJob::join() {
    if (m_thread.joinable()) m_thread.join();
}

void PaperStudyJob::stop() { m_stop->store(true); }

void PaperStudyJob::start(std::vector<std::filesystem::path> dirs, std::vector<LoadedRun> runs, bool evaluate,
                          std::string difficulty_file) {
    m_stop->store(true);
    join();
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_running.store(true);
    {
        const std::lock_guard lock(m_mutex);
        m_progress = evaluate ? "starting" : "reading cached evaluations";
        m_error.clear();
    }
    m_thread = std::thread([this, stop = m_stop, dirs = std::move(dirs), runs = std::move(runs), evaluate,
                            difficulty_file = std::move(difficulty_file)] {
        PaperStudySettings settings;
        settings.difficulty_file = difficulty_file;
        settings.evaluate = evaluate;
        settings.progress = [&](int index, int total, const std::string& name) {
            if (stop->load()) throw Stopped{};
            const std::lock_guard lock(m_mutex);
            m_progress = "evaluating " + name + " (" + std::to_string(index + 1) + "/" + std::to_string(total) +
                         "): experts below 0.1 removed, largest expert off";
        };
        try {
            PaperStudy study = run_paper_study(dirs, runs, settings);
            const std::lock_guard lock(m_mutex);
            m_result = std::move(study);
        } catch (const Stopped&) {
            const std::lock_guard lock(m_mutex);
            m_error = "stopped";
        } catch (const std::exception& e) {
            const std::lock_guard lock(m_mutex);
            m_error = e.what();
        }
        m_running.store(false);
        if (m_on_done) m_on_done();
    });
}

std::string PaperStudyJob::progress() const {
    const std::lock_guard lock(m_mutex);
    return m_progress;
}

std::optional<PaperStudy> PaperStudyJob::take_result() {
    const std::lock_guard lock(m_mutex);
    std::optional<PaperStudy> result = std::move(m_result);
    m_result.reset();
    return result;
}

bool PaperStudyJob::result_ready() const {
    const std::lock_guard lock(m_mutex);
    return m_result.has_value();
}

std::string PaperStudyJob::error() const {
    const std::lock_guard lock(m_mutex);
    return m_error;
}

}  // namespace mop::ui

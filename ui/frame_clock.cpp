#include "ui/frame_clock.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace mop::ui {

void FrameClock::begin_frame() {
    const Clock::time_point now = Clock::now();
    if (m_started) {
        const double interval = std::chrono::duration<double>(now - m_last).count();
        // An exponential average over about a second of frames, so the number is readable.
        if (interval > 0) m_rate = m_rate == 0 ? static_cast<float>(1.0 / interval) : 0.95f * m_rate + 0.05f / static_cast<float>(interval);
        if (m_recording) m_intervals.push_back(interval);
    }
    m_started = true;
    m_last = now;
}

void FrameClock::wait_for_next_frame(int max_fps) const {
    if (max_fps <= 0 || !m_started) return;
    const auto next = m_last + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / max_fps));
    std::this_thread::sleep_until(next);
}

void FrameClock::start_recording() {
    m_recording = true;
    m_recording_since = Clock::now();
    m_intervals.clear();
    m_rendered = 0;
}

std::string FrameClock::summary() const {
    if (m_intervals.empty()) return "no frames";
    std::vector<double> sorted = m_intervals;
    std::sort(sorted.begin(), sorted.end());
    double total = 0;
    for (double v : m_intervals) total += v;
    auto percentile = [&](double p) { return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))]; };
    char text[256];
    std::snprintf(text, sizeof text,
                  "frames %zu in %.1f s: %.1f fps; frame interval median %.1f ms, p95 %.1f ms, worst %.1f ms; "
                  "rasterised %zu (the others were identical to the frame before)",
                  m_intervals.size(), total, static_cast<double>(m_intervals.size()) / total, 1e3 * percentile(0.5),
                  1e3 * percentile(0.95), 1e3 * sorted.back(), m_rendered);
    return text;
}

}  // namespace mop::ui

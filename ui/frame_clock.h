// Frame timing: the frame rate shown in the status bar, the frame cap that keeps a busy studio
// from taking a core away from training, and the statistics of --measure-fps.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace mop::ui {

class FrameClock {
public:
    using Clock = std::chrono::steady_clock;

    // Marks the start of a frame (after any wait); records the interval since the previous one.
    void begin_frame();
    // Sleeps so frames start no more often than `max_fps` (0: no cap).
    void wait_for_next_frame(int max_fps) const;
    // Frames per second over the last second or so (0 before two frames).
    float frame_rate() const { return m_rate; }

    // The frame just built was rasterised (it differed from the one before).
    void note_rendered() {
        if (m_recording) ++m_rendered;
    }

    // Intervals recorded since start_recording().
    void start_recording();
    const std::vector<double>& intervals_s() const { return m_intervals; }
    // "frames 1200 in 20.0 s: 60.0 fps; frame interval median 16.7 ms, p95 17.9 ms, worst 25.1 ms;
    //  rasterised 310 (the others were identical to the frame before)"
    std::string summary() const;

private:
    Clock::time_point m_last{};
    bool m_started = false;
    float m_rate = 0;
    bool m_recording = false;
    Clock::time_point m_recording_since{};
    std::vector<double> m_intervals;
    std::size_t m_rendered = 0;
};

}  // namespace mop::ui

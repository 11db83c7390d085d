#include "ui/widgets/step_strips.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/tasks/task_catalog.h"
#include "figures/style/palette.h"
#include "ui/theme.h"

namespace mop::ui {

namespace {

struct Run {
    int start = 0;
    int length = 0;
};

// Maximal runs of equal keys; a run also ends where a trial starts, so two trials never merge.
std::vector<Run> runs(const SequenceDisplay& d, const std::function<int(int)>& key) {
    std::vector<bool> starts(static_cast<std::size_t>(d.steps), false);
    for (const TrialSpan& t : d.trials)
        if (t.start < d.steps) starts[static_cast<std::size_t>(t.start)] = true;
    std::vector<Run> out;
    for (int s = 0; s < d.steps; ++s) {
        if (out.empty() || starts[static_cast<std::size_t>(s)] || key(s) != key(out.back().start))
            out.push_back({s, 0});
        ++out.back().length;
    }
    return out;
}

ImVec2 text_size(ImFont* f, const char* text) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text); }

// `text`, or its longest prefix ending in ".." that fits in `width`; empty if not even two letters fit.
std::string fit_text(ImFont* f, const std::string& text, float width) {
    if (text_size(f, text.c_str()).x <= width) return text;
    if (text.size() < 3) return {};
    for (std::size_t keep = text.size() - 1; keep >= 2; --keep) {
        const std::string shortened = text.substr(0, keep) + "..";
        if (text_size(f, shortened.c_str()).x <= width) return shortened;
    }
    return {};
}

// Writes `text` centred in [x0, x1] x [y0, y1] if it fits there.
void centred_text(ImDrawList* draw_list, ImFont* f, float x0, float x1, float y0, float y1, const char* text,
                  ImU32 colour) {
    const ImVec2 size = text_size(f, text);
    if (size.x + 4.0f > x1 - x0 || size.y > y1 - y0 + 2.0f) return;
    draw_list->AddText(f, f->FontSize, ImVec2(0.5f * (x0 + x1 - size.x), 0.5f * (y0 + y1 - size.y)), colour, text);
}

// A band of coloured runs with their names; a short run gets a short name if the full one does not fit.
void draw_band(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d,
               const std::function<int(int)>& key, const std::function<Rgb(int)>& colour,
               const std::function<std::string(int)>& name) {
    ImFont* f = font(FontRole::Small);
    for (const Run& r : runs(d, key)) {
        const float x0 = axis.x_of(r.start);
        const float x1 = axis.x_of(r.start + r.length);
        const int k = key(r.start);
        const Rgb c = colour(k);
        draw_list->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), to_imu32(c, 0.9f));
        draw_list->AddLine(ImVec2(x0, y0), ImVec2(x0, y1), IM_COL32(20, 22, 26, 200));
        const std::string full = name(k);
        const std::string brief = full.substr(0, 3);
        const ImU32 ink = text_colour_on(c);
        if (text_size(f, full.c_str()).x + 4.0f <= x1 - x0)
            centred_text(draw_list, f, x0, x1, y0, y1, full.c_str(), ink);
        else
            centred_text(draw_list, f, x0, x1, y0, y1, brief.c_str(), ink);
    }
}

}  // namespace

void draw_strip_title(ImDrawList* draw_list, float right, float y0, float y1, const char* title) {
    ImFont* f = font(FontRole::Body);
    const ImVec2 size = text_size(f, title);
    draw_list->AddText(f, f->FontSize, ImVec2(right - size.x, 0.5f * (y0 + y1 - size.y)), screen_palette().axis_text, title);
}

void draw_label_strip(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d) {
    ImFont* f = font(FontRole::Small);
    // One number per cell when cells are wide enough, else one per run of equal labels.
    const bool per_cell = text_size(f, "16").x + 4.0f <= axis.cell_width();
    for (int s = 0; s < d.steps; ++s) {
        const Rgb c = label_colour(d.labels[static_cast<std::size_t>(s)]);
        draw_list->AddRectFilled(ImVec2(axis.x_of(s), y0), ImVec2(axis.x_of(s + 1), y1), to_imu32(c));
        if (per_cell && axis.cell_width() >= 6.0f)
            draw_list->AddLine(ImVec2(axis.x_of(s), y0), ImVec2(axis.x_of(s), y1), IM_COL32(20, 22, 26, 160));
    }
    const auto label = [&](int s) { return d.labels[static_cast<std::size_t>(s)]; };
    if (per_cell) {
        for (int s = 0; s < d.steps; ++s) {
            const std::string text = std::to_string(label(s));
            centred_text(draw_list, f, axis.x_of(s), axis.x_of(s + 1), y0, y1, text.c_str(),
                         text_colour_on(label_colour(label(s))));
        }
        return;
    }
    for (const Run& r : runs(d, label)) {
        const std::string text = std::to_string(label(r.start));
        centred_text(draw_list, f, axis.x_of(r.start), axis.x_of(r.start + r.length), y0, y1, text.c_str(),
                     text_colour_on(label_colour(label(r.start))));
    }
}

void draw_period_band(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d) {
    draw_band(
        draw_list, axis, y0, y1, d, [&](int s) { return static_cast<int>(d.periods[static_cast<std::size_t>(s)]); },
        [](int k) { return period_colour(static_cast<Period>(k)); },
        [](int k) { return std::string(period_name(static_cast<Period>(k))); });
}

void draw_phase_band(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d) {
    draw_band(
        draw_list, axis, y0, y1, d,
        [&](int s) { return static_cast<int>(phase_of(d.periods[static_cast<std::size_t>(s)])); },
        [](int k) { return phase_colour(static_cast<Phase>(k)); },
        [](int k) { return std::string(phase_name(static_cast<Phase>(k))); });
}

void draw_trial_names(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d,
                      std::string_view highlight_task) {
    ImFont* f = font(FontRole::Small);
    const auto& trials = d.trials;
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const TrialSpan& t = trials[i];
        const float x0 = axis.x_of(t.start);
        const float x1 = axis.x_of(t.start + t.kept);
        const int task = find_task(t.task);
        const Rgb family = task >= 0 ? family_colour(modcog_tasks()[task].family) : Rgb{0.5f, 0.5f, 0.5f};
        const bool highlighted = !highlight_task.empty() && t.task == highlight_task;
        const ImU32 shade =
            highlighted ? to_imu32(family, 0.45f)
                        : (i % 2 ? to_imu32(screen_palette().frame.rgb) : to_imu32(screen_palette().no_data.rgb));
        draw_list->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), shade);
        draw_list->AddRectFilled(ImVec2(x0, y1 - 3.0f), ImVec2(x1, y1), to_imu32(family));
    }
    // Names alternate between two lines, so a name may run on over the next trial; it is
    // shortened only where it would reach the trial after that (the next one on its line).
    const float line_h = 0.5f * (y1 - y0 - 3.0f);
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const TrialSpan& t = trials[i];
        const float x = axis.x_of(t.start) + 3.0f;
        const float limit = i + 2 < trials.size() ? axis.x_of(trials[i + 2].start) - 4.0f : axis.x1;
        const std::string name = fit_text(f, t.kept < t.length ? t.task + " (cut)" : t.task, limit - x);
        if (name.empty()) continue;
        const float y = y0 + static_cast<float>(i % 2) * line_h + 0.5f * (line_h - f->FontSize);
        const bool highlighted = !highlight_task.empty() && t.task == highlight_task;
        draw_list->AddText(f, f->FontSize, ImVec2(x, y), highlighted ? to_imu32(screen_palette().highlight.rgb) : screen_palette().axis_text,
                           name.c_str());
    }
}

void draw_trial_boundaries(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, const SequenceDisplay& d) {
    for (const TrialSpan& t : d.trials) {
        if (t.start == 0) continue;
        const float x = axis.x_of(t.start);
        draw_list->AddLine(ImVec2(x, y0), ImVec2(x, y1), IM_COL32(255, 255, 255, 170), 1.0f);
    }
}

void draw_step_ticks(ImDrawList* draw_list, const StepAxis& axis, float y) {
    ImFont* f = font(FontRole::Small);
    const int spacing = tick_spacing(axis.steps, axis.x1 - axis.x0, 34.0f);
    draw_list->AddLine(ImVec2(axis.x0, y), ImVec2(axis.x1, y), screen_palette().axis);
    for (int s = 0; s < axis.steps; s += spacing) {
        const float x = axis.centre_of(s);
        draw_list->AddLine(ImVec2(x, y), ImVec2(x, y + 5.0f), screen_palette().axis);
        const std::string text = std::to_string(s);
        const float w = text_size(f, text.c_str()).x;
        draw_list->AddText(f, f->FontSize, ImVec2(x - 0.5f * w, y + 7.0f), screen_palette().dim_text, text.c_str());
    }
    ImFont* body = font(FontRole::Body);
    const char* title = "step (100 ms)";
    const ImVec2 size = text_size(body, title);
    draw_list->AddText(body, body->FontSize, ImVec2(0.5f * (axis.x0 + axis.x1 - size.x), y + 9.0f + f->FontSize),
                       screen_palette().axis_text, title);
}

void draw_hover_column(ImDrawList* draw_list, const StepAxis& axis, float y0, float y1, int step) {
    if (step < 0) return;
    draw_list->AddRect(ImVec2(axis.x_of(step) - 1.0f, y0 - 1.0f), ImVec2(axis.x_of(step + 1) + 1.0f, y1 + 1.0f),
                       IM_COL32(255, 255, 255, 220), 0.0f, 0, 1.5f);
}

}  // namespace mop::ui

// The task browser's figure: a channels x steps heatmap with its channel blocks and colour bar,
// and under it the label, period and phase strips and the step axis, all on one StepAxis.
// Hovering anywhere shows what is at that step (and channel).
#pragma once

#include <imgui.h>

#include <string_view>

#include "ui/tabs/task_browser/sequence_display.h"
#include "ui/widgets/channel_layout.h"

namespace mop::ui {

class HeatmapRenderer;

struct SequenceFigureOptions {
    bool trial_names = false;     // a strip of task names over the heatmap (mixed sequences)
    float one_hot_weight = 1.0f;  // row height of task one-hot channels relative to sensory ones
    float max_row_height = 24.0f;
    std::string_view highlight_task;
};

// Fixation, ring 1, ring 2 and, for wider inputs, the task one-hot block.
ChannelLayout sequence_channel_layout(int channels, float one_hot_weight);

// Fills `size` at the cursor; `image` must hold d's heatmap.
void draw_sequence_figure(const char* id, const SequenceDisplay& d, const HeatmapRenderer& image, ImVec2 size,
                          const SequenceFigureOptions& options);

}  // namespace mop::ui

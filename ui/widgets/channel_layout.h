// Vertical placement of a heatmap's channels, in blocks (fixation, ring 1, ring 2, task one-hot)
// separated by small gaps; each block has its own row height so a 1-channel block stays
// readable next to an 82-channel one. GL-free.
#pragma once

#include <string>
#include <vector>

namespace mop::ui {

struct ChannelBlock {
    int first = 0;
    int count = 0;
    std::string label;
    float weight = 1.0f;      // relative row height
    int tick_every = 0;       // label unit indices every n rows (0: none)
    float row_height = 0.0f;  // set by ChannelLayout::fit
    bool fill = false;        // takes the height that whole-pixel rows leave over (dense blocks)
};

class ChannelLayout {
public:
    ChannelLayout(std::vector<ChannelBlock> blocks, float gap) : m_blocks(std::move(blocks)), m_gap(gap) {}

    // Chooses row heights so the blocks fill `height` pixels from `top`, rows at most max_row.
    void fit(float top, float height, float max_row);

    const std::vector<ChannelBlock>& blocks() const { return m_blocks; }
    float top() const { return m_top; }
    float bottom() const;
    float block_top(std::size_t block) const;
    float block_bottom(std::size_t block) const;
    // Top edge of a channel's row.
    float y_of(int channel) const;
    float row_height_of(int channel) const;
    // The channel under pixel row y, or -1 (outside, or in a gap).
    int channel_at(float y) const;

private:
    std::vector<ChannelBlock> m_blocks;
    float m_gap = 0.0f;
    float m_top = 0.0f;
};

}  // namespace mop::ui

#include "ui/widgets/channel_layout.h"

#include <algorithm>
#include <cmath>

namespace mop::ui {

void ChannelLayout::fit(float top, float height, float max_row) {
    m_top = top;
    float weighted_rows = 0.0f;
    for (const ChannelBlock& b : m_blocks) weighted_rows += b.weight * static_cast<float>(b.count);
    const float gaps = m_gap * static_cast<float>(m_blocks.empty() ? 0 : m_blocks.size() - 1);
    const float unit = weighted_rows > 0.0f ? std::max(0.0f, height - gaps) / weighted_rows : 0.0f;
    // Whole-pixel rows keep every cell the same height on screen.
    float used = gaps;
    for (ChannelBlock& b : m_blocks) {
        b.row_height = std::clamp(std::floor(unit * b.weight), 1.0f, max_row);
        used += b.row_height * static_cast<float>(b.count);
    }
    for (ChannelBlock& b : m_blocks)
        if (b.fill && height > used) {
            b.row_height += (height - used) / static_cast<float>(b.count);
            break;
        }
}

float ChannelLayout::block_top(std::size_t block) const {
    float y = m_top;
    for (std::size_t i = 0; i < block; ++i) y += m_blocks[i].row_height * static_cast<float>(m_blocks[i].count) + m_gap;
    return y;
}

float ChannelLayout::block_bottom(std::size_t block) const {
    return block_top(block) + m_blocks[block].row_height * static_cast<float>(m_blocks[block].count);
}

float ChannelLayout::bottom() const { return m_blocks.empty() ? m_top : block_bottom(m_blocks.size() - 1); }

float ChannelLayout::y_of(int channel) const {
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        const ChannelBlock& b = m_blocks[i];
        if (channel >= b.first && channel < b.first + b.count)
            return block_top(i) + b.row_height * static_cast<float>(channel - b.first);
    }
    return m_top;
}

float ChannelLayout::row_height_of(int channel) const {
    for (const ChannelBlock& b : m_blocks)
        if (channel >= b.first && channel < b.first + b.count) return b.row_height;
    return 0.0f;
}

int ChannelLayout::channel_at(float y) const {
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        const float top = block_top(i);
        const float bottom = block_bottom(i);
        if (y >= top && y < bottom) {
            const ChannelBlock& b = m_blocks[i];
            const int row = static_cast<int>(std::floor((y - top) / b.row_height));
            return b.first + std::min(row, b.count - 1);
        }
    }
    return -1;
}

}  // namespace mop::ui

// An append-only series of doubles whose full blocks are immutable and shared between copies, so
// the engine can publish a snapshot every step without copying a long run's history: a copy costs
// one pointer per 4096 points plus the unfinished block.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace mop {

class SharedSeries {
public:
    static constexpr std::size_t kBlockSize = 4096;

    void push_back(double value) {
        m_tail.push_back(value);
        if (m_tail.size() == kBlockSize) {
            m_blocks.push_back(std::make_shared<const std::vector<double>>(std::move(m_tail)));
            m_tail = {};
            m_tail.reserve(kBlockSize);
        }
    }
    std::size_t size() const { return m_blocks.size() * kBlockSize + m_tail.size(); }
    bool empty() const { return size() == 0; }
    double operator[](std::size_t i) const {
        const std::size_t block = i / kBlockSize;
        return block < m_blocks.size() ? (*m_blocks[block])[i % kBlockSize] : m_tail[i - m_blocks.size() * kBlockSize];
    }
    double back() const { return (*this)[size() - 1]; }
    void clear() {
        m_blocks.clear();
        m_tail.clear();
    }

private:
    std::vector<std::shared_ptr<const std::vector<double>>> m_blocks;
    std::vector<double> m_tail;
};

}  // namespace mop

// Per-pixel decimation of long series: of the points falling in one pixel column only the first,
// lowest, highest and last are drawn, which draws the same shape as all of them. O(N) and, once
// the output buffer has grown, no allocation. GL-free.
#pragma once

#include <functional>
#include <vector>

#include "figures/plot/axis_transform.h"

namespace mop::ui::plot {

struct DataPoint {
    double x = 0.0, y = 0.0;
};

// index -> point: lets the caller keep its series in blocks (the engine stores them chunked).
using SeriesAccessor = std::function<DataPoint(int index)>;

// Marks a gap in the kept indices: the line breaks there (a NaN / inf value, or a value a log
// axis cannot show).
inline constexpr int kBreak = -1;

// Replaces `kept` with the indices worth drawing, in index order, with kBreak between pieces.
// Columns are taken from `x`; points far outside its pixel range share one column per side, so a
// line still enters the plot from the right direction. Consecutive points form one column's run,
// so x need not be sorted for the drawing to stay exact (only shorter runs).
void decimate(int count, const SeriesAccessor& points, const AxisTransform& x, const AxisTransform& y,
              std::vector<int>& kept);

}  // namespace mop::ui::plot

#include "figures/plot/axis_ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace mop::ui::plot {

namespace {

constexpr int kMaxTicks = 1000;  // a guard against degenerate ranges, never reached in practice

// Decimals needed to write `step` exactly (0.25 -> 2, 5 -> 0), at most 6.
int decimals_for(double step) {
    step = std::fabs(step);
    for (int d = 0; d < 6; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
    }
    return 6;
}

// "2.50" -> "2.5", "3.0" -> "3"; leaves integers alone.
void strip_zeros(std::string& s) {
    if (s.find('.') == std::string::npos) return;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string s(text);
    strip_zeros(s);
    if (s == "-0") s = "0";
    return s;
}

}  // namespace

double nice_step(double raw_step) {
    if (!(raw_step > 0.0) || !std::isfinite(raw_step)) return 1.0;
    const double base = std::pow(10.0, std::floor(std::log10(raw_step)));
    const double f = raw_step / base;
    constexpr double kSlack = 1e-9;
    if (f <= 1.0 + kSlack) return base;
    if (f <= 2.0 + kSlack) return 2.0 * base;
    if (f <= 5.0 + kSlack) return 5.0 * base;
    return 10.0 * base;
}

void linear_ticks(double min, double max, float pixels, float min_spacing, std::vector<Tick>& out) {
    out.clear();
    const double span = max - min;
    if (!(span > 0.0) || !std::isfinite(span) || pixels <= 0.0f) return;
    const int max_ticks = std::max(1, static_cast<int>(pixels / std::max(min_spacing, 1.0f)));
    const double step = nice_step(span / max_ticks);
    const double first = std::ceil(min / step - 1e-9);
    for (int k = 0; k < kMaxTicks; ++k) {
        double value = (first + k) * step;
        if (value > max + step * 1e-9) break;
        if (std::fabs(value) < step * 1e-9) value = 0.0;  // no "-0" or 1e-17 at the origin
        out.push_back({value, true, step});
    }
}

void log_ticks(double min, double max, float pixels, float min_spacing, std::vector<Tick>& out) {
    out.clear();
    if (!(min > 0.0) || !(max > min) || pixels <= 0.0f) return;
    const double lmin = std::log10(min), lmax = std::log10(max);
    const double per_decade = pixels / (lmax - lmin);
    constexpr double kMinorPixels = 3.0;
    const bool label_125 = std::log10(2.0) * per_decade >= min_spacing;
    const bool minor = std::log10(10.0 / 9.0) * per_decade >= kMinorPixels;
    // Label every n-th decade when decades crowd.
    const int every = std::max(1, static_cast<int>(std::ceil(min_spacing / per_decade)));
    const int d0 = static_cast<int>(std::floor(lmin)), d1 = static_cast<int>(std::ceil(lmax));
    int labelled = 0;
    for (int d = d0; d <= d1 && static_cast<int>(out.size()) < kMaxTicks; ++d) {
        const double decade = std::pow(10.0, d);
        for (int m = 1; m <= 9; ++m) {
            const double value = m * decade;
            if (value < min * (1 - 1e-9) || value > max * (1 + 1e-9)) continue;
            const bool is_label = m == 1 ? (d % every == 0) : (label_125 && (m == 2 || m == 5));
            if (!is_label && !(m == 1 || minor)) continue;
            out.push_back({value, is_label, decade});
            labelled += is_label ? 1 : 0;
        }
    }
    // Less than a decade in view and no 1-2-5 value inside: plain 1-2-5 steps read better.
    if (labelled < 2) linear_ticks(min, max, pixels, min_spacing, out);
}

void category_ticks(double min, double max, int categories, float pixels, float min_spacing, std::vector<Tick>& out) {
    out.clear();
    if (!(max > min) || categories <= 0 || pixels <= 0.0f) return;
    const double per_category = pixels / (max - min);
    const int every = std::max(1, static_cast<int>(std::ceil(min_spacing / per_category)));
    const int first = std::max(0, static_cast<int>(std::ceil(min)));
    const int last = std::min(categories - 1, static_cast<int>(std::floor(max)));
    for (int g = first; g <= last && static_cast<int>(out.size()) < kMaxTicks; ++g) {
        out.push_back({static_cast<double>(g), g % every == 0, 1.0});
    }
}

std::string_view format_tick(double value, double step, std::span<char> buffer) {
    std::string s;
    const double a = std::fabs(value);
    step = std::fabs(step);
    if (!std::isfinite(value)) {
        s = std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
    } else if (a < step * 1e-6 || a == 0.0) {
        s = "0";
    } else if (a >= 1e3) {
        static constexpr struct {
            double unit;
            const char* suffix;
        } kUnits[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
        for (const auto& u : kUnits) {
            if (a < u.unit) continue;
            s = fixed(value / u.unit, decimals_for(step / u.unit)) + u.suffix;
            break;
        }
    } else if (a < 1e-2) {
        int exponent = static_cast<int>(std::floor(std::log10(a)));
        const int decimals = std::min(3, decimals_for(step / std::pow(10.0, exponent)));
        double mantissa = value / std::pow(10.0, exponent);
        // 9.996e-3 printed with 2 decimals would read "10.00e-3".
        if (std::fabs(std::round(mantissa * std::pow(10.0, decimals))) >= 10.0 * std::pow(10.0, decimals)) {
            exponent += 1;
            mantissa /= 10.0;
        }
        s = fixed(mantissa, decimals) + "e" + std::to_string(exponent);
    } else {
        s = fixed(value, decimals_for(step));
    }
    const std::size_t n = std::min(s.size(), buffer.size() > 0 ? buffer.size() - 1 : 0);
    std::copy_n(s.data(), n, buffer.data());
    if (!buffer.empty()) buffer[n] = '\0';
    return std::string_view(buffer.data(), n);
}

}  // namespace mop::ui::plot

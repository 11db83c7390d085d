#include "core/gated/gated_simulation.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/gated/fast_random.h"

namespace mop::gated {

namespace {

// R's gradient at c (spec section 1): the weights normalised to sum 1, the code's factors kept.
void add_regulariser_gradient(const GatedConfig& config, const std::vector<double>& c, std::vector<double>& grad) {
    const double total = config.nonneg_weight + config.l1_weight + config.l2_weight;
    if (config.lambda == 0.0 || total <= 0.0) return;
    const double w_nn = config.nonneg_weight / total, w_1 = config.l1_weight / total, w_2 = config.l2_weight / total;
    double l1 = 0.0, l2 = 0.0;
    for (const double x : c) {
        l1 += std::fabs(x);
        l2 += x * x;
    }
    l2 = std::sqrt(l2);
    for (std::size_t p = 0; p < c.size(); ++p) {
        const double sign = c[p] > 0.0 ? 1.0 : (c[p] < 0.0 ? -1.0 : 0.0);
        double g = 0.0;
        if (c[p] < 0.0) g -= w_nn * config.nonneg_scale;  // d/dc max(-c, 0)
        g += w_1 * config.l1_scale * (l1 - 1.0) * sign;
        if (l2 > 0.0) g += w_2 * (l2 - 1.0) * c[p] / l2;
        grad[p] += config.lambda * g;
    }
}

// One seed's whole run.
class SeedRun {
public:
    SeedRun(const GatedConfig& config, const Teachers& teachers, const BlockCurriculum& curriculum, int seed,
            const SimulationObserver& observer)
        : m_config(config), m_teachers(teachers), m_curriculum(curriculum), m_observer(observer), m_seed(seed),
          m_random(config.seed + static_cast<std::uint64_t>(seed)) {
        const int in = config.in_dim, out = config.out_dim;
        const double init = config.init_std / std::sqrt(static_cast<double>(in));
        m_w.assign(static_cast<std::size_t>(config.paths), Matrix{out, in, std::vector<double>(static_cast<std::size_t>(out * in))});
        for (Matrix& w : m_w)
            for (double& x : w.v) x = init * m_random.normal();
        m_c.assign(static_cast<std::size_t>(config.gate_count()), config.gate_init);
        start_toy();
        m_d = Matrix{out, in, std::vector<double>(static_cast<std::size_t>(out * in))};
        m_e = m_d;
        m_g = m_d;
        m_a.assign(static_cast<std::size_t>(in * in), 0.0);
        m_grad_c.assign(static_cast<std::size_t>(config.gate_count()), 0.0);
    }

    SeedResult run() {
        SeedResult result;
        std::vector<double> previous_block, this_block;  // the toy's parameters at each step of a block
        const double spacing = m_config.total_time / m_config.tape;
        double next_tape = 0.0;
        const std::int64_t per_block = m_curriculum.steps_per_block;
        std::int64_t step = 0;
        for (std::size_t b = 0; b < m_curriculum.teacher.size(); ++b) {
            BlockRecord block;
            block.block = static_cast<int>(b);
            block.teacher = m_curriculum.teacher[b];
            block.start_time = static_cast<double>(step) * m_config.dt;
            block.adaptation = m_config.block_time / m_config.tau_w;
            block.recovery = m_config.block_time;
            bool adapted = false, recovered = false;
            const Matrix& teacher = m_teachers.matrices[static_cast<std::size_t>(block.teacher)];
            double loss = 0.0;
            double cycle = b > 0 && m_config.toy() ? 0.0 : NAN;
            this_block.clear();
            for (std::int64_t j = 0; j < per_block; ++j, ++step) {
                if (m_config.toy()) cycle = std::max(cycle, note_toy_parameters(j, previous_block, this_block));
                loss = advance(teacher, step);
                if (j < kSwitchAlignedSteps) block.first_losses.push_back(loss);
                block.peak_loss = std::max(block.peak_loss, loss);
                if (!adapted && loss < m_config.adapted_loss) {
                    adapted = true;
                    block.adaptation = static_cast<double>(j) * m_config.dt / m_config.tau_w;
                }
                if (!recovered && loss < m_config.recovered_loss) {
                    recovered = true;
                    block.recovery = static_cast<double>(j) * m_config.dt;
                }
                const double time = static_cast<double>(step) * m_config.dt;
                if (time >= next_tape - 1e-12) {  // at most once per step
                    result.tape.push_back(sample(time, loss));
                    if (m_observer.on_sample) m_observer.on_sample(m_seed, result.tape.back(), effective_paths());
                    while (next_tape <= time + 1e-12) next_tape += spacing;
                }
            }
            block.end_loss = loss;
            block.end_gates = path_gates();
            block.cycle_distance = cycle;
            previous_block.swap(this_block);
            result.blocks.push_back(std::move(block));
            if (m_observer.on_block) m_observer.on_block(m_seed, result.blocks.back());
        }
        result.paths = effective_paths();
        result.gates = path_gates();
        if (per_row()) result.row_gates = m_c;
        result.specialisation = specialisation(result);
        result.total_alignment = total_alignment(result);
        return result;
    }

private:
    bool per_row() const { return m_config.gates == GateShape::PerRow; }

    // Each path's gate: its own, or the mean of its rows'.
    std::vector<double> path_gates() const {
        if (!per_row()) return m_c;
        const int out = m_config.out_dim;
        std::vector<double> means(static_cast<std::size_t>(m_config.paths), 0.0);
        for (int p = 0; p < m_config.paths; ++p) {
            for (int r = 0; r < out; ++r) means[static_cast<std::size_t>(p)] += m_c[static_cast<std::size_t>(p * out + r)];
            means[static_cast<std::size_t>(p)] /= out;
        }
        return means;
    }

    // The paths as SeedResult keeps them: per-row gates folded in relative to the path's mean.
    std::vector<Matrix> effective_paths() const {
        if (!per_row()) return m_w;
        const std::vector<double> means = path_gates();
        const int out = m_config.out_dim, in = m_config.in_dim;
        std::vector<Matrix> paths = m_w;
        for (int p = 0; p < m_config.paths; ++p) {
            const double mean = means[static_cast<std::size_t>(p)];
            for (int r = 0; r < out; ++r) {
                const double c = m_c[static_cast<std::size_t>(p * out + r)];
                const double scale = mean != 0.0 ? c / mean : c;
                for (int j = 0; j < in; ++j) paths[static_cast<std::size_t>(p)].at(r, j) *= scale;
            }
        }
        return paths;
    }

    // The toy's starts (GatedConfig::init); `random` keeps the draw above.
    void start_toy() {
        if (m_config.init == Init::Random) return;
        const auto set = [&](std::array<double, 2> w1, std::array<double, 2> w2, double c1, double c2) {
            m_w[0].v = {w1[0], w1[1]};
            m_w[1].v = {w2[0], w2[1]};
            m_c = {c1, c2};
        };
        constexpr double kScale = 0.1 / 2, kSplit = 0.01;  // the limit cycle's small, nearly equal paths
        switch (m_config.init) {
            case Init::ToyPaths: set({1, 0}, {0, 1}, 1.0, 0.0); break;
            case Init::ToySame: set({1, 0}, {1, 0}, 0.5, 0.5); break;
            case Init::ToySmall:
                set({(0.5 + kSplit) * kScale, (0.5 - kSplit) * kScale}, {(0.5 - kSplit) * kScale, (0.5 + kSplit) * kScale}, 0.5,
                    0.5);
                break;
            case Init::Random: break;
        }
    }

    // Keeps the toy's parameters (W, c) at step j of this block and returns their distance to step j
    // of the block before (0 while there is none).
    double note_toy_parameters(std::int64_t j, const std::vector<double>& previous, std::vector<double>& current) const {
        const std::size_t start = current.size();
        for (const Matrix& w : m_w) current.insert(current.end(), w.v.begin(), w.v.end());
        current.insert(current.end(), m_c.begin(), m_c.end());
        const std::size_t size = current.size() - start;
        const auto offset = static_cast<std::size_t>(j) * size;
        if (offset + size > previous.size()) return 0.0;
        double d2 = 0.0;
        for (std::size_t i = 0; i < size; ++i) d2 += (current[start + i] - previous[offset + i]) * (current[start + i] - previous[offset + i]);
        return std::sqrt(d2);
    }

    // The toy's step: x = 1, so S = 1 and the target is the curriculum's mix of A and B at this time.
    double advance_toy(std::int64_t step) {
        const std::vector<double> mix = cosine_context_weights(static_cast<double>(step) * m_config.dt, m_config.block_time,
                                                               2, m_config.hardness);
        double d2 = 0.0;
        for (std::size_t i = 0; i < m_d.v.size(); ++i) {
            double y = 0.0;
            for (std::size_t m = 0; m < mix.size(); ++m) y -= mix[m] * m_teachers.matrices[m].v[i];
            for (std::size_t p = 0; p < m_w.size(); ++p) y += m_c[p] * m_w[p].v[i];
            m_d.v[i] = y;
            m_g.v[i] = y;  // G = D S with S = 1
            d2 += y * y;
        }
        update();
        return 0.5 * d2;
    }

    // One Euler step; returns the loss before it.
    double advance(const Matrix& teacher, std::int64_t step) {
        if (m_config.toy()) return advance_toy(step);
        const int in = m_config.in_dim, out = m_config.out_dim, paths = m_config.paths;
        const double batch = m_config.batch;
        // D = sum_p c_p W_p - W* (per-row gates: sum_p diag(c_p) W_p - W*)
        if (per_row()) {
            for (int r = 0; r < out; ++r)
                for (int j = 0; j < in; ++j) {
                    const auto i = static_cast<std::size_t>(r * in + j);
                    double y = -teacher.v[i];
                    for (int p = 0; p < paths; ++p)
                        y += m_c[static_cast<std::size_t>(p * out + r)] * m_w[static_cast<std::size_t>(p)].v[i];
                    m_d.v[i] = y;
                }
        } else {
            for (std::size_t i = 0; i < m_d.v.size(); ++i) {
                double y = -teacher.v[i];
                for (int p = 0; p < paths; ++p) y += m_c[static_cast<std::size_t>(p)] * m_w[static_cast<std::size_t>(p)].v[i];
                m_d.v[i] = y;
            }
        }
        // A (lower triangular) with S = A A^T / B ~ X X^T / B.
        for (int i = 0; i < in; ++i) {  // A_ii^2 ~ chi-square(B - i), i from 0; below the diagonal N(0, 1)
            m_a[static_cast<std::size_t>(i * in + i)] = std::sqrt(m_random.chi_square(batch - i));
            for (int j = 0; j < i; ++j) m_a[static_cast<std::size_t>(i * in + j)] = m_random.normal();
        }
        // E = D A, G = E A^T / B = D S; the loss 1/2 tr(D S D^T) = |E|^2 / (2B).
        double e2 = 0.0;
        for (int r = 0; r < out; ++r) {
            const double* d = &m_d.v[static_cast<std::size_t>(r * in)];
            double* e = &m_e.v[static_cast<std::size_t>(r * in)];
            for (int k = 0; k < in; ++k) {
                double sum = 0.0;
                for (int i = k; i < in; ++i) sum += d[i] * m_a[static_cast<std::size_t>(i * in + k)];
                e[k] = sum;
                e2 += sum * sum;
            }
            double* g = &m_g.v[static_cast<std::size_t>(r * in)];
            for (int j = 0; j < in; ++j) {
                double sum = 0.0;
                const double* a = &m_a[static_cast<std::size_t>(j * in)];
                for (int k = 0; k <= j; ++k) sum += e[k] * a[k];
                g[j] = sum / batch;
            }
        }
        update();
        return 0.5 * e2 / batch;
    }

    // update() with a gate per path and output row.
    void update_per_row() {
        const int paths = m_config.paths, out = m_config.out_dim, in = m_config.in_dim;
        for (int p = 0; p < paths; ++p)
            for (int r = 0; r < out; ++r) {
                double dot = 0.0;
                for (int j = 0; j < in; ++j) dot += m_w[static_cast<std::size_t>(p)].at(r, j) * m_g.at(r, j);
                m_grad_c[static_cast<std::size_t>(p * out + r)] = dot;
            }
        add_regulariser_gradient(m_config, m_c, m_grad_c);  // the code's regulariser sees every gate as one vector
        const double rate_w = m_config.dt / m_config.tau_w, rate_c = m_config.dt / m_config.tau_c;
        for (int p = 0; p < paths; ++p)
            for (int r = 0; r < out; ++r) {
                const double step = rate_w * m_c[static_cast<std::size_t>(p * out + r)];
                for (int j = 0; j < in; ++j) m_w[static_cast<std::size_t>(p)].at(r, j) -= step * m_g.at(r, j);
            }
        for (std::size_t k = 0; k < m_c.size(); ++k) m_c[k] -= rate_c * m_grad_c[k];
    }

    // Both gradients at the same parameters (G = dL/dD in m_g), then both updates.
    void update() {
        if (per_row()) return update_per_row();
        const int paths = m_config.paths;
        for (int p = 0; p < paths; ++p) {
            double dot = 0.0;
            const Matrix& w = m_w[static_cast<std::size_t>(p)];
            for (std::size_t i = 0; i < w.v.size(); ++i) dot += w.v[i] * m_g.v[i];
            m_grad_c[static_cast<std::size_t>(p)] = dot;
        }
        add_regulariser_gradient(m_config, m_c, m_grad_c);
        const double rate_w = m_config.dt / m_config.tau_w, rate_c = m_config.dt / m_config.tau_c;
        for (int p = 0; p < paths; ++p) {
            const double step = rate_w * m_c[static_cast<std::size_t>(p)];
            Matrix& w = m_w[static_cast<std::size_t>(p)];
            for (std::size_t i = 0; i < w.v.size(); ++i) w.v[i] -= step * m_g.v[i];
        }
        for (int p = 0; p < paths; ++p) m_c[static_cast<std::size_t>(p)] -= rate_c * m_grad_c[static_cast<std::size_t>(p)];
    }

    TapeSample sample(double time, double loss) const {
        TapeSample s;
        s.time = time;
        s.loss = loss;
        s.gates = path_gates();
        if (per_row()) s.row_gates = m_c;
        for (const Matrix& w : m_w) {
            double n = 0.0;
            for (const double x : w.v) n += x * x;
            s.norms.push_back(std::sqrt(n));
        }
        for (const Matrix& teacher : m_teachers.matrices)
            for (const Matrix& w : m_w) s.cosines.push_back(row_cosine(teacher, w));
        // The last step's gradients: dW_p/dt = -c_p G / tau_w, dc/dt = -grad_c / tau_c.
        double g2 = 0.0, c2 = 0.0;
        for (const double x : m_g.v) g2 += x * x;
        for (const double x : m_grad_c) c2 += x * x;
        if (per_row()) {  // |diag(c_p) G|
            const int out = m_config.out_dim;
            for (int p = 0; p < m_config.paths; ++p) {
                double sum = 0.0;
                for (int r = 0; r < out; ++r) {
                    double row = 0.0;
                    for (int j = 0; j < m_config.in_dim; ++j) row += m_g.at(r, j) * m_g.at(r, j);
                    const double c = m_c[static_cast<std::size_t>(p * out + r)];
                    sum += c * c * row;
                }
                s.path_speed.push_back(std::sqrt(sum) / m_config.tau_w);
            }
        } else {
            for (const double c : m_c) s.path_speed.push_back(std::fabs(c) * std::sqrt(g2) / m_config.tau_w);
        }
        s.gate_speed = std::sqrt(c2) / m_config.tau_c;
        if (m_config.toy()) s.w_bar = 0.5 * ((m_w[0].v[0] - m_w[0].v[1]) + (m_w[1].v[1] - m_w[1].v[0]));
        return s;
    }

    // Paths sorted to teachers: the one-to-one assignment (P >= M) with the largest summed
    // time-averaged cosine; then the mean matched cosine at the tape sample nearest t_tot.
    double total_alignment(const SeedResult& result) const {
        const int paths = m_config.paths, base = m_config.teachers();
        if (result.tape.empty() || paths < base) return 0.0;
        std::vector<double> mean(static_cast<std::size_t>(base * paths), 0.0);
        for (const TapeSample& t : result.tape)
            for (int m = 0; m < base; ++m)
                for (int p = 0; p < paths; ++p)
                    mean[static_cast<std::size_t>(m * paths + p)] += t.cosines[static_cast<std::size_t>(m * paths + p)];
        std::vector<int> order(static_cast<std::size_t>(paths));
        for (int p = 0; p < paths; ++p) order[static_cast<std::size_t>(p)] = p;
        std::vector<int> best = order;
        double best_sum = -INFINITY;
        do {  // P! assignments: P is 2 or 3 here
            double sum = 0.0;
            for (int m = 0; m < base; ++m) sum += mean[static_cast<std::size_t>(m * paths + order[static_cast<std::size_t>(m)])];
            if (sum > best_sum) {
                best_sum = sum;
                best = order;
            }
        } while (std::next_permutation(order.begin(), order.end()));
        const TapeSample* at = &result.tape.front();
        for (const TapeSample& t : result.tape)
            if (std::fabs(t.time - m_config.total_time) < std::fabs(at->time - m_config.total_time)) at = &t;
        double alignment = 0.0;
        for (int m = 0; m < base; ++m)
            alignment += at->cosines[static_cast<std::size_t>(m * paths + best[static_cast<std::size_t>(m)])];
        return alignment / base;
    }

    Specialisation specialisation(const SeedResult& result) const {
        Specialisation s;
        const int paths = m_config.paths, base = m_config.teachers();
        const int teachers = static_cast<int>(m_teachers.matrices.size());
        if (result.tape.empty()) return s;
        bool ok = true;
        std::vector<bool> taken(static_cast<std::size_t>(base), false);
        for (int p = 0; p < paths; ++p) {
            // Sorting as the code does: the base teacher of the largest time-averaged cosine.
            int best = 0;
            double best_mean = -2.0;
            for (int m = 0; m < base; ++m) {
                double mean = 0.0;
                for (const TapeSample& t : result.tape) mean += t.cosines[static_cast<std::size_t>(m * paths + p)];
                mean /= static_cast<double>(result.tape.size());
                if (mean > best_mean) {
                    best_mean = mean;
                    best = m;
                }
            }
            s.path_teacher.push_back(best);
            const Matrix& w = result.paths[static_cast<std::size_t>(p)];
            const double matched = row_cosine(m_teachers.matrices[static_cast<std::size_t>(best)], w);
            double unmatched = 0.0;
            for (int m = 0; m < base; ++m)
                if (m != best) unmatched = std::max(unmatched, row_cosine(m_teachers.matrices[static_cast<std::size_t>(m)], w));
            s.matched_cos.push_back(matched);
            s.unmatched_cos.push_back(unmatched);
            ok = ok && matched >= 0.95 && unmatched <= 0.1 && !taken[static_cast<std::size_t>(best)];
            taken[static_cast<std::size_t>(best)] = true;
        }
        // The last block of a base teacher (composition ends on mixtures) gated in by its path alone.
        const BlockRecord* last_base = nullptr;
        for (const BlockRecord& b : result.blocks)
            if (b.teacher < base) last_base = &b;
        if (last_base == nullptr || teachers == 0) {
            ok = false;
        } else {
            const BlockRecord& last = *last_base;
            for (int p = 0; p < paths; ++p) {
                const double gate = last.end_gates[static_cast<std::size_t>(p)];
                const bool its_path = s.path_teacher[static_cast<std::size_t>(p)] == last.teacher;
                ok = ok && (its_path ? gate >= 0.95 : gate <= 0.05);
            }
        }
        s.specialised = ok;
        return s;
    }

    const GatedConfig& m_config;
    const Teachers& m_teachers;
    const BlockCurriculum& m_curriculum;
    const SimulationObserver& m_observer;
    int m_seed = 0;
    FastRandom m_random;
    std::vector<Matrix> m_w;
    std::vector<double> m_c, m_grad_c, m_a;
    Matrix m_d, m_e, m_g;
};

}  // namespace

int GatedResult::specialised() const {
    return static_cast<int>(std::count_if(seeds.begin(), seeds.end(), [](const SeedResult& s) { return s.specialisation.specialised; }));
}

GatedResult simulate(const GatedConfig& config, const SimulationObserver& observer) {
    config.validate();
    GatedResult result;
    result.config = config;
    result.teachers = make_teachers(config);
    result.curriculum = block_curriculum(config);
    for (int s = 0; s < config.seeds; ++s) {
        SeedRun run(result.config, result.teachers, result.curriculum, s, observer);
        result.seeds.push_back(run.run());
        if (observer.on_seed) observer.on_seed(s, result.seeds.back());
    }
    return result;
}

double GatedResult::mean_total_alignment() const {
    double sum = 0.0;
    for (const SeedResult& s : seeds) sum += s.total_alignment;
    return seeds.empty() ? 0.0 : sum / static_cast<double>(seeds.size());
}

double toy_analytic_w_bar(double c_bar, double tau_c, double tau_w) {
    return std::sqrt(1.0 + (c_bar * c_bar - 1.0) * tau_c / (2.0 * tau_w));
}

double median(std::vector<double>& values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n == 0 ? NAN : (n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]));
}

SeedBlocks seed_blocks(const GatedResult& result) {
    SeedBlocks seeds;
    for (const SeedResult& s : result.seeds) seeds.push_back(&s.blocks);
    return seeds;
}

std::vector<double> median_adaptation(const SeedBlocks& seeds, std::size_t blocks) {
    std::vector<double> medians;
    for (std::size_t b = 0; b < blocks; ++b) {
        std::vector<double> values;
        for (const auto* s : seeds)
            if (b < s->size()) values.push_back((*s)[b].adaptation);
        medians.push_back(median(values));
    }
    return medians;
}

std::vector<double> median_adaptation(const GatedResult& result) {
    return median_adaptation(seed_blocks(result), result.curriculum.teacher.size());
}

double switch_aligned_loss(const SeedBlocks& seeds, int block, int offset) {
    double sum = 0.0;
    int n = 0;
    for (const auto* s : seeds) {
        if (block < 0 || block >= static_cast<int>(s->size())) continue;
        const auto& first = (*s)[static_cast<std::size_t>(block)].first_losses;
        if (offset < 0 || offset >= static_cast<int>(first.size())) continue;
        sum += first[static_cast<std::size_t>(offset)];
        ++n;
    }
    return n > 0 ? sum / n : NAN;
}

double switch_aligned_loss(const GatedResult& result, int block, int offset) {
    return switch_aligned_loss(seed_blocks(result), block, offset);
}

}  // namespace mop::gated

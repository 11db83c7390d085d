#include "core/analysis/hierarchical_clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/analysis/correlation.h"

namespace mop {

namespace {

using Matrix = std::vector<std::vector<double>>;

void check_observations(const Matrix& observations) {
    if (observations.size() < 2) {
        throw std::invalid_argument("hierarchical clustering: needs at least 2 observations, got " +
                                    std::to_string(observations.size()));
    }
    const std::size_t features = observations.front().size();
    if (features == 0) throw std::invalid_argument("hierarchical clustering: observations have no features");
    for (std::size_t i = 0; i < observations.size(); ++i) {
        if (observations[i].size() != features) {
            throw std::invalid_argument("hierarchical clustering: observation " + std::to_string(i) + " has " +
                                        std::to_string(observations[i].size()) + " features, observation 0 has " +
                                        std::to_string(features));
        }
        for (double v : observations[i]) {
            if (!std::isfinite(v)) {
                throw std::invalid_argument("hierarchical clustering: observation " + std::to_string(i) +
                                            " has a non-finite value");
            }
        }
    }
}

double euclidean(const std::vector<double>& x, const std::vector<double>& y) {
    double sum = 0;
    for (std::size_t f = 0; f < x.size(); ++f) sum += (x[f] - y[f]) * (x[f] - y[f]);
    return std::sqrt(sum);
}

double correlation_distance(const Matrix& observations, std::size_t i, std::size_t j) {
    try {
        // Clamped like scipy: rounding can put r a hair outside [-1, 1].
        return std::clamp(1.0 - pearson_correlation(observations[i], observations[j]), 0.0, 2.0);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("hierarchical clustering (correlation distance), observations " +
                                    std::to_string(i) + " and " + std::to_string(j) + ": " + e.what());
    }
}

// The distance from cluster k to the union of i and j, from the distances before the merge
// (Lance-Williams). Both methods are reducible, which the nearest-neighbour chain relies on.
double merged_distance(LinkageMethod method, double d_ik, double d_jk, double d_ij, double n_i, double n_j,
                       double n_k) {
    if (method == LinkageMethod::WardEuclidean) {
        // Each term scaled by 1 / total on its own: the order of operations scipy uses, so that heights
        // come out bit for bit alike and exact ties fall the same way there and here.
        const double t = 1.0 / (n_i + n_j + n_k);
        const double s = (n_k + n_i) * t * d_ik * d_ik + (n_k + n_j) * t * d_jk * d_jk - n_k * t * d_ij * d_ij;
        return std::sqrt(std::max(s, 0.0));
    }
    return (n_i * d_ik + n_j * d_jk) / (n_i + n_j);
}

// A merge as the chain finds it: by slot (the row of the distance matrix a cluster lives in).
struct SlotMerge {
    int x = 0, y = 0;  // x < y; the union lives on in slot y
    double distance = 0;
    int size = 0;
};

std::vector<SlotMerge> nearest_neighbour_chain(Matrix d, LinkageMethod method) {
    const int n = static_cast<int>(d.size());
    std::vector<int> size(static_cast<std::size_t>(n), 1);  // 0 once a slot is merged away
    std::vector<int> chain;
    std::vector<SlotMerge> merges;
    auto at = [&d](int i, int j) -> double& { return d[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]; };
    auto size_of = [&size](int i) -> int& { return size[static_cast<std::size_t>(i)]; };
    for (int step = 0; step < n - 1; ++step) {
        if (chain.empty()) {
            int first = 0;
            while (size_of(first) == 0) ++first;
            chain.push_back(first);
        }
        // Follow nearest neighbours until two clusters are each other's nearest: they can be merged
        // now, as no later merge can bring anything closer to either (reducibility).
        int x = 0, y = 0;
        double best = 0;
        for (;;) {
            x = chain.back();
            const bool has_previous = chain.size() > 1;
            y = has_previous ? chain[chain.size() - 2] : -1;
            best = has_previous ? at(x, y) : std::numeric_limits<double>::infinity();
            for (int i = 0; i < n; ++i) {
                if (i != x && size_of(i) > 0 && at(x, i) < best) {
                    best = at(x, i);
                    y = i;
                }
            }
            if (has_previous && y == chain[chain.size() - 2]) break;
            chain.push_back(y);
        }
        chain.pop_back();
        chain.pop_back();
        if (x > y) std::swap(x, y);
        const int n_x = size_of(x), n_y = size_of(y);
        merges.push_back({x, y, best, n_x + n_y});
        for (int k = 0; k < n; ++k) {
            if (k == x || k == y || size_of(k) == 0) continue;
            const double updated = merged_distance(method, at(x, k), at(y, k), best, n_x, n_y, size_of(k));
            at(y, k) = updated;
            at(k, y) = updated;
        }
        size_of(x) = 0;
        size_of(y) = n_x + n_y;
    }
    return merges;
}

// Checks ids and returns N; every cluster must be merged exactly once, into a later one.
int check_linkage(const std::vector<LinkageStep>& linkage) {
    const int n = static_cast<int>(linkage.size()) + 1;
    std::vector<bool> used(static_cast<std::size_t>(2 * n - 1), false);
    for (int k = 0; k + 1 < n; ++k) {
        const LinkageStep& s = linkage[static_cast<std::size_t>(k)];
        const int limit = n + k;
        if (s.a < 0 || s.b < 0 || s.a >= limit || s.b >= limit || s.a == s.b || used[static_cast<std::size_t>(s.a)] ||
            used[static_cast<std::size_t>(s.b)] || !std::isfinite(s.distance)) {
            throw std::invalid_argument("linkage: merge " + std::to_string(k) + " is not a valid merge of " +
                                        std::to_string(n) + " observations");
        }
        used[static_cast<std::size_t>(s.a)] = used[static_cast<std::size_t>(s.b)] = true;
    }
    return n;
}

// Left-to-right leaves below `cluster`.
void collect_leaves(const std::vector<LinkageStep>& linkage, int n, int cluster, std::vector<int>& out) {
    // Iterative: a chain-shaped tree of a few thousand leaves must not exhaust the stack.
    std::vector<int> stack{cluster};
    while (!stack.empty()) {
        const int c = stack.back();
        stack.pop_back();
        if (c < n) {
            out.push_back(c);
            continue;
        }
        const LinkageStep& s = linkage[static_cast<std::size_t>(c - n)];
        stack.push_back(s.b);
        stack.push_back(s.a);
    }
}

// Flat clusters at cutoff t: maximal subtrees whose highest merge is <= t, labelled left to right.
std::vector<int> cut_at(const std::vector<LinkageStep>& linkage, int n, double t) {
    // Highest merge in each merged cluster's subtree (heights can be non-monotone in general).
    std::vector<double> top(linkage.size());
    for (std::size_t k = 0; k < linkage.size(); ++k) {
        double h = linkage[k].distance;
        for (int child : {linkage[k].a, linkage[k].b}) {
            if (child >= n) h = std::max(h, top[static_cast<std::size_t>(child - n)]);
        }
        top[k] = h;
    }
    std::vector<int> labels(static_cast<std::size_t>(n), -1);
    int next_label = 0;
    std::vector<int> members;
    std::vector<int> stack{2 * n - 2};
    while (!stack.empty()) {
        const int c = stack.back();
        stack.pop_back();
        if (c < n || top[static_cast<std::size_t>(c - n)] <= t) {
            members.clear();
            collect_leaves(linkage, n, c, members);
            for (int leaf : members) labels[static_cast<std::size_t>(leaf)] = next_label;
            ++next_label;
            continue;
        }
        const LinkageStep& s = linkage[static_cast<std::size_t>(c - n)];
        stack.push_back(s.b);
        stack.push_back(s.a);
    }
    return labels;
}

int count_clusters(const std::vector<int>& labels) {
    return labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
}

}  // namespace

Matrix distance_matrix(const Matrix& observations, LinkageMethod method) {
    check_observations(observations);
    const std::size_t n = observations.size();
    Matrix d(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            d[i][j] = d[j][i] = method == LinkageMethod::WardEuclidean ? euclidean(observations[i], observations[j])
                                                                       : correlation_distance(observations, i, j);
        }
    }
    return d;
}

std::vector<LinkageStep> hierarchical_linkage(const Matrix& observations, LinkageMethod method) {
    const int n = static_cast<int>(observations.size());
    std::vector<SlotMerge> merges = nearest_neighbour_chain(distance_matrix(observations, method), method);
    // The chain finds merges out of height order; sort them by height, stable, so equal heights keep
    // the chain's order. Rounding can leave a merge a hair below one that made its parts (many
    // identical observations under Ward): sorting by the running maximum along each slot keeps every
    // merge after its parts, as the chain's order had it.
    std::vector<double> slot_height(static_cast<std::size_t>(n), -std::numeric_limits<double>::infinity());
    std::vector<std::pair<double, SlotMerge>> ordered;
    for (const SlotMerge& m : merges) {
        double& y = slot_height[static_cast<std::size_t>(m.y)];
        y = std::max({m.distance, y, slot_height[static_cast<std::size_t>(m.x)]});
        ordered.emplace_back(y, m);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
    for (std::size_t k = 0; k < merges.size(); ++k) merges[k] = ordered[k].second;
    // Name clusters: slot -> id of the cluster living there now. Sorting keeps each slot's merges in
    // order, since a merge is never lower than the merges that made its parts.
    std::vector<int> id_in_slot(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) id_in_slot[static_cast<std::size_t>(i)] = i;
    std::vector<LinkageStep> linkage;
    linkage.reserve(merges.size());
    for (std::size_t k = 0; k < merges.size(); ++k) {
        const int a = id_in_slot[static_cast<std::size_t>(merges[k].x)];
        const int b = id_in_slot[static_cast<std::size_t>(merges[k].y)];
        linkage.push_back({std::min(a, b), std::max(a, b), merges[k].distance, merges[k].size});
        id_in_slot[static_cast<std::size_t>(merges[k].y)] = n + static_cast<int>(k);
    }
    return linkage;
}

std::vector<int> leaf_order(const std::vector<LinkageStep>& linkage) {
    const int n = check_linkage(linkage);
    std::vector<int> leaves;
    leaves.reserve(static_cast<std::size_t>(n));
    collect_leaves(linkage, n, 2 * n - 2, leaves);
    return leaves;
}

std::vector<int> cut_into_clusters(const std::vector<LinkageStep>& linkage, int k) {
    const int n = check_linkage(linkage);
    if (k < 1) throw std::invalid_argument("cut_into_clusters: k must be at least 1, got " + std::to_string(k));
    if (k >= n) return cut_at(linkage, n, -std::numeric_limits<double>::infinity());
    // The lowest merge height that leaves at most k clusters (fcluster 'maxclust').
    std::vector<double> heights;
    for (const LinkageStep& s : linkage) heights.push_back(s.distance);
    std::sort(heights.begin(), heights.end());
    heights.erase(std::unique(heights.begin(), heights.end()), heights.end());
    // Cluster count falls as the cutoff rises: binary search for the first height that works.
    std::size_t lo = 0, hi = heights.size() - 1;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (count_clusters(cut_at(linkage, n, heights[mid])) <= k) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return cut_at(linkage, n, heights[lo]);
}

std::vector<int> cut_at_distance(const std::vector<LinkageStep>& linkage, double distance) {
    const int n = check_linkage(linkage);
    if (std::isnan(distance)) throw std::invalid_argument("cut_at_distance: distance is NaN");
    return cut_at(linkage, n, distance);
}

Dendrogram dendrogram(const std::vector<LinkageStep>& linkage) {
    Dendrogram result;
    result.leaves = leaf_order(linkage);
    const int n = static_cast<int>(result.leaves.size());
    result.leaf_x.assign(static_cast<std::size_t>(n), 0.0);
    for (int i = 0; i < n; ++i) result.leaf_x[static_cast<std::size_t>(result.leaves[static_cast<std::size_t>(i)])] = i;
    auto x_of = [&](int c) {
        return c < n ? result.leaf_x[static_cast<std::size_t>(c)] : result.links[static_cast<std::size_t>(c - n)].x;
    };
    auto height_of = [&](int c) { return c < n ? 0.0 : linkage[static_cast<std::size_t>(c - n)].distance; };
    for (std::size_t k = 0; k < linkage.size(); ++k) {
        const LinkageStep& s = linkage[k];
        DendrogramLink link;
        link.cluster = n + static_cast<int>(k);
        link.left = s.a;
        link.right = s.b;
        link.left_x = x_of(s.a);
        link.right_x = x_of(s.b);
        link.left_height = height_of(s.a);
        link.right_height = height_of(s.b);
        link.height = s.distance;
        link.x = 0.5 * (link.left_x + link.right_x);
        result.links.push_back(link);
        result.max_height = std::max(result.max_height, s.distance);
    }
    return result;
}

}  // namespace mop

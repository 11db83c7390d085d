// Agglomerative hierarchical clustering of N observations (rows), its flat cuts, leaf order and
// dendrogram geometry. The linkage matrix follows scipy.cluster.hierarchy's convention so that
// results can be checked against scipy: N - 1 merges in order of height; observation i is
// cluster i, the cluster made by merge k is cluster N + k; each merge lists the smaller id first.
//
// Ties (exactly equal distances) are broken the way scipy's nearest-neighbour chain breaks them:
// the chain starts at the lowest-numbered unmerged cluster slot, a nearest neighbour search keeps
// the chain's previous element on a tie and otherwise the lowest slot, the merged cluster takes the
// higher of the two slots, and the merges are finally sorted by height with a stable sort. Heights
// are computed in scipy's order of operations, so ties are ties in both (checked on tie-heavy
// integer data: Ward always identical to scipy 1.10; correlation distance identical up to a few
// features, beyond which numpy's pairwise-summed row means can round differently). Without ties the
// result is the unique hierarchy of the linkage and does not depend on this rule.
#pragma once

#include <vector>

namespace mop {

enum class LinkageMethod {
    WardEuclidean,       // Ward's minimum variance on Euclidean distance (scipy method='ward')
    AverageCorrelation,  // UPGMA on correlation distance 1 - r (scipy pdist 'correlation', 'average')
};

struct LinkageStep {
    int a = 0;            // smaller cluster id of the two merged
    int b = 0;            // larger cluster id
    double distance = 0;  // merge height
    int size = 0;         // observations in the merged cluster
};

// Observations -> N x N distance matrix of the method's metric (Euclidean, or 1 - Pearson r).
// Throws std::invalid_argument on N < 2, ragged or empty rows, non-finite values, and (correlation)
// rows with zero variance or fewer than two features.
std::vector<std::vector<double>> distance_matrix(const std::vector<std::vector<double>>& observations,
                                                 LinkageMethod method);

// The N - 1 merges; throws as distance_matrix.
std::vector<LinkageStep> hierarchical_linkage(const std::vector<std::vector<double>>& observations,
                                              LinkageMethod method = LinkageMethod::WardEuclidean);

// Observation ids left to right in the dendrogram (scipy leaves_list): depth first from the root,
// each merge's `a` before its `b`.
std::vector<int> leaf_order(const std::vector<LinkageStep>& linkage);

// Flat clusters, one label per observation, labels 0..K-1 numbered in leaf order (the leftmost
// cluster in the dendrogram is 0; scipy's fcluster labels minus one).
// cut_into_clusters: at most k clusters with the lowest possible cut (fcluster 'maxclust'); equal
// merge heights at the cut can give fewer than k; k >= N gives N singletons. Throws on k < 1.
// (scipy 1.10's maxclust never cuts below the lowest merge, so for k >= N - 1 it gives fewer
// clusters than this does; for k <= N - 2 the two agree.)
std::vector<int> cut_into_clusters(const std::vector<LinkageStep>& linkage, int k);
// cut_at_distance: every cluster's merges have height <= distance (fcluster 'distance').
std::vector<int> cut_at_distance(const std::vector<LinkageStep>& linkage, double distance);

// Drawing geometry: leaf i of leaf_order sits at x = i, a merge at the midpoint of its children.
// Each link is an upside-down U: up from (left_x, left_height) and (right_x, right_height) to `height`, joined
// across at `height`. Leaves have height 0.
struct DendrogramLink {
    int cluster = 0;  // N + k for merge k
    int left = 0;     // child drawn on the left (the merge's `a`)
    int right = 0;    // child drawn on the right (`b`)
    double left_x = 0, right_x = 0;
    double left_height = 0, right_height = 0;
    double height = 0;
    double x = 0;  // where this cluster's stem stands: (left_x + right_x) / 2
};

struct Dendrogram {
    std::vector<int> leaves;            // leaf_order
    std::vector<double> leaf_x;         // by observation id: its x (its position in `leaves`)
    std::vector<DendrogramLink> links;  // one per merge, in linkage order
    double max_height = 0;
};

Dendrogram dendrogram(const std::vector<LinkageStep>& linkage);

}  // namespace mop

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "core/analysis/hierarchical_clustering.h"
#include "tests/core/analysis/expectations.h"

namespace mop {
namespace {

using Matrix = std::vector<std::vector<double>>;

LinkageMethod method_named(const std::string& name) {
    return name == "ward_euclidean" ? LinkageMethod::WardEuclidean : LinkageMethod::AverageCorrelation;
}

// True when both labelings put the same observations together (a bijection between labels).
bool same_partition(const std::vector<int>& ours, const std::vector<int>& theirs) {
    if (ours.size() != theirs.size()) return false;
    std::map<int, int> forward, backward;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        auto [f, f_new] = forward.emplace(ours[i], theirs[i]);
        auto [b, b_new] = backward.emplace(theirs[i], ours[i]);
        if (f->second != theirs[i] || b->second != ours[i]) return false;
    }
    return true;
}

// Our labelling rule: read along the dendrogram's leaves, labels start at 0 and only ever step up by one.
void check_leaf_order_labels(const std::vector<int>& labels, const std::vector<int>& leaves) {
    int current = 0;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        const int label = labels[static_cast<std::size_t>(leaves[i])];
        if (i == 0) {
            REQUIRE(label == 0);
        } else {
            REQUIRE((label == current || label == current + 1));
        }
        current = label;
    }
}

int cluster_count(const std::vector<int>& labels) { return *std::max_element(labels.begin(), labels.end()) + 1; }

Matrix two_blobs() {
    // Observations 0, 2, 4 near the origin, 1, 3, 5 near (10, 10, 10).
    return {{0.0, 0.1, 0.3},   {10.0, 10.2, 9.9}, {0.2, -0.1, 0.0},
            {9.8, 10.1, 10.3}, {-0.1, 0.0, 0.2},  {10.1, 9.7, 10.0}};
}

// One frozen scipy case: distances, linkage (ids exact, heights to 1e-9), leaves, flat cuts.
void check_against_scipy(const nlohmann::json& c, bool tied_heights) {
    const Matrix data = test::matrix_from(c.at("data"));
    const int n = static_cast<int>(data.size());
    for (const auto& [name, expected] : c.at("methods").items()) {
        INFO(c.at("name").get<std::string>() << ", " << name);
        const LinkageMethod method = method_named(name);

        const auto& condensed = expected.at("distances");
        if (!condensed.empty()) {
            const Matrix d = distance_matrix(data, method);
            std::size_t k = 0;
            for (int i = 0; i < n; ++i) {
                for (int j = i + 1; j < n; ++j, ++k) {
                    CHECK(d[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] ==
                          Approx(condensed[k].get<double>()).margin(1e-13));
                }
            }
        }

        const std::vector<LinkageStep> linkage = hierarchical_linkage(data, method);
        const auto& z = expected.at("linkage");
        REQUIRE(linkage.size() == z.size());
        for (std::size_t k = 0; k < z.size(); ++k) {
            INFO("merge " << k);
            CHECK(linkage[k].a == z[k][0].get<int>());
            CHECK(linkage[k].b == z[k][1].get<int>());
            CHECK(linkage[k].distance == Approx(z[k][2].get<double>()).epsilon(1e-9).margin(1e-12));
            CHECK(linkage[k].size == z[k][3].get<int>());
        }

        const std::vector<int> leaves = leaf_order(linkage);
        CHECK(leaves == expected.at("leaves").get<std::vector<int>>());

        for (const auto& [k_text, scipy_labels] : expected.at("maxclust").items()) {
            const int k = std::stoi(k_text);
            INFO("maxclust " << k);
            const std::vector<int> labels = cut_into_clusters(linkage, k);
            if (!tied_heights) CHECK(cluster_count(labels) == k);
            CHECK(same_partition(labels, scipy_labels.get<std::vector<int>>()));
            check_leaf_order_labels(labels, leaves);
        }

        const auto& cut = expected.at("distance_cut");
        const std::vector<int> labels = cut_at_distance(linkage, cut.at("t").get<double>());
        CHECK(same_partition(labels, cut.at("labels").get<std::vector<int>>()));
        check_leaf_order_labels(labels, leaves);
    }
}

}  // namespace

TEST_CASE("Linkage, leaf order and flat cuts equal scipy's on random data", "[analysis][clustering]") {
    for (const auto& c : test::linkage_expectations().at("clustering")) check_against_scipy(c, false);
}

TEST_CASE("Exactly tied distances are broken as scipy breaks them", "[analysis][clustering]") {
    for (const auto& c : test::linkage_expectations().at("ties")) check_against_scipy(c, true);
}

TEST_CASE("Two obvious blobs make two clusters with either method", "[analysis][clustering]") {
    for (LinkageMethod method : {LinkageMethod::WardEuclidean, LinkageMethod::AverageCorrelation}) {
        // Correlation distance sees the shape of a row, not its place: give the blobs opposite shapes.
        Matrix data = two_blobs();
        if (method == LinkageMethod::AverageCorrelation) {
            for (std::size_t i = 0; i < data.size(); ++i)
                data[i] = i % 2 == 0 ? std::vector{1.0, 2.0, 3.0 + 0.1 * i} : std::vector{3.0, 2.0, 1.0 - 0.1 * i};
        }
        const auto linkage = hierarchical_linkage(data, method);
        const auto labels = cut_into_clusters(linkage, 2);
        CHECK(same_partition(labels, {0, 1, 0, 1, 0, 1}));
        check_leaf_order_labels(labels, leaf_order(linkage));
        CHECK(linkage.back().size == 6);
        CHECK(linkage.back().distance > 2 * linkage[linkage.size() - 2].distance);
    }
}

TEST_CASE("Cuts at the extremes and between heights", "[analysis][clustering]") {
    const auto linkage = hierarchical_linkage(two_blobs());
    CHECK(cut_into_clusters(linkage, 1) == std::vector<int>(6, 0));
    const auto leaves = leaf_order(linkage);
    for (int k : {6, 7, 100}) {
        const auto labels = cut_into_clusters(linkage, k);
        for (int i = 0; i < 6; ++i) CHECK(labels[static_cast<std::size_t>(leaves[static_cast<std::size_t>(i)])] == i);
    }
    CHECK(cut_at_distance(linkage, -1.0) == cut_into_clusters(linkage, 6));
    CHECK(cut_at_distance(linkage, linkage.back().distance) == std::vector<int>(6, 0));
    CHECK(cut_at_distance(linkage, std::numeric_limits<double>::infinity()) == std::vector<int>(6, 0));
    CHECK(cut_at_distance(linkage, 0.5 * (linkage[3].distance + linkage[4].distance)) == cut_into_clusters(linkage, 2));
    // A cut exactly at a merge height includes that merge (scipy: cophenetic distance <= t).
    CHECK(cluster_count(cut_at_distance(linkage, linkage[3].distance)) == 2);
}

TEST_CASE("Tied merge heights: maxclust gives fewer clusters rather than split a tie", "[analysis][clustering]") {
    // Two pairs at distance 1, far apart: both pair merges have height 1.
    const Matrix data = {{0.0}, {1.0}, {10.0}, {11.0}};
    const auto linkage = hierarchical_linkage(data);
    REQUIRE(linkage[0].distance == linkage[1].distance);
    CHECK(cluster_count(cut_into_clusters(linkage, 3)) == 2);
    // Same as scipy 1.10: linkage([[0],[1],[10],[11]], 'ward') and fcluster(Z, 3, 'maxclust').
    CHECK(linkage[0].a == 0);
    CHECK(linkage[0].b == 1);
    CHECK(linkage[1].a == 2);
    CHECK(linkage[1].b == 3);
    CHECK(linkage[2].a == 4);
    CHECK(linkage[2].b == 5);
}

TEST_CASE("Dendrogram coordinates follow the leaf order", "[analysis][clustering]") {
    const auto& c = test::linkage_expectations().at("clustering").at(1);
    const auto linkage = hierarchical_linkage(test::matrix_from(c.at("data")));
    const Dendrogram tree = dendrogram(linkage);
    const int n = static_cast<int>(tree.leaves.size());
    REQUIRE(n == 12);
    REQUIRE(tree.links.size() == linkage.size());
    for (int i = 0; i < n; ++i)
        CHECK(tree.leaf_x[static_cast<std::size_t>(tree.leaves[static_cast<std::size_t>(i)])] == i);
    auto x_of = [&](int cluster) {
        return cluster < n ? tree.leaf_x[static_cast<std::size_t>(cluster)]
                           : tree.links[static_cast<std::size_t>(cluster - n)].x;
    };
    double max_height = 0;
    for (std::size_t k = 0; k < linkage.size(); ++k) {
        const DendrogramLink& link = tree.links[k];
        CHECK(link.cluster == n + static_cast<int>(k));
        CHECK(link.left == linkage[k].a);
        CHECK(link.right == linkage[k].b);
        CHECK(link.left_x == x_of(link.left));
        CHECK(link.right_x == x_of(link.right));
        CHECK(link.left_x < link.right_x);  // `a` is drawn on the left
        CHECK(link.x == 0.5 * (link.left_x + link.right_x));
        CHECK(link.height == linkage[k].distance);
        CHECK(link.left_height == (link.left < n ? 0.0 : linkage[static_cast<std::size_t>(link.left - n)].distance));
        CHECK(link.right_height <= link.height);
        CHECK(link.left_height <= link.height);
        max_height = std::max(max_height, link.height);
    }
    CHECK(tree.max_height == max_height);
}

TEST_CASE("Bad input is refused with a clear message", "[analysis][clustering]") {
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(hierarchical_linkage({{1.0, 2.0}}), Contains("at least 2 observations"));
    CHECK_THROWS_AS(hierarchical_linkage({}), std::invalid_argument);
    CHECK_THROWS_WITH(hierarchical_linkage({{1.0, 2.0}, {1.0}}), Contains("observation 1 has 1 features"));
    CHECK_THROWS_WITH(hierarchical_linkage({{}, {}}), Contains("no features"));
    CHECK_THROWS_WITH(hierarchical_linkage({{1.0, std::nan("")}, {1.0, 2.0}}), Contains("non-finite"));
    CHECK_THROWS_WITH(hierarchical_linkage({{1.0, std::numeric_limits<double>::infinity()}, {1.0, 2.0}}),
                      Contains("non-finite"));
    CHECK_THROWS_WITH(hierarchical_linkage({{1.0, 2.0, 3.0}, {0.5, 0.5, 0.5}}, LinkageMethod::AverageCorrelation),
                      Contains("zero variance"));
    CHECK_NOTHROW(hierarchical_linkage({{1.0, 2.0, 3.0}, {0.5, 0.5, 0.5}}, LinkageMethod::WardEuclidean));
    const auto linkage = hierarchical_linkage(two_blobs());
    CHECK_THROWS_WITH(cut_into_clusters(linkage, 0), Contains("at least 1"));
    CHECK_THROWS_WITH(cut_at_distance(linkage, std::nan("")), Contains("NaN"));
    auto broken = linkage;
    broken[2].b = broken[2].a;
    CHECK_THROWS_AS(leaf_order(broken), std::invalid_argument);
    CHECK_THROWS_AS(dendrogram(broken), std::invalid_argument);
}

TEST_CASE("Identical observations merge at height 0", "[analysis][clustering]") {
    const auto linkage = hierarchical_linkage({{1.0, 2.0}, {5.0, 5.0}, {1.0, 2.0}});
    CHECK(linkage[0].a == 0);
    CHECK(linkage[0].b == 2);
    CHECK(linkage[0].distance == 0.0);
    CHECK(cluster_count(cut_into_clusters(linkage, 2)) == 2);
}

}  // namespace mop

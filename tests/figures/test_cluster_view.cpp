// The clusters panel's GL-free parts: the clustering view built from a routing profile, the group
// usage the routing panel shares, and the figures' layout and hit tests.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <set>

#include "figures/canvas/recording_canvas.h"
#include "figures/clusters/cluster_routing_figure.h"
#include "figures/style/cluster_style.h"
#include "figures/clusters/cluster_tree_figure.h"
#include "figures/clusters/cluster_view.h"
#include "figures/routing/group_usage.h"

using namespace mop;
using namespace mop::ui;

namespace {

const std::vector<std::vector<int>> kLayers{{0, 16, 32}, {0, 16, 32}, {0, 16, 32}};

// `n` tasks in 3 layers of {skip, 16, 32}. Tasks with (task % 2 == 0) lean on the skip connections,
// the others on the large experts; a small per-task wobble keeps distances distinct. The two groups
// are interleaved in task order, so leaf order must regroup them.
RoutingProfile two_groups(int n) {
    RoutingProfile profile(n, {3, 3, 3});
    for (int task = 0; task < n; ++task) {
        const bool skipper = task % 2 == 0;
        const double wobble = 0.01 * std::sin(1.7 * task + 0.3);
        for (int phase = 0; phase < kPhaseCount; ++phase) {
            profile.set_steps(task, phase, 10 + 5 * task + phase);
            for (int layer = 0; layer < 3; ++layer) {
                const double main = 0.75 + wobble + 0.02 * phase - 0.01 * layer;
                const double small = 0.1 + 0.5 * wobble;
                profile.set_weight(task, phase, layer, skipper ? 0 : 2, main);
                profile.set_weight(task, phase, layer, 1, small);
                profile.set_weight(task, phase, layer, skipper ? 2 : 0, 1.0 - main - small);
            }
        }
    }
    return profile;
}

const auto kGroups = expert_groups(kLayers);

}  // namespace

TEST_CASE("two clearly separated groups of tasks end up in two clusters", "[clusters]") {
    const RoutingProfile profile = two_groups(20);
    for (LinkageMethod method : {LinkageMethod::WardEuclidean, LinkageMethod::AverageCorrelation}) {
        INFO(linkage_method_label(method));
        ClusterSettings settings;
        settings.method = method;
        settings.k = 2;
        const ClusterView view = build_cluster_view(profile, kGroups, settings);
        REQUIRE(view.ok());
        CHECK(view.clusters == 2);
        REQUIRE(view.labels.size() == 20);
        for (int task = 0; task < 20; ++task)
            CHECK(view.labels[static_cast<std::size_t>(task)] == view.labels[static_cast<std::size_t>(task % 2)]);
        CHECK(view.labels[0] != view.labels[1]);
        CHECK(view.members[0].size() == 10);
        CHECK(view.members[1].size() == 10);
        // The cut lies between the last merge inside the groups and the root.
        CHECK(view.cut_height > view.linkage[view.linkage.size() - 2].distance);
        CHECK(view.cut_height < view.linkage.back().distance);
        // Links inside a group carry its cluster; only the root joins the two.
        CHECK(std::count(view.link_cluster.begin(), view.link_cluster.end(), -1) == 1);
    }
}

TEST_CASE("rows come out in dendrogram leaf order, clusters as consecutive blocks", "[clusters]") {
    const RoutingProfile profile = two_groups(16);
    ClusterSettings settings;
    settings.k = 4;
    const ClusterView view = build_cluster_view(profile, kGroups, settings);
    REQUIRE(view.ok());
    CHECK(view.rows == leaf_order(view.linkage));
    CHECK(view.rows == view.dendrogram.leaves);
    std::set<int> all(view.rows.begin(), view.rows.end());
    CHECK(all.size() == 16);
    // Labels never go down along the rows: cluster 0 is the top block, and so on.
    for (std::size_t r = 1; r < view.rows.size(); ++r)
        CHECK(view.labels[static_cast<std::size_t>(view.rows[r - 1])] <=
              view.labels[static_cast<std::size_t>(view.rows[r])]);
    // Each cluster's members are its rows, in row order.
    std::vector<int> joined;
    for (const auto& members : view.members) joined.insert(joined.end(), members.begin(), members.end());
    CHECK(joined == view.rows);
}

TEST_CASE("per-cluster usage sums to 1 per layer and phase and is the step-weighted mean", "[clusters]") {
    const RoutingProfile profile = two_groups(12);
    ClusterSettings settings;
    settings.k = 3;
    const ClusterView view = build_cluster_view(profile, kGroups, settings);
    REQUIRE(view.ok());
    REQUIRE(view.usage.size() == static_cast<std::size_t>(view.clusters));
    for (int c = 0; c < view.clusters; ++c) {
        const auto& usage = view.usage[static_cast<std::size_t>(c)];
        REQUIRE(usage.size() == 3);
        for (int layer = 0; layer < 3; ++layer)
            for (int phase = 0; phase < kPhaseCount; ++phase) {
                const GroupUsage& u = usage[static_cast<std::size_t>(layer)][static_cast<std::size_t>(phase)];
                CHECK(u[0] + u[1] + u[2] == Approx(1.0));
            }
    }
    // By hand for one cluster, layer 1, response phase.
    const auto& members = view.members[0];
    double steps = 0, skip = 0;
    for (int task : members) {
        steps += static_cast<double>(profile.steps(task, 2));
        skip += static_cast<double>(profile.steps(task, 2)) * profile.weight(task, 2, 1, 0);
    }
    CHECK(view.usage[0][1][2][0] == Approx(skip / steps));
}

TEST_CASE("group usage weights tasks by steps and skips tasks without steps", "[clusters]") {
    RoutingProfile profile(3, {2});
    const std::vector<ExpertGroup> groups{ExpertGroup::Skip, ExpertGroup::Large};
    profile.set_steps(0, 0, 10);
    profile.set_weight(0, 0, 0, 0, 1.0);
    profile.set_steps(1, 0, 30);
    profile.set_weight(1, 0, 0, 1, 1.0);
    profile.set_weight(2, 0, 0, 0, 0.5);  // no steps: not counted
    const std::vector<int> tasks{0, 1, 2, 7};
    const GroupUsage u = group_usage(profile, groups, tasks, 0, 0);
    CHECK(u[0] == Approx(0.25));
    CHECK(u[1] == Approx(0.0));
    CHECK(u[2] == Approx(0.75));
    CHECK(group_usage(profile, groups, std::vector<int>{2}, 0, 0) == GroupUsage{});
    CHECK(group_usage(profile, groups, tasks, 0, 5) == GroupUsage{});
}

TEST_CASE("changing K or the distance changes the number of clusters", "[clusters]") {
    const RoutingProfile profile = two_groups(24);
    ClusterSettings settings;
    std::set<int> seen;
    for (int k : {2, 3, 5, 6, 9, 12}) {
        settings.k = k;
        const ClusterView view = build_cluster_view(profile, kGroups, settings);
        REQUIRE(view.ok());
        CHECK(view.clusters == k);
        CHECK(*std::max_element(view.labels.begin(), view.labels.end()) == k - 1);
        seen.insert(view.clusters);
        // The cut line for K lies between the merges that make K and K - 1 clusters.
        const std::size_t n = view.labels.size();
        CHECK(view.cut_height >= view.linkage[n - static_cast<std::size_t>(k) - 1].distance);
        CHECK(view.cut_height <= view.linkage[n - static_cast<std::size_t>(k)].distance);
    }
    CHECK(seen.size() == 6);

    settings.cut = ClusterCut::Distance;
    const ClusterView base = build_cluster_view(profile, kGroups, ClusterSettings{});
    settings.distance = base.dendrogram.max_height * 1.01;
    CHECK(build_cluster_view(profile, kGroups, settings).clusters == 1);
    settings.distance = 0.5 * (base.linkage[base.linkage.size() - 2].distance + base.linkage.back().distance);
    const ClusterView two = build_cluster_view(profile, kGroups, settings);
    CHECK(two.clusters == 2);
    CHECK(two.cut_height == settings.distance);
}

TEST_CASE("no clustering from too few tasks or constant profiles, without throwing", "[clusters]") {
    CHECK_FALSE(build_cluster_view(RoutingProfile{}, kGroups, {}).ok());
    CHECK_FALSE(build_cluster_view(two_groups(1), kGroups, {}).ok());
    // Every feature equal: no correlation to compute.
    RoutingProfile flat(4, {3});
    for (int t = 0; t < 4; ++t)
        for (int p = 0; p < kPhaseCount; ++p) {
            flat.set_steps(t, p, 5);
            for (int e = 0; e < 3; ++e) flat.set_weight(t, p, 0, e, 1.0 / 3.0);
        }
    ClusterSettings correlation;
    correlation.method = LinkageMethod::AverageCorrelation;
    const ClusterView view = build_cluster_view(flat, kGroups, correlation);
    CHECK_FALSE(view.ok());
    CHECK_FALSE(view.error.empty());
    // Ward copes: identical rows are at distance 0; K = 6 of 4 tasks gives 4 clusters at most.
    const ClusterView ward = build_cluster_view(flat, kGroups, {});
    CHECK(ward.ok());
    CHECK(ward.clusters <= 4);
}

TEST_CASE("cluster colours repeat after seven, numbers never", "[clusters]") {
    std::set<std::tuple<float, float, float>> colours;
    for (int c = 0; c < kClusterColourCount; ++c) {
        const Rgb rgb = cluster_colour(c);
        colours.insert({rgb.r, rgb.g, rgb.b});
    }
    CHECK(colours.size() == kClusterColourCount);
    CHECK(cluster_number(0) == "1");
    CHECK(cluster_number(11) == "12");
}

TEST_CASE("the tree figure draws one viridis cell per task and feature, rows aligned with the leaves", "[clusters]") {
    const RoutingProfile profile = two_groups(10);
    const ClusterView view = build_cluster_view(profile, kGroups, {});
    REQUIRE(view.ok());
    const float ts = 13.0f;
    const Rect header{0.0f, 0.0f, 900.0f, cluster_tree_header_height(ts)};
    const ClusterTreeGeometry g = cluster_tree_geometry(header, header.y1, 10, 27, ts, 80.0f);
    CHECK(g.tree.x1 <= g.strip.x0);
    CHECK(g.strip.x1 <= g.names.x0);
    CHECK(g.names.x1 <= g.cells.x0);
    CHECK(g.cells.x1 <= header.x1 + 0.5f);
    CHECK(g.cells.height() == Approx(cluster_tree_rows_height(10, ts)));

    std::vector<std::string> names;
    for (int t = 0; t < 10; ++t) names.push_back("task" + std::to_string(t));
    ClusterTreeData data;
    data.view = &view;
    data.layers = &kLayers;
    data.task_names = names;
    RecordingCanvas canvas;
    draw_cluster_tree_rows(canvas, g, data, ClusterTreeLook{});
    int cells = 0, links = 0;
    std::vector<std::string> order;
    for (const Primitive& p : canvas.primitives()) {
        if (p.kind == PrimitiveKind::FillRect && g.cells.contains({p.rect.x0 + 0.5f, p.rect.y0 + 0.5f})) ++cells;
        if (p.kind == PrimitiveKind::Polyline) ++links;
        if (p.kind == PrimitiveKind::Text && p.text.rfind("task", 0) == 0) order.push_back(p.text);
    }
    CHECK(cells == 10 * 27);
    CHECK(links == 9);
    REQUIRE(order.size() == 10);
    for (std::size_t r = 0; r < 10; ++r) CHECK(order[r] == "task" + std::to_string(view.rows[r]));

    // Hit tests: the middle of row 3's cells, and the tree beside it.
    const float y = g.tree.y0 + 3.5f * g.row_height;
    CHECK(cluster_tree_row_at(g, {g.cells.x0 + 1.0f, y}) == 3);
    CHECK(cluster_tree_column_at(g, {g.cells.x0 + 2.5f * g.column_width, y}) == 2);
    CHECK(cluster_tree_on_branches(g, {g.tree.x0 + 5.0f, y}));
    CHECK_FALSE(cluster_tree_on_branches(g, {g.cells.x0 + 1.0f, y}));
    CHECK(cluster_tree_row_at(g, {g.cells.x0 + 1.0f, g.tree.y1 + 1.0f}) == -1);
}

TEST_CASE("the routing figure finds the cluster, layer and phase under the mouse", "[clusters]") {
    const ClusterRoutingGeometry g = cluster_routing_geometry({0.0f, 0.0f, 600.0f, 700.0f}, 6, 3, 13.0f);
    CHECK(g.row_height > 0.0f);
    CHECK(cluster_routing_bottom(g) <= 700.0f + 0.5f);
    const float y = g.bars.y0 + 2.5f * g.row_height;
    const ClusterRoutingHit size = cluster_routing_at(g, {g.sizes.x0 + 2.0f, y});
    CHECK(size.cluster == 2);
    CHECK(size.layer == -1);
    const ClusterRoutingHit bar = cluster_routing_at(g, {g.bars.x0 + 1.5f * g.layer_width + 1.0f, y});
    CHECK(bar.cluster == 2);
    CHECK(bar.layer == 1);
    CHECK(bar.phase == 1);
    CHECK(cluster_routing_at(g, {g.bars.x0 + 1.0f, g.header.y0 + 1.0f}).cluster == -1);
}

TEST_CASE("the tree figure's header labels the merge heights and the feature columns", "[clusters]") {
    const RoutingProfile profile = two_groups(10);
    const ClusterView view = build_cluster_view(profile, kGroups, {});
    REQUIRE(view.ok());
    const float ts = 13.0f;
    for (float width : {500.0f, 900.0f}) {
        INFO(width);
        const Rect header{0.0f, 0.0f, width, cluster_tree_header_height(ts)};
        const ClusterTreeGeometry g = cluster_tree_geometry(header, header.y1, 10, 27, ts, 80.0f);
        ClusterTreeData data;
        data.view = &view;
        data.layers = &kLayers;
        RecordingCanvas canvas;
        draw_cluster_tree_header(canvas, g, data, ClusterTreeLook{});
        int ticks = 0, layers = 0, phases = 0;
        for (const Primitive& p : canvas.primitives()) {
            if (p.kind != PrimitiveKind::Text) continue;
            if (g.tree.x0 <= p.points[0].x && p.points[0].x <= g.tree.x1 && std::isdigit(p.text[0])) ++ticks;
            if (p.text.rfind("layer", 0) == 0 || (p.text[0] == 'L' && std::isdigit(p.text[1]))) ++layers;
            if (p.text == "p" || p.text == "s" || p.text == "r") ++phases;
        }
        CHECK(ticks >= 2);  // 0 and at least one height above it
        CHECK(layers == 3);
        CHECK(phases == 27);
    }
}

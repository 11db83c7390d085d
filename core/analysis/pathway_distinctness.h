// Pathway distinctness (the paper: "different task clusters use distinct expert combinations";
// their use is uniform for the baseline and heavy-tailed for Mixture-of-Pathways). The paper's
// code does not publish its recipe, so this one is ours, stated so a reader can check it:
// - a task's pathway in a run is, per layer, the expert with the largest mean routing weight over
//   the task's response steps; its combination over layers is one of prod(experts per layer);
// - counting combinations over every (run, task) of a condition gives their usage;
// - uniform use of all possible combinations is tested with a chi-square goodness of fit, and how
//   heavy the tail is reads from the normalised entropy (1: uniform, 0: one combination) and the
//   Zipf exponent s of count ~ rank^-s over the combinations used;
// - per run the tasks are cut into K clusters (Ward on pathway profiles, as the Clusters tab does),
//   each cluster takes its most used combination, and we count how many of the K differ.
// LibTorch-free.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/routing_profile.h"

namespace mop {

struct CombinationUsage {
    std::vector<int> experts;  // per layer: the expert's index in that layer
    int count = 0;             // (run, task) pairs whose pathway it is
};

struct PathwayDistinctness {
    int observations = 0;  // (run, task) pairs with response steps
    int possible = 0;      // combinations the layers allow
    std::vector<CombinationUsage> usage;  // the combinations used, most used first
    double normalized_entropy = 0;        // H(usage) / ln(possible)
    double top_share = 0;                 // share of observations on the most used combination
    double zipf_exponent = 0;             // NaN with fewer than 3 combinations used
    double chi_square = 0;                // against uniform use of all possible combinations
    int degrees_of_freedom = 0;
    double p_uniform = 0;
    int clusters = 0;                     // K per run
    double distinct_cluster_pathways = 0; // mean over runs of distinct combinations among the K clusters
};

// runs of one shape (same tasks, experts per layer). Throws std::invalid_argument on no runs, runs
// of different shapes, or clusters outside 1..tasks.
PathwayDistinctness pathway_distinctness(const std::vector<RoutingProfile>& runs, int clusters);

// "16-32-0": the expert sizes of a combination, layer by layer.
std::string combination_text(const CombinationUsage& usage, const std::vector<std::vector<int>>& layer_sizes);

}  // namespace mop

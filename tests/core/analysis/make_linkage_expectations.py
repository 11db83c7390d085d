#!/usr/bin/python3
"""Freezes scipy's answers for tests/analysis (so the C++ tests need no scipy at test time).

Run with Debian's python3-scipy (apt-get install python3-scipy python3-numpy):
    /usr/bin/python3 tests/core/analysis/make_linkage_expectations.py
It rewrites tests/core/analysis/linkage_expectations.json next to this script. The data are seeded
random numbers (no ties between distances), stored in the file, so the C++ side reads the same
inputs that scipy saw.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import pdist

METHODS = {
    # our LinkageMethod -> how scipy computes it
    "ward_euclidean": lambda x: linkage(x, method="ward"),
    "average_correlation": lambda x: linkage(pdist(x, "correlation"), method="average"),
}
METRIC = {"ward_euclidean": "euclidean", "average_correlation": "correlation"}


def clustering_case(name, x, with_distances=True):
    case = {"name": name, "data": x.tolist(), "methods": {}}
    for method, make in METHODS.items():
        z = make(x)
        heights = np.sort(z[:, 2])
        # A cut between two merge heights, clear of both, so rounding cannot move it.
        mid = len(heights) // 2
        cut = float(0.5 * (heights[mid - 1] + heights[mid]))
        case["methods"][method] = {
            # condensed, (0,1), (0,2), ..., (n-2,n-1); left out for the big case to keep the file small
            "distances": pdist(x, METRIC[method]).tolist() if with_distances else [],
            "linkage": [[int(r[0]), int(r[1]), float(r[2]), int(r[3])] for r in z],
            "leaves": leaves_list(z).tolist(),
            # Up to n - 2 only: scipy 1.10's maxclust always applies the lowest merge, so for
            # k >= n - 1 it returns fewer clusters than it could (Pathway Studio's cut does not).
            "maxclust": {str(k): fcluster(z, k, criterion="maxclust").tolist()
                         for k in range(2, min(8, len(x) - 2) + 1)},
            "distance_cut": {"t": cut, "labels": fcluster(z, cut, criterion="distance").tolist()},
        }
    return case


def consistency_case(name, runs):
    flat = np.array([r.ravel() for r in runs])
    c = np.corrcoef(flat)
    off = c[~np.eye(len(runs), dtype=bool)]
    return {"name": name, "runs": [r.tolist() for r in runs], "correlation": c.tolist(), "mean": float(off.mean())}


def main():
    rng = np.random.default_rng(20250905)
    clustering = [
        clustering_case("small 5x3", rng.random((5, 3))),
        clustering_case("small 12x4", rng.normal(size=(12, 4))),
        # Like real profiles: 82 tasks x (3 layers x 3 experts x 3 phases), rows of routing weights.
        clustering_case("profiles 82x27", rng.dirichlet(np.ones(3), size=(82, 9)).reshape(82, 27),
                        with_distances=False),
    ]
    # Small integers: many exactly equal distances, so these pin down the tie-breaking rule (scipy's
    # nearest-neighbour chain), not only the hierarchy. Rows vary, as correlation distance needs.
    ties = []
    while len(ties) < 4:
        x = rng.integers(0, 3, size=(int(rng.integers(6, 13)), 3)).astype(float)
        if all(np.ptp(row) > 0 for row in x):
            ties.append(clustering_case(f"ties {len(ties)}", x))
    shared = rng.random((82, 27))
    consistency = [
        # A shared routing pattern plus per-run noise: correlations well inside (0, 1).
        consistency_case("5 runs 82x27", [shared + 0.5 * rng.random((82, 27)) for _ in range(5)]),
        consistency_case("3 runs 4x6", [rng.normal(size=(4, 6)) for _ in range(3)]),
    ]
    out = {
        "generator": "tests/core/analysis/make_linkage_expectations.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "clustering": clustering,
        "ties": ties,
        "consistency": consistency,
    }
    path = pathlib.Path(__file__).with_name("linkage_expectations.json")
    path.write_text(json.dumps(out) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

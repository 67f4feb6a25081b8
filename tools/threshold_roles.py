#!/usr/bin/env python3
"""Whether the normal scores a threshold is set on stand in for unseen normal parts, from saved evaluations (no refit).

Each argument is a category folder of a `samlad evaluate` run (metrics.json and predictions.csv). The threshold's
normal scores (metrics.json, provenance.detector.threshold_normal_scores) come in the bank's order: the training
images cross-fitted for the statistics, the held-out images (cross-fitted too), then the further training images
scored with the final statistics (docs/method.md, "The threshold", items 1 and 5). Per folder this prints:

  groups       each group's size, median, 90 % quantile and largest score, and which groups the k largest come from
               (k: the rank the threshold is read at)
  auroc        the anomalies' image AUROC against the good test images (what `evaluate` reports) and against the
               threshold's normal scores (the sample the threshold is set on)
  recall       at the calibrated threshold; at the plain 95 % quantile of the normal scores (no confidence); and the
               best of any threshold that flags at most 2 of the good test images (an oracle, chosen on the test set)

Run the same dataset with several `--seed` values to tell a tail that follows the role (cross-fitted or further)
from one that follows particular images: the seed reshuffles which training images take which role, and an image's
leave-one-out measurement does not depend on its role.

  python3 tools/threshold_roles.py /tmp/out/digits-s12/digit_anatomy /tmp/out/digits-s12-seed3/digit_anatomy
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threshold_rules import load, rank  # noqa: E402  (the same files, the same order-statistic rule)


def auroc(positives, negatives):
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def quantile(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


def groups(metrics, n):
    """The bank-order slices of the n normal scores: cross-fitted training, held-out, further."""
    counts = metrics["counts"]
    statistics = min(metrics["provenance"]["detector"]["config"]["measuring"]["calibrationImages"], counts["train"])
    held = counts.get("validation", 0)
    cross = min(n, statistics + held)
    return {"cross-fitted training": range(0, min(n, statistics)),
            "cross-fitted held-out": range(min(n, statistics), cross),
            "further": range(cross, n)}


def main(folders):
    for folder in folders:
        metrics, normals, good, anomalous = load(folder)
        n = len(normals)
        k = max(1, rank(n))
        print(f"{folder}  (n = {n} normal scores, the threshold is the largest but {k - 1})" if k > 1 else f"{folder}  (n = {n} normal scores)")
        slices = groups(metrics, n)
        top = sorted(range(n), key=lambda i: -normals[i])[:k]
        for name, idx in slices.items():
            if len(idx) == 0:
                continue
            v = [normals[i] for i in idx]
            print(f"  {name:22s} {len(v):3d}  median {quantile(v, 0.5):.2f}  q90 {quantile(v, 0.9):.2f}"
                  f"  max {max(v):.2f}  among the {k} largest: {sum(1 for i in top if i in idx)}")
        print(f"  {'good test images':22s} {len(good):3d}  median {quantile(good, 0.5):.2f}"
              f"  q90 {quantile(good, 0.9):.2f}  max {max(good):.2f}")
        if anomalous:
            threshold = metrics["at_threshold"]["threshold"]
            q95 = quantile(normals, 0.95)
            oracle = sorted(good, reverse=True)[min(2, len(good) - 1)]

            def recall(t):
                return sum(1 for a in anomalous if a > t) / len(anomalous)

            print(f"  auroc: against the good test images {auroc(anomalous, good):.3f}, against the normal scores "
                  f"{auroc(anomalous, normals):.3f}")
            print(f"  recall: at the threshold ({threshold:.2f}) {recall(threshold):.3f}; at the normal scores' 95 %"
                  f" quantile ({q95:.2f}) {recall(q95):.3f}; oracle at <= 2 good test images ({oracle:.2f})"
                  f" {recall(oracle):.3f}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Threshold rules, offline: false positives on good test images and recall under alternative thresholds, from the
saved outputs of one `samlad evaluate` per dataset (no refit, no prediction).

Each argument is a category folder of an evaluation (the one holding metrics.json and predictions.csv). The normal
scores the threshold was set on are read from metrics.json (provenance.detector.threshold_normal_scores, in the
bank's order: the statistics' leave-one-out training images, the held-out images, then further training images),
the test scores from predictions.csv. Prints, per folder and pooled:

  order statistic   the k-th largest of the n normal scores (samlad's rule, docs/method.md "The threshold")
  next one          the (k+1)-th largest: the same rule at a lower confidence
  exponential tail  j = max(10, 0.2 n) largest above the tail start u, beta's 90 % upper bound, t = u + beta ln(j/(n+1)/a)
  exp. tail, both   the same with 95 % bounds on both beta and u's exceedance probability (Bonferroni)

and where the good test images fall against each group of normal scores (the 90 % quantile of each).

  python3 tools/threshold_rules.py /tmp/out/synth-s0/bottle /tmp/out/jb/juice_bottle ...
"""
import csv
import json
import math
import os
import sys
from statistics import NormalDist

ALPHA = 0.05
CONFIDENCE = 0.9
STATISTICS_IMAGES = 40  # measuring.calibrationImages at the default


def binomial_cdf(n, p, k):
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    term = n * math.log1p(-p)
    total = math.exp(term)
    for i in range(1, k + 1):
        term += math.log((n - i + 1) / i) + math.log(p) - math.log1p(-p)
        total += math.exp(term)
    return min(1.0, total)


def rank(n, alpha=ALPHA, confidence=CONFIDENCE):
    """The largest k whose k-th largest of n keeps rate alpha with the confidence (0: none does)."""
    best = 0
    for k in range(1, n + 1):
        if binomial_cdf(n, alpha, k - 1) <= 1 - confidence:
            best = k
        else:
            break
    return best


def beta_upper(n, k, confidence):
    """Upper confidence bound of the probability that a new score exceeds the k-th largest of n."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if 1 - binomial_cdf(n, mid, k - 1) < confidence:
            lo = mid
        else:
            hi = mid
    return hi


def chi2_quantile(q, v):
    z = NormalDist().inv_cdf(q)
    a = 2 / (9 * v)
    c = 1 - a + z * math.sqrt(a)
    return v * max(1e-9, c ** 3)


def exponential_tail(scores, both):
    d = sorted(scores, reverse=True)
    n = len(d)
    j = max(10, int(0.2 * n))
    u = d[j]
    beta = sum(x - u for x in d[:j]) / j
    c = 1 - (1 - CONFIDENCE) / 2 if both else CONFIDENCE
    beta_up = 2 * j * beta / chi2_quantile(1 - c, 2 * j)
    p_u = beta_upper(n, j + 1, c) if both else j / (n + 1)
    return max(u, u + beta_up * math.log(p_u / ALPHA))


def kth(scores, k):
    return sorted(scores, reverse=True)[k - 1]


def load(folder):
    with open(os.path.join(folder, "metrics.json")) as f:
        metrics = json.load(f)
    normals = metrics["provenance"]["detector"].get("threshold_normal_scores")
    if not normals:
        sys.exit(f"{folder}: metrics.json has no threshold_normal_scores (evaluated before they were written)")
    with open(os.path.join(folder, "predictions.csv")) as f:
        rows = list(csv.DictReader(f))
    good = [float(r["score"]) for r in rows if "/good/" in r["path"]]
    anomalous = [float(r["score"]) for r in rows if "/good/" not in r["path"] and r["path"].startswith("test/")]
    return metrics, normals, good, anomalous


def main(folders):
    rules = ["order statistic", "next one", "exponential tail", "exp. tail, both"]
    pooled = {r: [0, 0, 0.0] for r in rules}
    groups = {"statistics": [0, 0.0], "held-out": [0, 0.0], "further": [0, 0.0]}
    above = {"statistics + held-out": 0, "further": 0, "all": 0}
    goods = 0
    for folder in folders:
        metrics, normals, good, anomalous = load(folder)
        n = len(normals)
        k = max(1, rank(n))
        thresholds = {
            "order statistic": kth(normals, k),
            "next one": kth(normals, min(n, k + 1)),
            "exponential tail": exponential_tail(normals, False),
            "exp. tail, both": exponential_tail(normals, True),
        }
        line = []
        for r in rules:
            t = thresholds[r]
            fp = sum(g > t for g in good)
            recall = sum(a > t for a in anomalous) / max(1, len(anomalous))
            pooled[r][0] += fp
            pooled[r][1] += len(good)
            pooled[r][2] += recall
            line.append(f"{r} {t:.3f}: {fp}/{len(good)} good, recall {recall:.3f}")
        print(f"{folder} (n = {n}, k = {k})\n  " + "\n  ".join(line))
        held = metrics["counts"]["validation"]
        cross = min(n, STATISTICS_IMAGES + held)
        group_of = lambda i: "statistics" if i < STATISTICS_IMAGES else ("held-out" if i < cross else "further")
        top = sorted(range(n), key=lambda i: -normals[i])[:6]
        for i in top:
            groups[group_of(i)][0] += 1
        for g in groups:
            share = sum(1 for i in range(n) if group_of(i) == g) / n
            groups[g][1] += 6 * share

        def q90(values):
            return sorted(values)[int(0.9 * len(values))] if values else float("inf")

        above["statistics + held-out"] += sum(g > q90(normals[:cross]) for g in good)
        above["further"] += sum(g > q90(normals[cross:]) for g in good)
        above["all"] += sum(g > q90(normals) for g in good)
        goods += len(good)
    print("\npooled over", len(folders), "folders:")
    for r in rules:
        fp, total, recall = pooled[r]
        print(f"  {r}: {fp}/{total} good above ({fp / max(1, total):.3f}), mean recall {recall / len(folders):.3f}")
    print("  the 6 largest normal scores per folder, by group (observed / expected from the group's share):",
          ", ".join(f"{g} {v[0]} / {v[1]:.1f}" for g, v in groups.items()))
    print("  good test images above each group's 90 % quantile:",
          ", ".join(f"{g} {v}/{goods}" for g, v in above.items()))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])

#!/usr/bin/env python3
"""The most `zero` grids of DigitAnatomy that IDENTITY can flag at the calibrated threshold, per seed.

A `zero` grid differs from a good one by one digit only: a 0 where another digit belongs. Of the product's measures
IDENTITY is the one that sees it (docs/quality.md, round 12: PATCH and GAUSSIAN are near chance on zeros). The image
score fuses the measures by their largest surprisal among normal images, so a normal image's fused score is at least
its IDENTITY surprisal, and the calibrated threshold (the k-th largest of the n calibration scores, k the largest
with P(Binomial(n, alpha) <= k - 1) <= 1 - confidence) lies at or above the k-th largest of the normals' IDENTITY
values, read on the same scale. A zero whose largest IDENTITY value lies below that bound stays under the threshold
unless another measure sees it (the patch map does now and then: DigitAnatomy seed 1, grid 011); the zeros above it
are the most that IDENTITY can flag under the threshold's promise.

Input: one file per seed, written by a build with `tools/probes/identity-image-max.patch` applied (see
docs/quality.md, round 16), with lines `train NNN value` (each training grid left out of its own comparison, as the
fit scores it), `val NNN value` (validation grids against the whole bank) and `zero NNN value`: each grid's largest
IDENTITY raw value over its objects.

  python3 tools/identity_recall_bound.py [--alpha 0.05] [--confidence 0.9] FILE ...

Prints per file: n, k, the bound, the zeros above it, and the recall this allows when every other anomaly (30 of the
40) is flagged. The order statistic is the fit's rule, as tools/threshold_rules.py computes it. Needs the standard library only.
"""
import argparse

from threshold_rules import rank


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--alpha', type=float, default=0.05)
    parser.add_argument('--confidence', type=float, default=0.9)
    parser.add_argument('--others', type=int, default=30, help='anomalous grids of the other kinds')
    parser.add_argument('files', nargs='+')
    args = parser.parse_args()
    for path in args.files:
        normals, zeros = [], []
        with open(path) as f:
            for line in f:
                role, name, value = line.split()
                (zeros if role == 'zero' else normals).append((float(value), name))
        n = len(normals)
        k = rank(n, args.alpha, args.confidence)
        ranked = sorted(normals, reverse=True)
        bound = ranked[k - 1][0]
        above = sorted(z for z in zeros if z[0] > bound)
        total = args.others + len(zeros)
        print(f"{path}: n {n}, k {k}, bound {bound:.3f} (largest normals "
              + ', '.join(f'{v:.3f}' for v, _ in ranked[:k]) + f"); zeros above {len(above)} of {len(zeros)} ("
              + ', '.join(f'{name} {v:.3f}' for v, name in sorted(zeros, reverse=True)) + f"); recall at most "
              f"{(args.others + len(above)) / total:.3f}")


if __name__ == '__main__':
    main()

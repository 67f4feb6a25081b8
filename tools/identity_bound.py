#!/usr/bin/env python3
"""How well nearest-neighbour identity can tell DigitAnatomy's anomalies from good grids with perfect segmentation.

The product's IDENTITY measure compares each segmented object's appearance with the objects at the same place in the
normal images (docs/method.md section 7). Its image AUROC on `zero` grids (a 0 replacing one digit) is bounded by two
things: how the segmentation cuts the digits, and how well the appearance descriptor tells a 0 from the digit that
belongs at its cell, against the odd ways normal digits are written. This script removes the first: every grid cell
(32 x 32 pixels of the 96 x 96 image) is taken as the object, exactly, so what remains is the descriptor and the
comparison. If a descriptor cannot separate `zero` here, no fusion or verdict rule downstream can recover it.

Per cell, the cell's image is normalised as the product's NORMALISED descriptor is (centre of ink mass, isotropic
scale from the second moments, shear that removes the slant, into 24 x 24), and described by one of:

  hog        gradient directions, 12 signed bins over 4 x 4 cells (like the product's histogram part)
  pixels     the normalised image blurred by a Gaussian of 1 pixel, centred, unit length
  crossings  the number of ink runs along rows and columns, averaged over 6 bands each, at three ink levels
  hog+pixels the two concatenated
  tangent    the one-sided tangent distance of the blurred image (sigma 1 pixel, centred, unit length) to each
             bank example's plane of seven tangents (two shifts, rotation, scaling, two stretches, thickness): the
             distance that remains once each example may move a little along each (Simard et al.'s digit metric)
  hog+tangent the sum of the two distances, each divided by the median of its training cells' left-out distances

The distance of a query cell to its place is the mean of the `m` smallest distances to the same cell of the N
training grids; the normal distribution of that distance comes from the training grids themselves, each left out
of its own comparison. A grid's score is the largest, over its 9 cells, of -log of the cell's empirical tail
probability (how many left-out training cells lie at least as far), ties broken by the distance relative to the
cell's median. The image AUROC of each anomaly kind against the good test grids is printed, as in `samlad
evaluate`'s `image_auroc_by_kind`.

  python3 tools/identity_bound.py [--train N ...] [--neighbours M ...] [--descriptor D ...] DATASET ...

DATASET is a folder written by `samlad datasets digit-anatomy` (its digit_anatomy/ or the folder above it). With
--train N the first N training grids are the bank (a dataset generated with --train 400 holds the same first 100
training grids and the same test grids as the default one of that seed, so the bank's size can be varied alone).
With --detail KIND it also prints, per grid of that kind (first descriptor, bank size and m), the cell its ground-truth
mask covers, that cell's distance relative to the cell's median normal distance, how many of the training digits of
the cell lie at least as far (left out of their own comparison), and how many good test grids hold some cell at least
that far out relative to its own median.
Needs numpy only. Measured results: docs/quality.md, "Round 12: what nearest-neighbour identity reaches" and
"Round 13" (the tangent distance).
"""
import argparse
import csv
import os

import numpy as np

from identity_objects import png_gray

CELL = 32
SIZE = 24


def png_grey(path):
    """A PNG's first channel as floats in [0, 1]."""
    return png_gray(path).astype(float) / 255.0


def bilinear(image, ys, xs):
    """Samples image at fractional coordinates; outside is 0 (background)."""
    h, w = image.shape
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    fy, fx = ys - y0, xs - x0
    padded = np.pad(image, 1)

    def at(y, x):
        inside = (y >= -1) & (y <= h) & (x >= -1) & (x <= w)
        return np.where(inside, padded[np.clip(y + 1, 0, h + 1), np.clip(x + 1, 0, w + 1)], 0.0)
    return ((1 - fy) * (1 - fx) * at(y0, x0) + (1 - fy) * fx * at(y0, x0 + 1)
            + fy * (1 - fx) * at(y0 + 1, x0) + fy * fx * at(y0 + 1, x0 + 1))


def normalised(cell):
    """Centred by ink mass, scaled isotropically so the ink's spread is a fixed size, slant sheared away."""
    ink = np.where(cell < 0.05, 0.0, cell)
    mass = ink.sum()
    if mass < 1e-6:
        return np.zeros((SIZE, SIZE))
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    cy, cx = (ink * ys).sum() / mass, (ink * xs).sum() / mass
    vy, vx = (ink * (ys - cy) ** 2).sum() / mass, (ink * (xs - cx) ** 2).sum() / mass
    shear = (ink * (ys - cy) * (xs - cx)).sum() / mass / vy if vy > 1e-6 else 0.0
    step = np.sqrt(vy + vx) / (20 / 4.0)
    oy, ox = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    sy = cy + step * (oy - SIZE / 2 + 0.5)
    sx = cx + step * (ox - SIZE / 2 + 0.5) + shear * (sy - cy)
    out = bilinear(ink, sy, sx)
    return out / (out.max() + 1e-9)


def sobel(image):
    p = np.pad(image, 1)
    gy = (p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[:-2, 1:-1] + p[:-2, 2:])
    gx = (p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[1:-1, :-2] + p[2:, :-2])
    return gy, gx


def hog(image, grid=4, bins=12):
    gy, gx = sobel(image)
    magnitude = np.hypot(gx, gy)
    direction = (np.arctan2(gy, gx) % (2 * np.pi) / (2 * np.pi) * bins).astype(int) % bins
    k = SIZE // grid
    histogram = np.zeros((grid, grid, bins))
    for i in range(grid):
        for j in range(grid):
            np.add.at(histogram[i, j], direction[i * k:(i + 1) * k, j * k:(j + 1) * k].ravel(),
                      magnitude[i * k:(i + 1) * k, j * k:(j + 1) * k].ravel())
    v = histogram.ravel()
    return v / (np.linalg.norm(v) + 1e-9)


def pixels(image, sigma=1.0):
    radius = int(3 * sigma)
    kernel = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    kernel /= kernel.sum()
    blurred = np.apply_along_axis(lambda r: np.convolve(r, kernel, 'same'), 1, image)
    blurred = np.apply_along_axis(lambda c: np.convolve(c, kernel, 'same'), 0, blurred)
    v = blurred.ravel() - blurred.mean()
    return v / (np.linalg.norm(v) + 1e-9)


def crossings(image, bands=6, levels=(0.3, 0.45, 0.6)):
    k = SIZE // bands
    values = []
    for level in levels:
        ink = (image > level * max(image.max(), 1e-9)).astype(int)
        along_rows = (ink[:, 1:] > ink[:, :-1]).sum(1) + ink[:, 0]
        along_columns = (ink[1:, :] > ink[:-1, :]).sum(0) + ink[0, :]
        values.append(np.concatenate([along_rows.reshape(bands, k).mean(1), along_columns.reshape(bands, k).mean(1)]))
    return np.mean(values, 0) / bands


def blurred(image, sigma=1.0):
    radius = int(3 * sigma)
    kernel = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    kernel /= kernel.sum()
    out = np.apply_along_axis(lambda r: np.convolve(r, kernel, 'same'), 1, image)
    return np.apply_along_axis(lambda c: np.convolve(c, kernel, 'same'), 0, out)


def tangent_plane(image):
    """The blurred image as a centred unit vector, and an orthonormal basis (columns) of its seven tangents."""
    p = blurred(image)
    gy, gx = np.gradient(p)
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(float) - (SIZE / 2 - 0.5)
    tangents = [gx, gy, y * gx - x * gy, x * gx + y * gy, x * gx - y * gy, y * gx + x * gy, gx * gx + gy * gy]
    v = p.ravel() - p.mean()
    v = v / (np.linalg.norm(v) + 1e-9)
    basis, _ = np.linalg.qr(np.array([t.ravel() for t in tangents]).T)  # only the span counts, not each scale
    return v, basis


def tangent_distances(train_cells, test_cells, n, neighbours):
    """As cell_distances, by the tangent distance of each query to the bank examples' tangent planes."""
    bank = [[tangent_plane(c) for c in grid] for grid in train_cells[:n]]
    queries = [[tangent_plane(c)[0] for c in grid] for grid in test_cells]
    tails = np.zeros((n, 9))
    distances = np.zeros((len(queries), 9))
    for c in range(9):
        x = np.array([grid[c][0] for grid in bank])
        bases = np.array([grid[c][1] for grid in bank])

        def distance(vector, leave_out=None):
            r = x - vector
            along = np.einsum('nd,ndt->nt', r, bases)
            d = np.sqrt(np.maximum((r * r).sum(1) - (along * along).sum(1), 0))
            if leave_out is not None:
                d = np.delete(d, leave_out)
            return np.sort(d)[:neighbours].mean()
        for i in range(n):
            tails[i, c] = distance(bank[i][c][0], i)
        for j, query in enumerate(queries):
            distances[j, c] = distance(query[c])
    return distances, tails


DESCRIPTORS = {
    'hog': hog,
    'pixels': pixels,
    'crossings': crossings,
    'hog+pixels': lambda image: np.concatenate([hog(image), pixels(image)]) / np.sqrt(2),
}


def cells(image):
    return [image[r * CELL:(r + 1) * CELL, c * CELL:(c + 1) * CELL] for r in range(3) for c in range(3)]


def auroc(positives, negatives):
    positives, negatives = np.asarray(positives)[:, None], np.asarray(negatives)[None, :]
    return float(((positives > negatives) + 0.5 * (positives == negatives)).mean())


def cell_distances(bank, queries, neighbours):
    """Per query grid and cell the distance to the bank's same cell, and the bank's own left-out distances."""
    n = len(bank)

    def distance(vector, cell, leave_out=None):
        d = np.linalg.norm(bank[:, cell] - vector, axis=1)
        if leave_out is not None:
            d = np.delete(d, leave_out)
        return np.sort(d)[:neighbours].mean()
    tails = np.array([[distance(bank[i, c], c, i) for c in range(9)] for i in range(n)])
    return np.array([[distance(query[c], c) for c in range(9)] for query in queries]), tails


def grid_scores(distances, tails):
    """Each grid's largest per-cell surprisal against the bank's left-out tails, ties broken by relative distance."""
    n = len(tails)
    medians = np.median(tails, 0) + 1e-9
    scores = []
    for d in distances:
        tail = np.array([((tails[:, c] >= d[c]).sum() + 1) / (n + 1) for c in range(9)])
        scores.append(-np.log(tail.min()) + 1e-3 * (d / medians).max())
    return np.array(scores)


def mask_cell(root, image):
    """The grid cell that the image's ground-truth mask covers most (None where it has no mask)."""
    stem = os.path.splitext(os.path.basename(image))[0]
    folder = os.path.join(root, 'ground_truth', os.path.basename(os.path.dirname(image)), stem)
    if not os.path.isdir(folder):
        return None
    mask = sum(png_grey(os.path.join(folder, f)) > 0 for f in sorted(os.listdir(folder)) if f.endswith('.png'))
    return int(np.argmax([c.sum() for c in cells(np.asarray(mask, dtype=float))]))


def detail(root, rows, kinds, kind, distances, tails):
    relative = distances / (np.median(tails, 0) + 1e-9)
    good_extremes = relative[kinds == 'good'].max(1)
    for i in np.where(kinds == kind)[0]:
        cell = mask_cell(root, rows[i]['image'])
        if cell is None:
            continue
        r = relative[i, cell]
        print(f'    {rows[i]["image"]}  cell {cell}  distance / median {r:.2f}  training digits as far {int((tails[:, cell] >= distances[i, cell]).sum())}'
              f'  good grids with a cell as far {int((good_extremes >= r).sum())}')


DISTANCES = ['tangent', 'hog+tangent']


def matrices(name, train_cells, test_cells, n, m, vectors):
    """Per query grid and cell its distance to the place, and the bank's left-out distances, for a descriptor name."""
    if name == 'tangent':
        return tangent_distances(train_cells, test_cells, n, m)
    if name == 'hog+tangent':
        parts = [matrices(part, train_cells, test_cells, n, m, vectors) for part in ('hog', 'tangent')]
        scales = [np.median(tails) for _, tails in parts]
        return (sum(d / k for (d, _), k in zip(parts, scales)), sum(t / k for (_, t), k in zip(parts, scales)))
    if name not in vectors:
        describe = DESCRIPTORS[name]
        vectors[name] = (np.array([[describe(c) for c in grid] for grid in train_cells]),
                         np.array([[describe(c) for c in grid] for grid in test_cells]))
    bank_all, queries = vectors[name]
    return cell_distances(bank_all[:n], queries, m)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('datasets', nargs='+')
    parser.add_argument('--train', type=int, nargs='+', default=[100])
    parser.add_argument('--neighbours', type=int, nargs='+', default=[2])
    parser.add_argument('--descriptor', nargs='+', default=list(DESCRIPTORS) + DISTANCES, choices=list(DESCRIPTORS) + DISTANCES)
    parser.add_argument('--detail', metavar='KIND', help='per grid of this kind: its cell against the normal tails')
    args = parser.parse_args()
    kinds_order = ['missing', 'swapped', 'flipped', 'zero']
    for dataset in args.datasets:
        root = dataset if os.path.basename(dataset.rstrip('/')) == 'digit_anatomy' else os.path.join(dataset, 'digit_anatomy')
        rows = list(csv.DictReader(open(os.path.join(root, 'anomalies.csv'))))
        kinds = np.array([r['kind'] for r in rows])
        test_cells = [[normalised(c) for c in cells(png_grey(os.path.join(root, r['image'])))] for r in rows]
        train_files = sorted(os.listdir(os.path.join(root, 'train', 'good')))
        largest = max(args.train)
        if largest > len(train_files):
            raise SystemExit(f'{root}: --train {largest} asks for more than its {len(train_files)} training grids')
        train_cells = [[normalised(c) for c in cells(png_grey(os.path.join(root, 'train', 'good', f)))]
                       for f in train_files[:largest]]
        vectors = {}
        for name in args.descriptor:
            for n in args.train:
                for m in args.neighbours:
                    distances, tails = matrices(name, train_cells, test_cells, n, m, vectors)
                    scores = grid_scores(distances, tails)
                    good = scores[kinds == 'good']
                    figures = '  '.join(f'{k} {auroc(scores[kinds == k], good):.3f}'
                                        for k in kinds_order if (kinds == k).any())
                    print(f'{dataset}  {name:11s}  train {n:4d}  m {m}  {figures}', flush=True)
                    if args.detail and name == args.descriptor[0] and n == args.train[0] and m == args.neighbours[0]:
                        detail(root, rows, kinds, args.detail, distances, tails)


if __name__ == '__main__':
    main()

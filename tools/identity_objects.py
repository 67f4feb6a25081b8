#!/usr/bin/env python3
"""Each DigitAnatomy object's IDENTITY terms, for a zero (or any) grid against its place's leave-one-out normals
(docs/quality.md, "Round 11 — branch zero11").

The probe is tools/probes/identity-objects.patch (scratch, not merged: with SAMLAD_ID_DUMP set it prints, to stderr,
every bank object's descriptor once per bank ("IDBANK") and, per scored scene, every object's terms ("IDQ": d_same,
after the places' spread, d_D, the deformation mirror term, the other-place term, the mirror term, the holes, the
fill, the bracket, the damped value, then its descriptor)):

  git apply tools/probes/identity-objects.patch && mvn -B -ntp -o -q package -DskipTests
  SAMLAD_ID_DUMP=1 ./samlad evaluate --dataset /tmp/q/digits-s11 --out OUT 2> dump.err
  python3 tools/identity_objects.py dump.err OUT /tmp/q/digits-s11 [KIND]

Scenes scored with exclude >= 0 are the leave-one-out training grids; the others are matched to the test grids of
OUT's predictions.jsonl by their objects' centroids (held-out validation grids match none). Per place (the 3 x 3
cells) it prints the damped values' quantiles over the normals' objects of area >= 0.005, the largest value per
normal grid, and, for every KIND grid (default zero), its objects at the cell of its ground truth with each term and
the term's percentile among the place's normal objects.
"""
import collections
import csv
import json
import os
import sys
import zlib
import struct

import numpy as np

NAMES = ['same', 'spread', 'dD', 'dmir', 'other', 'mirror', 'topo', 'fill', 'raw', 'final']
AREA = 0.005


def load(err, preds_jsonl):
    scenes = collections.OrderedDict()
    for line in open(err):
        if not line.startswith('IDQ '):
            continue
        head, _ = line.split(' A', 1)
        t = head.split()
        obj = dict(cx=float(t[4]), cy=float(t[5]), area=float(t[6]), terms=np.array(t[8:18], dtype=float))
        scenes.setdefault((int(t[2]), t[3]), {})[(obj['cx'], obj['cy'])] = obj  # a scene scored twice: once
    preds = [json.loads(l) for l in open(preds_jsonl)]
    loo, test = {}, {}
    for (ex, _), objs in scenes.items():
        objs = list(objs.values())
        if ex >= 0:
            loo.setdefault(ex, objs)
            continue
        best, hit = 0, None
        for p in preds:  # the output's objects may merge pieces: the test grid most of whose objects match
            n = sum(1 for o in objs if any(abs(o['cx'] * 96 - r['centroidX']) < 0.05
                                          and abs(o['cy'] * 96 - r['centroidY']) < 0.05 for r in p['objects']))
            if n > best:
                best, hit = n, p['path']
        if best >= 5:
            test[hit] = objs
    return loo, test


def cell(o):
    return min(2, int(o['cx'] * 3)) + 3 * min(2, int(o['cy'] * 3))


def png_gray(path):
    data = open(path, 'rb').read()
    pos, idat = 8, b''
    while pos < len(data):
        n, typ = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b'IHDR':
            w, h, _, ct = struct.unpack('>IIBB', body[:10])
        elif typ == b'IDAT':
            idat += body
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ct]
    raw, stride, prev, out, i = zlib.decompress(idat), w * bpp, bytearray(w * bpp), [], 0
    for _ in range(h):
        f, cur = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = cur[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1: cur[x] = (cur[x] + a) & 255
            elif f == 2: cur[x] = (cur[x] + b) & 255
            elif f == 3: cur[x] = (cur[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(cur[::bpp])
        prev = cur
    return np.array(out)


def main(err, out, dataset, kind='zero'):
    loo, test = load(err, os.path.join(out, 'digit_anatomy', 'predictions.jsonl'))
    kinds = {r['image']: r['kind'] for r in csv.DictReader(open(os.path.join(dataset, 'digit_anatomy', 'anomalies.csv')))}
    places = {c: [o for objs in loo.values() for o in objs if cell(o) == c and o['area'] >= AREA] for c in range(9)}
    for c in range(9):
        v = np.array([o['terms'][9] for o in places[c]])
        print('place %d: %3d normal objects, damped value q50 %.3f q90 %.3f q98 %.3f max %.3f'
              % ((c, len(v)) + tuple(np.nanquantile(v, [.5, .9, .98, 1]))))
    grid = np.sort([np.nanmax([o['terms'][9] for o in objs] + [0]) for objs in loo.values()])
    print('largest value per normal grid: q50 %.3f q90 %.3f, top %s' % (np.quantile(grid, .5), np.quantile(grid, .9),
                                                                        np.round(grid[-5:], 3)))
    for path, objs in sorted(test.items()):
        if kinds.get(path) != kind:
            continue
        name = os.path.splitext(os.path.basename(path))[0]
        gt = png_gray(os.path.join(dataset, 'digit_anatomy', 'ground_truth', 'logical_anomalies', name, '000.png'))
        at = int(np.argmax([gt[r * 32:(r + 1) * 32, c * 32:(c + 1) * 32].sum() for r in range(3) for c in range(3)]))
        print('%s (cell %d; share of normal grids whose largest value is above it: %.0f%%)'
              % (name, at, 100 * np.mean(grid > max([o['terms'][9] for o in objs if cell(o) == at] + [0]))))
        normal = np.array([o['terms'] for o in places[at]])
        for o in objs:
            if cell(o) == at:
                print('   area %.4f ' % o['area'] + ' '.join(
                    '%s %.3f(%.0f)' % (n, v, 100 * np.mean(normal[:, j] < v)) for j, (n, v) in enumerate(zip(NAMES, o['terms']))))


if __name__ == '__main__':
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""Where a DigitAnatomy object's IDENTITY lies among the normal examples at its own place, from a probed evaluation.

The verdict `mismatched` by IDENTITY says that an object is not the part that belongs at its place. Whether that is
said of an oddly written but right digit is a question of how its IDENTITY compares with the normal digits at the
same place. The evaluation's own outputs do not hold per-object IDENTITY terms, so this reads them from a probed
build: apply tools/probes/identity-terms.patch (to main at 3771174), build, and run

  SAMLAD_PROBE=1 ./samlad evaluate --dataset /tmp/q/digits-s0 --out OUT 2> OUT.err

The probe prints, per object and per assembled image, the IDENTITY terms (`IDPROBE`: the same-place distance, the
other-place, mirror, hole and fill terms, the area damping and the raw value) and the calibrated values the verdict
reads (`PROBE`: z of OBJECT and IDENTITY, IDENTITY on the map's scale, the map threshold t, the verdict). The images
the fit assembles before its threshold exists (t = infinity: the 120 threshold normals; the 40 further ones are
assembled once more afterwards, their IDENTITY measured once) are the calibration normals; the test images are found by their objects' centroids and reported scores in
predictions.jsonl. A place is a cell of the 3 x 3 grid.

  python3 tools/identity_places.py DATASET OUT OUT.err [IMAGE ...]

prints, per cell, how many calibration objects it holds and their largest raw IDENTITY; for each test object found
`mismatched` by the verdicts, its raw IDENTITY's rank among the calibration objects of its cell (0: beyond all of
them) and whether the cell is anomalous (ground truth, anomalies.csv and the masks); the number of test objects (full
size, outside the anomalous cells) beyond every calibration object of their cell against the number expected if test
and calibration normals were exchangeable (sum of 1 / (n + 1)); and each named IMAGE's objects term by term, with
each term's rank at its cell.
"""
import collections
import csv
import json
import math
import os
import struct
import sys
import zlib

TERMS = ['same', 'other', 'mirror', 'topo', 'fill', 'raw']


def png_grey(path):
    """The rows of an 8-bit grey PNG (the ground-truth masks)."""
    data = open(path, 'rb').read()
    pos, idat, w, h = 8, b'', 0, 0
    while pos < len(data):
        n = struct.unpack('>I', data[pos:pos + 4])[0]
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            w, h = struct.unpack('>II', chunk[:8])
        elif kind == b'IDAT':
            idat += chunk
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w):
            a, b, c = (line[x - 1] if x else 0), prev[x], (prev[x - 1] if x else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return rows


def mask_cell(path):
    counts = collections.Counter()
    for y, row in enumerate(png_grey(path)):
        for x, v in enumerate(row):
            if v:
                counts[(y // 32) * 3 + x // 32] += 1
    return counts.most_common(1)[0][0]


def cell(fx, fy):
    """The 3 x 3 grid cell of a centroid given as fractions of the image."""
    return min(2, int(fy * 3)) * 3 + min(2, int(fx * 3))


def main(dataset, out, err, images):
    root = os.path.join(dataset, 'digit_anatomy')
    kinds, truth = {}, {}
    for row in csv.DictReader(open(os.path.join(root, 'anomalies.csv'))):
        kinds[row['image']] = row['kind']
        if row['kind'] != 'good':
            masks = os.path.join(root, 'ground_truth', 'logical_anomalies',
                                 os.path.splitext(os.path.basename(row['image']))[0])
            truth[row['image']] = {mask_cell(os.path.join(masks, m)) for m in sorted(os.listdir(masks))}
    probes, terms = collections.defaultdict(list), collections.defaultdict(list)
    for line in open(err):
        t = line.split()
        if line.startswith('PROBE '):
            v = dict(kv.split('=') for kv in t[5:])
            probes[t[1]].append(dict(x=float(t[2]), y=float(t[3]), verdict=v['v'], t=float(v['t']),
                                     zmap=float(v['zIdMap']), reported=float(v['rep'])))
        elif line.startswith('IDPROBE '):
            v = {k: float(x) for k, x in (kv.split('=') for kv in t[4:])}
            v.update(x=float(t[2]), y=float(t[3]))
            terms[t[1]].append(v)
    by_object = {}
    for line in open(os.path.join(out, 'digit_anatomy', 'predictions.jsonl')):
        p = json.loads(line)
        for o in p['objects']:
            by_object[(round(o['centroidX'], 2), round(o['centroidY'], 2), round(o['score'], 5))] = p['path']
    test, calibration = {}, []
    for q, rs in probes.items():
        if any(math.isinf(r['t']) for r in rs):
            # assembled before the threshold existed (the 40 further normals are assembled once more after it)
            calibration.append(q)
            continue
        for r in rs:
            path = by_object.get((round(r['x'], 2), round(r['y'], 2), round(r['reported'], 5)))
            if path:
                test[path] = q
    places = collections.defaultdict(list)
    for q in calibration:
        for d in terms.get(q, []):
            places[cell(d['x'], d['y'])].append(d)
    print(f'{len(calibration)} calibration images, {len(test)} test images matched')
    for c in range(9):
        raws = [d['raw'] for d in places[c]]
        print(f'cell {c}: {len(raws)} calibration objects, largest raw IDENTITY {max(raws, default=float("nan")):.3f}')
    print('mismatched test objects (image, kind, cell, right/wrong, rank of raw IDENTITY at its cell, of n, '
          'IDENTITY on the map scale, t):')
    for path in sorted(test):
        q = test[path]
        for r in probes[q]:
            if r['verdict'] != 'MISMATCHED':
                continue
            c = min(2, int(r['y'] / 32)) * 3 + min(2, int(r['x'] / 32))
            d = next((d for d in terms[q] if abs(d['x'] * 96 - r['x']) < 0.01 and abs(d['y'] * 96 - r['y']) < 0.01),
                     None)
            rank = sum(e['raw'] >= d['raw'] for e in places[c]) if d else -1
            print(f'  {path} {kinds[path]} cell {c} {"right" if c in truth.get(path, ()) else "WRONG"} '
                  f'rank {rank} of {len(places[c])} z_map {r["zmap"]:.2f} t {r["t"]:.2f}')
    for group in ('good', 'anomalous'):
        n, seen, expected = 0, 0, 0.0
        for path, q in test.items():
            if (kinds[path] == 'good') != (group == 'good'):
                continue
            for d in terms[q]:
                c = cell(d['x'], d['y'])
                if c in truth.get(path, ()) or d['damp'] < 0.999 or not places[c]:
                    continue
                n += 1
                expected += 1 / (len(places[c]) + 1)
                seen += d['raw'] > max(e['raw'] for e in places[c])
        print(f'{group} grids: {n} full-size objects outside anomalous cells, {seen} beyond every calibration object '
              f'of their cell, {expected:.2f} expected')
    for image in images:
        path = image if image.startswith('test/') else 'test/' + image
        print(path, kinds[path])
        for d in terms[test[path]]:
            c = cell(d['x'], d['y'])
            ranks = ' '.join(f'{k}={d[k]:.3f}({sum(e[k] >= d[k] for e in places[c])})' for k in TERMS)
            print(f'  cell {c} {ranks} of {len(places[c])}')


if __name__ == '__main__':
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])

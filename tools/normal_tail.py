#!/usr/bin/env python3
"""Which measure carries the normal tail and the missed anomalies, from a probed evaluation (docs/method.md, "The
threshold", item 4; docs/quality.md, "Round 10 — branch tail12").

The probe is tools/normal_tail_probe.patch (scratch, not merged: it prints to stderr). Apply it, build, and run
`samlad evaluate` with -Dsamlad.probe=1, keeping stderr:

  git apply tools/normal_tail_probe.patch && mvn -B -ntp -o -q package -DskipTests
  SAMLAD_JAVA_OPTS=-Dsamlad.probe=1 ./samlad evaluate --dataset /tmp/q/digits-s12 --out OUT 2> probe.err
  python3 tools/normal_tail.py probe.err OUT/digit_anatomy /tmp/q/digits-s12/digit_anatomy/anomalies.csv

It prints (z: the measure's z as the image was scored; s: its surprisal under the fusion's per-measure tail, the
normal images' own fold-out tails; cells are the 4x4 quarters of the image the largest patch z and the object least
like its place lie in):
  roles      per role (T cross-fitted training, V cross-fitted held-out, F further training, good test, anomalies)
             the median fused score and the median z per measure
  folds      the further images' median z with the final statistics and with each fold's statistics (whether the
             cross-fitted images are scored more harshly than a query is)
  tail       the 15 largest normal scores: role, image, the measure of largest surprisal, every z / s
  missed     the anomalies below the threshold, likewise, with their kind
  bound      the recall at the threshold that remains when the normal scores that a given measure carries are left out
             (an upper bound for any change that lowers that measure's normal tail alone)
"""
import csv
import os
import re
import statistics as st
import sys

MEASURES = ['PATCH', 'PATCH_BANK', 'GAUSSIAN', 'OBJECT', 'MISSING', 'GLOBAL', 'IDENTITY', 'COMPOSITION', 'PIECES']
ROLE = {'T': 'cross-fitted training', 'V': 'cross-fitted held-out', 'F': 'further training'}


def values(line):
    z = {m.group(1): float(m.group(2)) for m in re.finditer(r' ([A-Z_]+)=(-?[\d.]+|NaN)', line)}
    s = {m.group(1): float(m.group(2)) for m in re.finditer(r' ([A-Z_]+)=-?[\d.]+/s(-?[\d.]+)', line)}
    return z, s


def where(line):
    out = ''
    m = re.search(r'patchMax=(-?[\d.]+)@\((\d+),(\d+)\).*gw=(\d+) gh=(\d+)', line)
    if m:
        gw, gh = int(m.group(4)), int(m.group(5))
        out += 'patch z %s at q%d,%d' % (m.group(1), 4 * int(m.group(2)) // gw, 4 * int(m.group(3)) // gh)
    m = re.search(r'idObj@\(([\d.]+),([\d.]+)\) zId=(-?[\d.]+)', line)
    if m:
        out += '; least like its place: z %s at q%d,%d' % (m.group(3), int(4 * float(m.group(1))),
                                                            int(4 * float(m.group(2))))
    return out


def row(label, score, z, s, at):
    top = max((m for m in s if m in MEASURES), key=lambda m: s[m])
    shown = ' '.join('%s %.1f/%.1f' % (m, z[m], s[m]) for m in MEASURES if m in s and (z[m] != 0 or m not in
                                                                                          ('MISSING', 'PIECES')))
    print('  %-24s %5.2f  by %-10s %s | %s' % (label, score, top, shown, at))
    return top


def main(err, folder, anomalies_csv):
    preds = list(csv.DictReader(open(os.path.join(folder, 'predictions.csv'))))
    threshold = float(preds[0]['threshold'])
    path_of = {'%.4f' % float(p['score']): p['path'] for p in preds}
    kinds = {r['image']: r['kind'] for r in csv.DictReader(open(anomalies_csv))}
    normals, assembled, queries, folds, final = {}, {}, [], {}, {}
    for line in open(err):
        if line.startswith('NORMAL '):
            tag = line.split()[1]
            score = float(re.search(r'score=([\d.]+)', line).group(1))
            normals[tag] = (score,) + values(line)
        elif line.startswith('PROBE N'):
            assembled[line.split()[1]] = line
        elif line.startswith('PROBE Q'):
            score = re.search(r'score=([\d.]+)', line).group(1)
            path = path_of.get(score, '?')
            queries.append((float(score), path, kinds.get(path, '?')) + values(line) + (line,))
        elif line.startswith('FOLDF'):
            folds.setdefault(line.split()[1], []).append(values(line)[0])
    groups = {'T': [], 'V': [], 'F': [], 'good': [], 'anomalous': []}
    for tag, (score, z, s) in normals.items():
        groups[tag.split(':')[1][0]].append((score, z))
    for score, path, kind, z, s, line in queries:
        if kind != '?':  # queries that are not test images (none in an evaluate run's test set) are left out
            groups['good' if kind == 'good' else 'anomalous'].append((score, z))
    print('roles: median score and median z per measure')
    cols = [m for m in MEASURES if any(m in z for _, z in groups['T'])]
    print('  %-22s %4s %6s ' % ('', 'n', 'score') + ' '.join('%10s' % c for c in cols))
    for g, rows in groups.items():
        if rows:
            print('  %-22s %4d %6.2f ' % (ROLE.get(g, g), len(rows), st.median(r[0] for r in rows))
                  + ' '.join('%10.2f' % st.median(r[1].get(c, 0.0) for r in rows) for c in cols))
    further = [t.split(':')[0] for t in normals if t.split(':')[1][0] == 'F']
    if folds and further:
        print('folds: the further images\' median z, final statistics / mean over the fold statistics')
        for c in cols:
            a = st.median(normals[t][1].get(c, 0.0) for t in normals if t.split(':')[0] in further)
            b = st.median(st.mean(x.get(c, 0.0) for x in folds[t]) for t in further if t in folds)
            print('  %-11s %6.2f / %6.2f' % (c, a, b))
    print('tail: the 15 largest of %d normal scores (threshold %.2f)' % (len(normals), threshold))
    carried = {}
    for tag, (score, z, s) in sorted(normals.items(), key=lambda x: -x[1][0])[:15]:
        role, name = tag.split(':')[1][0], tag.split(':')[1][1:]
        carried[tag] = row('%s %s' % (role, name), score, z, s, where(assembled.get(tag, '')))
    print('missed: the anomalies below the threshold')
    below = {}
    for score, path, kind, z, s, line in sorted(queries, key=lambda q: q[0]):
        if kind not in ('good', '?') and score <= threshold:
            below[kind] = below.get(kind, 0) + 1
            row('%s %s' % (kind, os.path.basename(path)), score, z, s, where(line))
    print('  below the threshold by kind: ' + ', '.join('%s %d' % kv for kv in sorted(below.items())))
    anomalous = [r[0] for r in groups['anomalous']]
    for left in (('PATCH', 'PATCH_BANK'), ('IDENTITY',), ('PATCH', 'PATCH_BANK', 'IDENTITY')):
        kept = sorted((sc for tag, (sc, z, s) in normals.items()
                       if max((m for m in s if m in MEASURES), key=lambda m: s[m]) not in left), reverse=True)
        t = kept[2]
        print('bound: without the normal scores carried by %s: threshold %.2f, recall %.3f (now %.3f)'
              % ('/'.join(left), t, sum(a > t for a in anomalous) / len(anomalous),
                 sum(a > threshold for a in anomalous) / len(anomalous)))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""One line per `samlad evaluate` run: the figures issue 11 judges, each with its 95 % interval where metrics.json has one.

Each argument is a category folder of an evaluate run (the one holding metrics.json), or a run folder holding
exactly one category. Per run it prints the image AUROC per split, per anomaly kind (`image_auroc_by_kind`), and at the
calibrated threshold the false positives among the good test images and the recall, with their intervals
(docs/evaluation.md). Set side by side for several seeds of a generated benchmark, the intervals show which
differences between seeds the counts can tell apart.

  for s in 0 11 12; do ./samlad evaluate --dataset /tmp/q/digits-s$s --out /tmp/eval/s$s; done
  python3 tools/seed_table.py /tmp/eval/s0 /tmp/eval/s11 /tmp/eval/s12
"""
import json
import os
import sys


def metrics_file(folder):
    direct = os.path.join(folder, 'metrics.json')
    categories = [os.path.join(folder, d, 'metrics.json') for d in sorted(os.listdir(folder))
                  if os.path.isfile(os.path.join(folder, d, 'metrics.json'))]
    if len(categories) == 1:
        return categories[0]
    if os.path.isfile(direct) and not categories:
        return direct
    raise SystemExit(f'{folder}: expected one category with a metrics.json, found {len(categories)}')


def figure(value, interval):
    return f'{value:.3f}' + (f' [{interval[0]:.3f}, {interval[1]:.3f}]' if interval else '')


def line(folder):
    m = json.load(open(metrics_file(folder)))
    parts = []
    ci = m.get('image_auroc_ci95', {})
    for split, value in m.get('image_auroc', {}).items():
        if split != 'mean':
            parts.append(f'{split} {figure(value, ci.get(split))}')
    kinds = m.get('image_auroc_by_kind', {})
    kind_ci = m.get('image_auroc_by_kind_ci95', {})
    parts += [f'{k} {figure(v, kind_ci.get(k))}' for k, v in kinds.items()]
    at = m.get('at_threshold', {})
    if at:
        good = at['fp'] + at['tn']
        parts.append(f"FP {at['fp']} of {good}")
        if 'recall' in at:
            parts.append(f"recall {figure(at['recall'], at.get('recall_ci95'))}")
        parts.append(f"threshold {at['threshold']:.2f}")
    return f'{folder}: ' + '; '.join(parts)


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for folder in sys.argv[1:]:
        print(line(folder))


if __name__ == '__main__':
    main()

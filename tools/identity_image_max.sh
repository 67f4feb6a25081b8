#!/usr/bin/env bash
# Each DigitAnatomy grid's largest IDENTITY value, for tools/identity_recall_bound.py (docs/quality.md, round 16).
#
# Needs a build with tools/probes/identity-image-max.patch applied (it prints each object's IDENTITY value when the
# system property samlad.probeIdentity is set); not part of the product. For a dataset written by
# `samlad datasets digit-anatomy`, it fits a bank on train/good (each training grid scored with itself left out, as
# the fit's calibration scores it), then scores each validation grid and each `zero` grid against the whole bank,
# one at a time, and writes `train|val|zero NNN value` lines to OUT.
#
#   git apply tools/probes/identity-image-max.patch && mvn -B -ntp -o -q package -DskipTests
#   tools/identity_image_max.sh /tmp/q/digits-s11 /tmp/bound-s11.txt [fit options, e.g. --identity-part-share 0.5]
#   git checkout samlad-core && mvn -B -ntp -o -q package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$1/digit_anatomy
out=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAMLAD_JAVA_OPTS=-Dsamlad.probeIdentity=1
"$root/samlad" fit --train "$data/train/good" --out "$work/bank" "$@" 2>&1 | grep '^PROBE identity' \
  | awk '{split($3, v, "="); split($4, e, "="); if (!(e[2] in m) || v[2] > m[e[2]]) m[e[2]] = v[2]}
         END {for (k in m) printf "train %03d %s\n", k, m[k]}' | sort > "$work/out.txt"
largest() {
  "$root/samlad" predict --bank "$work/bank" --out "$work/p" --overwrite "$1" 2>&1 | grep '^PROBE identity' \
    | awk '{split($3, v, "="); if (NR == 1 || v[2] > m) m = v[2]} END {print (NR ? m : 0)}'
}
for f in "$data"/validation/good/*.png; do
  echo "val $(basename "$f" .png) $(largest "$f")" >> "$work/out.txt"
done
for f in $(grep ',zero,' "$data/anomalies.csv" | cut -d, -f1); do
  echo "zero $(basename "$f" .png) $(largest "$data/$f")" >> "$work/out.txt"
done
mv "$work/out.txt" "$out"

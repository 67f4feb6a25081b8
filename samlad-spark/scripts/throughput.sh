#!/usr/bin/env bash
# Throughput of `samlad spark inspect --master local[N]` against `samlad predict --threads N` on the same images,
# interleaved (A, B, A, B, ...) so that a machine shared with other work slows both alike.
# Usage: samlad-spark/scripts/throughput.sh BANK IMAGE_DIR [ROUNDS] [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bank="$1"; images="$2"; rounds="${3:-2}"; n="${4:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
count=$(find "$images" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.bmp' -o -iname '*.tif' -o -iname '*.tiff' \) | wc -l)
echo "images: $count; rounds: $rounds; parallelism: $n"
for r in $(seq "$rounds"); do
  t0=$(date +%s.%N)
  "$root/samlad" predict --bank "$bank" --threads "$n" --no-maps --no-overlays --out "$work/predict-$r" "$images" >/dev/null
  t1=$(date +%s.%N)
  line=$("$root/samlad" spark inspect --master "local[$n]" --bank "$bank" --input "$images" --out "$work/spark-$r.parquet" 2>/dev/null)
  t2=$(date +%s.%N)
  job=$(sed -E 's/.*job ([0-9.]+) s.*/\1/' <<<"$line")
  start=$(sed -E 's/.*Spark start ([0-9.]+) s.*/\1/' <<<"$line")
  awk -v r="$r" -v p="$(echo "$t1 - $t0" | bc)" -v s="$(echo "$t2 - $t1" | bc)" -v j="$job" -v st="$start" -v c="$count" \
    'BEGIN { printf "round %d: predict %.1f s (%.2f img/s) | spark wall %.1f s, session start %.1f s, job %.1f s (%.2f img/s) | ratio job %.2f, wall %.2f\n", r, p, c/p, s, st, j, c/j, p/j, p/s }'
done

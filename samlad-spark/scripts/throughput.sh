#!/usr/bin/env bash
# Throughput of `samlad spark inspect --master local[N]` against `samlad predict --threads N` on the same images,
# interleaved (A, B, A, B, ...) so that a machine shared with other work slows both alike. Prints wall-clock and CPU
# seconds (user + system: what each run cost the machine, which contention does not inflate much).
# Usage: samlad-spark/scripts/throughput.sh BANK IMAGE_DIR [ROUNDS] [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bank="$1"; images="$2"; rounds="${3:-2}"; n="${4:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
count=$(find "$images" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.bmp' -o -iname '*.tif' -o -iname '*.tiff' \) | wc -l)
echo "images: $count; rounds: $rounds; parallelism: $n"
TIMEFORMAT='%R %U %S'
for r in $(seq "$rounds"); do
  read -r pw pu ps < <({ time "$root/samlad" predict --bank "$bank" --threads "$n" --no-maps --no-overlays \
      --out "$work/predict-$r" "$images" >/dev/null 2>&1; } 2>&1)
  { time "$root/samlad" spark inspect --master "local[$n]" --bank "$bank" --input "$images" \
      --out "$work/spark-$r.parquet" >"$work/line" 2>/dev/null; } 2>"$work/time"
  read -r sw su ss < "$work/time"
  line=$(cat "$work/line")
  job=$(sed -E 's/.*job ([0-9.]+) s.*/\1/' <<<"$line")
  start=$(sed -E 's/.*Spark start ([0-9.]+) s.*/\1/' <<<"$line")
  awk -v r="$r" -v pw="$pw" -v pc="$(echo "$pu + $ps" | bc)" -v sw="$sw" -v sc="$(echo "$su + $ss" | bc)" \
      -v j="$job" -v st="$start" -v c="$count" 'BEGIN {
    printf "round %d: predict wall %.1f s cpu %.1f s | spark wall %.1f s (session start %.1f s, job %.1f s) cpu %.1f s\n", r, pw, pc, sw, st, j, sc
    printf "round %d: throughput ratio spark/predict: job-only %.2f, end-to-end %.2f; cpu per image predict %.3f s, spark %.3f s\n", r, pw/j, pw/sw, pc/c, sc/c }'
done

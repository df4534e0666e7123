#!/usr/bin/env bash
# The read floor as users meet it (issue 16): for each dense CSV given, REPS times in turn, a fresh JVM
# runs the naive Spark read (textFile + split + parseDouble, `bench/run.sh scan --file`) and another
# runs `bin/randnla scan`. Prints one Markdown row per run: the naive action's seconds, scan's read
# seconds (summary.json seconds.read) and both wall times (JVM and Spark start included), the ratio
# naive / scan read and scan's MB/s per core.
#   bench/scripts/read-floor.sh [--reps N] FILE_OR_DIR...
# Environment: CORES (default 2; the per-core rate divides by it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reps=3
if [ "${1:-}" = --reps ]; then reps="$2"; shift 2; fi
[ $# -gt 0 ] || { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
cores="${CORES:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "| input | MB | naive read s (wall) | scan read s (wall) | naive / scan | scan MB/s per core | load |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for input in "$@"; do
  bytes=$(du -sb --apparent-size "$input" | cut -f1)
  for _ in $(seq "$reps"); do
    t0=$(date +%s.%N)
    naive=$(BENCH_MASTER='local[*]' "$root/bench/run.sh" scan --file="$input" 2>/dev/null | awk '/naive-read-seconds/ {print $2}')
    t1=$(date +%s.%N)
    rm -rf "$work/out"
    "$root/bin/randnla" scan --input "$input" --output "$work/out" --quiet > /dev/null 2>&1
    t2=$(date +%s.%N)
    read_s=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['seconds']['read'])" "$work/out/summary.json")
    python3 - "$input" "$bytes" "$naive" "$t0" "$t1" "$read_s" "$t2" "$cores" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
name, b, naive, t0, t1, read, t2, cores, load = sys.argv[1:]
b, naive, t0, t1, read, t2, cores = int(b), float(naive), float(t0), float(t1), float(read), float(t2), int(cores)
print(f"| {name} | {b/1e6:.0f} | {naive:.2f} ({t1-t0:.1f}) | {read:.2f} ({t2-t1:.1f}) | {naive/read:.2f} | {b/1e6/read/cores:.0f} | {load} |")
PY
  done
done

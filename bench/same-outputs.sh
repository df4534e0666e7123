#!/usr/bin/env bash
# The "no behaviour change" check: runs every job with every method and option a user would use on
# small generated matrices with fixed seeds, and compares two such runs file by file, byte for byte.
#
#   bench/same-outputs.sh [run] [LAUNCHER] OUT      run everything into OUT (must be absent or empty)
#   bench/same-outputs.sh compare DIR_A DIR_B       list every file that differs; exit 1 if any does
#   bench/same-outputs.sh list                      print the runs (name, expected exit code, command)
#
# LAUNCHER: bin/randnla of any checkout (default: this checkout's), a checkout's root folder, or a
# randnla-jobs jar (run with this checkout's bin/randnla and conf/, and the classpath.txt beside the
# jar, else this checkout's jobs/target/classpath.txt). The jar must already be built.
# Options before OUT: --only REGEX (only the runs whose name matches; for debugging the harness).
# Environment: MASTER (default local[2]), SPARK_LOCAL_IP (default 127.0.0.1).
#
# Every run works in OUT/out with relative paths, so no path of OUT ends up in any output:
#   OUT/out/NAME/          the job's output directory (generated inputs are runs too: gen-*)
#   OUT/logs/NAME.stdout   what the job printed (compared); NAME.stderr (progress, not compared);
#   OUT/logs/NAME.error    the "randnla JOB: ..." message lines of stderr (compared)
#   OUT/runs.txt           name, exit code and command line of every run (compared)
#   OUT/timings.tsv        seconds per run (not compared); OUT/launcher.txt (not compared)
#
# compare reads two such folders and lists every file that is not byte for byte the same after
# taking out what differs between two runs of the same build (see content() below): the sections
# `seconds` and `spark` (application id, row-cache memory) and the fields `version` and `blas` of
# every summary.json; the output folder's own absolute path (bad-row reports, demo); wall-clock
# seconds in demo's stdout; the uuid in Spark's part-NNNNN-<uuid>-cNNN.* file names; Hadoop's .*.crc
# side files; and in Parquet footers the order of each column chunk's encoding list (parquet-mr
# writes a HashSet of enum constants, whose order follows identity hash codes: a new order per JVM).
# It skips *.stderr, timings.tsv, launcher.txt and .launcher/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# ---------------------------------------------------------------------------------------- compare
compare() {
  python3 - "$1" "$2" <<'PY'
import json, os, re, sys

UUID = re.compile(r'-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
SKIP_FILES = {'timings.tsv', 'launcher.txt'}

# summary.json: what is removed before comparing.
DROP_TOP = {'seconds',   # wall-clock timings of every stage
            'spark',     # appId (local-<start time>), master, Spark version, parallelism, rowCache
            'version',   # the project's version
            'blas'}      # which BLAS/LAPACK implementation was loaded (machine, not code)

def normalise(obj):
    if isinstance(obj, dict):
        for k in DROP_TOP:
            obj.pop(k, None)
    return obj

# Parquet: parquet-mr writes each column chunk's set of encodings (and the encoding statistics) in
# the iteration order of a HashSet of enum constants, i.e. by identity hash codes, which differ from
# one JVM to the next: the same data give files that differ in the order of two numbers in the footer.
# The footer (Thrift compact protocol) is therefore decoded and those lists sorted; the data pages
# before it are compared byte for byte.
def thrift_compact(buf, pos):
    def varint():
        nonlocal pos
        shift = result = 0
        while True:
            b = buf[pos]; pos += 1
            result |= (b & 0x7f) << shift
            shift += 7
            if not b & 0x80:
                return result
    def zigzag():
        n = varint()
        return (n >> 1) ^ -(n & 1)
    def value(t):
        nonlocal pos
        if t in (1, 2):
            return t == 1
        if t == 3:
            pos += 1
            return buf[pos - 1]
        if t in (4, 5, 6):
            return zigzag()
        if t == 7:
            pos += 8
            return bytes(buf[pos - 8:pos])
        if t == 8:
            n = varint()
            pos += n
            return bytes(buf[pos - n:pos])
        if t in (9, 10):
            h = buf[pos]; pos += 1
            n, et = h >> 4, h & 0x0f
            if n == 15:
                n = varint()
            out = []
            for _ in range(n):
                if et in (1, 2):
                    pos += 1
                    out.append(buf[pos - 1] == 1)
                else:
                    out.append(value(et))
            return out
        if t == 11:
            n = varint()
            if n == 0:
                return []
            h = buf[pos]; pos += 1
            return [(value(h >> 4), value(h & 0x0f)) for _ in range(n)]
        if t == 12:
            fields, last = {}, 0
            while True:
                h = buf[pos]; pos += 1
                if h == 0:
                    return fields
                delta, ft = h >> 4, h & 0x0f
                fid = last + delta if delta else zigzag()
                last = fid
                fields[fid] = value(ft)
        raise ValueError(f'thrift type {t} at {pos}')
    return value(12)

def parquet_canonical(data):
    if len(data) < 12 or data[:4] != b'PAR1' or data[-4:] != b'PAR1':
        return data
    n = int.from_bytes(data[-8:-4], 'little')
    start = len(data) - 8 - n
    try:
        meta = thrift_compact(data, start)
    except (IndexError, ValueError):
        return data
    for group in meta.get(4, []):                      # FileMetaData.row_groups
        for chunk in group.get(1, []):                 # RowGroup.columns
            cmd = chunk.get(3)                         # ColumnChunk.meta_data
            if isinstance(cmd, dict):
                if 2 in cmd:                           # ColumnMetaData.encodings
                    cmd[2] = sorted(cmd[2])
                if 13 in cmd:                          # ColumnMetaData.encoding_stats
                    cmd[13] = sorted(cmd[13], key=repr)
    return data[:start] + repr(meta).encode()

def files(top):
    out = {}
    for d, dirs, names in os.walk(top):
        if d == top and '.launcher' in dirs:
            dirs.remove('.launcher')                   # the wrapper made for a jar launcher
        dirs.sort()
        for n in names:
            rel = os.path.relpath(os.path.join(d, n), top)
            if n.endswith('.crc') and n.startswith('.'):
                continue
            if rel in SKIP_FILES or n.endswith('.stderr'):
                continue
            key = UUID.sub('', rel)
            if key in out:
                sys.exit(f'{top}: two files read as {key}')
            out[key] = rel
    return out

def content(top, rel):
    path = os.path.join(top, rel)
    with open(path, 'rb') as f:
        data = f.read()
    if rel.endswith('.parquet'):
        return parquet_canonical(data)
    # the output folder's own absolute path (e.g. file names in bad-row reports, demo's inputs)
    for p in {os.path.abspath(top), os.path.realpath(top)}:
        data = data.replace(p.encode(), b'<OUT>')
    if rel.endswith('.stdout'):
        # demo prints wall-clock seconds beside its results, in a column padded to the number's width
        data = b'\n'.join(re.sub(rb'\d+\.\d+', b'#', line).rstrip() if re.search(rb'seconds|finished in', line) else line
                          for line in data.split(b'\n'))
    if os.path.basename(rel) == 'summary.json':
        try:
            doc = json.loads(data)
        except ValueError:
            return data
        return json.dumps(normalise(doc), indent=1, sort_keys=False).encode()
    return data

a, b = sys.argv[1], sys.argv[2]
for d in (a, b):
    if not os.path.isfile(os.path.join(d, 'runs.txt')):
        sys.exit(f'{d}: not an output of bench/same-outputs.sh (no runs.txt)')
fa, fb = files(a), files(b)
only_a = sorted(set(fa) - set(fb))
only_b = sorted(set(fb) - set(fa))
differ = [k for k in sorted(set(fa) & set(fb)) if content(a, fa[k]) != content(b, fb[k])]
for k in only_a:
    print(f'only in {a}: {k}')
for k in only_b:
    print(f'only in {b}: {k}')
for k in differ:
    print(f'differs: {k}')
same = len(set(fa) & set(fb)) - len(differ)
print(f'{same} files identical, {len(differ)} differ, {len(only_a)} only in {a}, {len(only_b)} only in {b}')
sys.exit(1 if differ or only_a or only_b else 0)
PY
}

# ------------------------------------------------------------------------------------------- runs
# run NAME EXPECTED_EXIT JOB [options...]: every job gets --master $MASTER; every run's output is NAME.
runs() {
  local P=(--min-partitions 3) S=(--seed 7)
  # Inputs: every generator kind; csv (3 part files each), tsv, libsvm, parquet; --digits, --order sorted.
  run gen-spiked 0 generate --kind spiked --rows 12000 --cols 30 --gap 4 --seed 101 --partitions 3
  run gen-lowrank 0 generate --kind lowrank --rows 8192 --cols 24 --rank 24 --kappa 1e6 --seed 103 --partitions 3
  run gen-lowrank-ill 0 generate --kind lowrank --rows 3000 --cols 12 --rank 10 --kappa 1e12 --format tsv --seed 104 --partitions 3
  run gen-heavy-sorted 0 generate --kind heavy-rows --rows 12000 --cols 20 --heavy 5 --order sorted --seed 105 --partitions 3
  run gen-regression 0 generate --kind regression --rows 10000 --cols 20 --kappa 1e4 --residual 0.5 --seed 106 --partitions 3
  run gen-regression-parquet 0 generate --kind regression --rows 6000 --cols 12 --format parquet --seed 108 --partitions 3
  run gen-regression-libsvm 0 generate --kind regression --rows 8000 --cols 20 --format libsvm --digits 8 --seed 109 --partitions 3
  run gen-sparse 0 generate --kind sparse --rows 20000 --cols 60 --nnz-per-row 8 --spike-support 6 --format libsvm --seed 110 --partitions 3
  run gen-leverage 0 generate --kind leverage --rows 6000 --cols 10 --alpha 2 --seed 111 --partitions 3
  run gen-duplicated 0 generate --kind duplicated --rows 3000 --cols 8 --kappa 3 --seed 112 --partitions 3
  run gen-blocks 0 generate --kind blocks --rows 6000 --cols 30 --rank 3 --block-rows 100 --groups 4 --header --seed 113 --partitions 3
  run gen-noise 0 generate --kind noise --rows 4000 --cols 60 --spikes 6,3 --seed 114 --partitions 3
  run gen-sparse-regression 0 generate --kind sparse-regression --rows 4000 --cols 30 --sparsity 4 --noise 0.2 --seed 115 --partitions 3
  run gen-sparse-regression-correlated-libsvm 0 generate --kind sparse-regression --rows 3000 --cols 25 --sparsity 3 --noise 1e-3 --kappa 1e3 --format libsvm --seed 116 --partitions 3
  run gen-sparse-regression-ill-libsvm 0 generate --kind sparse-regression --rows 2000 --cols 20 --sparsity 3 --noise 1e-6 --kappa 1e8 --format libsvm --seed 117 --partitions 3
  real_csv real-csv   # a hand-written CSV: header, id/key/label columns, quotes, a blank line, CRLF, bad rows

  run scan-real-skip 0 scan --input real-csv --header --id-col id --key-col region --label-col target --bad-rows skip "${P[@]}" "${S[@]}"

  run shuffle-heavy 0 shuffle --input gen-heavy-sorted --files 3 "${P[@]}" "${S[@]}"
  run shuffle-sparse 0 shuffle --input gen-sparse "${P[@]}" "${S[@]}"
  run shuffle-real-to-parquet 0 shuffle --input real-csv --header --id-col id --key-col region --label-col target --bad-rows skip --output-format parquet "${P[@]}" "${S[@]}"

  run gram-spiked 0 gram --input gen-spiked "${P[@]}" "${S[@]}"
  run gram-sparse-center 0 gram --input gen-sparse --cols 60 --center "${P[@]}" "${S[@]}"

  run qr-tsqr-q-csv 0 qr --input gen-lowrank --q --row-output-format csv "${P[@]}" "${S[@]}"
  run qr-cholqr2-q 0 qr --input gen-lowrank --method cholqr2 --q --row-output-format csv "${P[@]}" "${S[@]}"
  run qr-randcholqr-q 0 qr --input gen-lowrank --method randcholqr --q "${P[@]}" "${S[@]}"
  run qr-cholqr2-refused 1 qr --input gen-lowrank-ill --method cholqr2 "${P[@]}" "${S[@]}"

  run svd-u 0 svd --input gen-lowrank --k 5 --u --row-output-format csv "${P[@]}" "${S[@]}"
  run svd-gram 0 svd --input gen-lowrank --method gram --k 4 "${P[@]}" "${S[@]}"
  run svd-rank-deficient-u 0 svd --input gen-lowrank-ill --k 12 --u "${P[@]}" "${S[@]}"

  run pca-tsqr 0 pca --input gen-spiked --k 3 "${P[@]}" "${S[@]}"
  run pca-gram 0 pca --input gen-spiked --method gram --k 3 "${P[@]}" "${S[@]}"

  run eigen-auto 0 eigen --input gen-spiked "${P[@]}" "${S[@]}"
  run eigen-exact-k2-center-verify 0 eigen --input gen-spiked --method exact --k 2 --center --verify "${P[@]}" "${S[@]}"
  run eigen-stream-verify 0 eigen --input gen-spiked --method stream --verify "${P[@]}" "${S[@]}"
  run eigen-stream-k2-center 0 eigen --input gen-spiked --method stream --k 2 --center --segments 8 "${P[@]}" "${S[@]}"
  run eigen-oja-verify 0 eigen --input gen-spiked --method oja --verify "${P[@]}" "${S[@]}"
  run eigen-lanczos-k2-verify 0 eigen --input gen-spiked --method lanczos --k 2 --tol 1e-12 --verify "${P[@]}" "${S[@]}"
  run eigen-stream-sorted 0 eigen --input gen-heavy-sorted --method stream --verify "${P[@]}" "${S[@]}"
  run eigen-stream-shuffled 0 eigen --input shuffle-heavy --method stream --verify "${P[@]}" "${S[@]}"
  run eigen-lanczos-sparse-center 0 eigen --input gen-sparse --cols 60 --method lanczos --k 2 --center --block 4 "${P[@]}" "${S[@]}"

  run spectrum-exact 0 spectrum --input gen-noise "${P[@]}" "${S[@]}"
  run spectrum-window-center-standardize 0 spectrum --input gen-noise --center --standardize --window 1000 "${P[@]}" "${S[@]}"
  run spectrum-slq 0 spectrum --input gen-noise --method slq --probes 8 --steps 20 --top 5 "${P[@]}" "${S[@]}"
  run spectrum-sparse-noplot 0 spectrum --input gen-sparse --cols 60 --bins 30 --no-plot "${P[@]}" "${S[@]}"

  run leverage-exact 0 leverage --input gen-leverage "${P[@]}" "${S[@]}"
  run leverage-approx 0 leverage --input gen-leverage --method approx "${P[@]}" "${S[@]}"
  run leverage-approx-osnap-k5 0 leverage --input gen-leverage --method approx --sketch osnap --sketch-nonzeros 2 --k 5 --sketch-rows 300 "${P[@]}" "${S[@]}"
  run leverage-ridge 0 leverage --input gen-leverage --method ridge --lambda 0.5 "${P[@]}" "${S[@]}"
  run leverage-lewis-p1-sample 0 leverage --input gen-duplicated --method lewis --p 1 --sample 300 --row-output-format csv "${P[@]}" "${S[@]}"
  run leverage-lewis-p4 0 leverage --input gen-duplicated --method lewis --p 4 "${P[@]}" "${S[@]}"
  run leverage-lewis-mixed-sample 0 leverage --input gen-regression --label-col 0 --method lewis --p 1.5 --sample 400 --sample-rule mixed "${P[@]}" "${S[@]}"
  run leverage-sample-csv 0 leverage --input gen-regression --label-col 0 --sample 1500 "${P[@]}" "${S[@]}"
  run leverage-sample-libsvm-rank-deficient 0 leverage --input gen-sparse --cols 60 --sample 2000 "${P[@]}" "${S[@]}"
  run leverage-sample-parquet 0 leverage --input gen-regression-parquet --label-col label --sample 800 "${P[@]}" "${S[@]}"

  local L=(--input gen-regression --label-col 0)
  run regress-default 0 regress "${L[@]}" "${P[@]}" "${S[@]}"
  run regress-precondition-osnap-cache-off 0 regress "${L[@]}" --sketch osnap --cache off "${P[@]}" "${S[@]}"
  run regress-exact 0 regress "${L[@]}" --solver exact "${P[@]}" "${S[@]}"
  run regress-sketch-countsketch 0 regress "${L[@]}" --solver sketch --sketch countsketch "${P[@]}" "${S[@]}"
  run regress-sketch-gaussian 0 regress "${L[@]}" --solver sketch --sketch gaussian --sketch-size 400 "${P[@]}" "${S[@]}"
  run regress-sketch-srht-no-evaluate 0 regress "${L[@]}" --solver sketch --sketch srht --no-evaluate "${P[@]}" "${S[@]}"
  run regress-sample 0 regress "${L[@]}" --solver sample --sample-size 1000 "${P[@]}" "${S[@]}"
  run regress-ihs-ridge 0 regress "${L[@]}" --solver ihs --sketch osnap --nnz-per-col 4 --ridge 0.01 "${P[@]}" "${S[@]}"
  run regress-ridge-intercept-residuals 0 regress "${L[@]}" --ridge 0.1 --intercept --residuals --row-output-format csv "${P[@]}" "${S[@]}"
  run regress-linf 0 regress "${L[@]}" --guarantee linf --eps 0.5 --delta 0.05 "${P[@]}" "${S[@]}"
  run regress-libsvm-residuals 0 regress --input gen-regression-libsvm --cols 20 --residuals "${P[@]}" "${S[@]}"
  run regress-parquet-exact 0 regress --input gen-regression-parquet --label-col label --solver exact "${P[@]}" "${S[@]}"
  run regress-coreset 0 regress --input leverage-sample-csv/coreset --id-col 0 --weight-col 1 --label-col 2 "${P[@]}" "${S[@]}"
  run regress-lasso-auto 0 regress --input gen-sparse-regression --label-col 0 --lasso --lambdas 12 "${P[@]}" "${S[@]}"
  run regress-lasso-libsvm-correlated 0 regress --input gen-sparse-regression-correlated-libsvm --cols 25 --lasso --sparse-method preconditioned --folds 4 "${P[@]}" "${S[@]}"
  run regress-lasso-libsvm-ill-refused 2 regress --input gen-sparse-regression-ill-libsvm --cols 20 --lasso "${P[@]}" "${S[@]}"
  run regress-lasso-intercept-residuals 0 regress --input gen-sparse-regression --label-col 0 --lasso --intercept --lambdas 12 --residuals --row-output-format csv "${P[@]}" "${S[@]}"
  run regress-lasso-ridge-intercept-libsvm 0 regress --input gen-sparse-regression-correlated-libsvm --cols 25 --lasso --intercept --ridge 50 --folds 4 "${P[@]}" "${S[@]}"
  run regress-sparsity-omp 0 regress --input gen-sparse-regression --label-col 0 --sparsity 4 --sparse-method omp "${P[@]}" "${S[@]}"
  run regress-sparsity-too-large 2 regress --input gen-sparse-regression --label-col 0 --sparsity 31 "${P[@]}" "${S[@]}"
  run regress-real-skip 0 regress --input real-csv --header --id-col id --key-col region --label-col target --bad-rows skip --intercept --residuals --row-output-format csv "${P[@]}" "${S[@]}"

  local C=(--input gen-blocks --header --key-col key --rank 3)
  run cluster-exact 0 cluster "${C[@]}" --algorithm exact --eps 0.05 "${P[@]}" "${S[@]}"
  run cluster-approximate 0 cluster "${C[@]}" --algorithm approximate --eps 0.05 "${P[@]}" "${S[@]}"
  run cluster-residual 0 cluster "${C[@]}" --algorithm residual --eps 0.05 "${P[@]}" "${S[@]}"
  run cluster-maxnorm-norm 0 cluster "${C[@]}" --algorithm maxnorm --order norm --eps 0.6 "${P[@]}" "${S[@]}"
  run cluster-block-rank-compressed 0 cluster "${C[@]}" --eps 0.05 --block-rank 4 --write-compressed --search-seconds 0 "${P[@]}" "${S[@]}"
  run cluster-by-file 0 cluster --input gen-lowrank --block-by file --rank 4 --eps 0.1 "${P[@]}" "${S[@]}"

  run demo 0 demo --seed 7
}

# A hand-written "real" CSV (header; id, string key and label columns; quoted fields; a blank line; a
# CRLF line; two malformed rows): bitwise the same on every run (Python's Mersenne Twister, repr).
real_csv() {
  local name=$1
  [[ -n "$ONLY" && ! "$name" =~ $ONLY ]] && return 0
  if [ "$LIST" = 1 ]; then printf '%-40s %s  %s\n' "$name" 0 "(python3: writes $name/data.csv)"; return 0; fi
  mkdir -p "$out/out/$name"
  python3 - "$out/out/$name/data.csv" <<'PY'
import random, sys
r = random.Random(20240518)
regions = ['north', 'south', 'east', 'west', 'centre']
w = [round(r.uniform(-2, 2), 3) for _ in range(8)]
with open(sys.argv[1], 'w', newline='') as f:
    f.write('id,region,target,' + ','.join(f'f{j}' for j in range(8)) + '\n')
    for i in range(3000):
        x = [r.gauss(0, 1) * (1 + j) for j in range(8)]
        y = sum(a * b for a, b in zip(w, x)) + r.gauss(0, 0.1)
        fields = [str(1000 + 3 * i), regions[(i * 7) % 5], repr(y)] + [repr(v) for v in x]
        if i % 97 == 5:
            fields[1] = '"' + fields[1] + '"'
            fields[4] = '"' + fields[4] + '"'
        line = ','.join(fields)
        if i == 1234:
            line = line.replace(fields[6], 'NaN')
        if i == 2345:
            line = line.replace(fields[7], '1.2.3')
        f.write(line + ('\r\n' if i == 17 else '\n'))
        if i == 999:
            f.write('\n')
PY
  printf '%s\t%s\t%s\n' "$name" 0 "python3 (hand-written CSV)" >> "$out/runs.txt"
  printf '%s\t%s\n' "$name" 0 >> "$out/timings.tsv"
}

run() {
  local name=$1 expect=$2; shift 2
  [[ -n "$ONLY" && ! "$name" =~ $ONLY ]] && return 0
  if [ "$LIST" = 1 ]; then printf '%-40s %s  %s\n' "$name" "$expect" "$*"; return 0; fi
  local job=$1; shift
  local dest=(--output "$name")
  [ "$job" = demo ] && dest=(--workdir "$name")   # demo writes its data and outputs into a folder
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  (cd "$out/out" && "$launcher" "$job" --master "$MASTER" "$@" "${dest[@]}") \
    > "$out/logs/$name.stdout" 2> "$out/logs/$name.stderr" || rc=$?
  t1=$(date +%s.%N)
  grep -E '^randnla [a-z]+: ' "$out/logs/$name.stderr" > "$out/logs/$name.error" || rm -f "$out/logs/$name.error"
  printf '%s\t%s\t%s\n' "$name" "$rc" "$job $* ${dest[*]}" >> "$out/runs.txt"
  local secs; secs=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
  printf '%s\t%s\n' "$name" "$secs" >> "$out/timings.tsv"
  local mark=""
  if [ "$rc" != "$expect" ]; then mark="  UNEXPECTED (expected exit $expect)"; unexpected+=("$name"); fi
  printf '%-40s exit %s %6ss%s\n' "$name" "$rc" "$secs" "$mark" >&2
}

# ------------------------------------------------------------------------------------------- main
MASTER="${MASTER:-local[2]}"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
ONLY=""
LIST=0
case "${1:-}" in
  compare) shift; [ $# -eq 2 ] || usage; compare "$1" "$2"; exit $? ;;
  list) LIST=1; out=/nonexistent; runs; exit 0 ;;
  run) shift ;;
  ''|-h|--help) usage ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    -*) usage ;;
    *) break ;;
  esac
done
case $# in
  1) target="$root/bin/randnla"; out="$1" ;;
  2) target="$1"; out="$2" ;;
  *) usage ;;
esac

if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "same-outputs: $out exists and is not empty" >&2; exit 2
fi
mkdir -p "$out/out" "$out/logs"
out="$(cd "$out" && pwd)"

# The launcher: a checkout's bin/randnla, or a jar run through this checkout's bin/randnla and conf/.
if [ -d "$target" ]; then target="$target/bin/randnla"; fi
case "$target" in
  *.jar)
    [ -f "$target" ] || { echo "same-outputs: no jar $target" >&2; exit 2; }
    jar="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
    cp_file="$(dirname "$jar")/classpath.txt"
    [ -f "$cp_file" ] || cp_file="$root/jobs/target/classpath.txt"
    [ -f "$cp_file" ] || { echo "same-outputs: no classpath.txt beside $jar or in $root/jobs/target" >&2; exit 2; }
    wrapper="$out/.launcher"
    mkdir -p "$wrapper/bin" "$wrapper/jobs/target"
    cp "$root/bin/randnla" "$wrapper/bin/randnla"
    ln -s "$root/conf" "$wrapper/conf"
    ln -s "$jar" "$wrapper/jobs/target/randnla-jobs-0.1.0.jar"
    ln -s "$cp_file" "$wrapper/jobs/target/classpath.txt"
    launcher="$wrapper/bin/randnla"
    ;;
  *)
    [ -x "$target" ] || { echo "same-outputs: $target is not executable" >&2; exit 2; }
    launcher="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
    checkout="$(dirname "$(dirname "$launcher")")"
    if [ "$(basename "$launcher")" = randnla ] && ! ls "$checkout"/jobs/target/randnla-jobs-*.jar > /dev/null 2>&1; then
      echo "same-outputs: $checkout has no jar; build it first (mvn -B -q -o -DskipTests package -pl common,jobs)" >&2
      exit 2
    fi
    jar="$(ls "$checkout"/jobs/target/randnla-jobs-*.jar 2>/dev/null | grep -v -e original- -e -sources -e -tests | head -1 || true)"
    ;;
esac
{
  echo "launcher: $launcher"
  [ -n "${jar:-}" ] && echo "jar: $jar $(sha256sum "$jar" | cut -d' ' -f1)"
  [ -n "${checkout:-}" ] && git -C "$checkout" log -1 --format='commit: %H %s' 2>/dev/null || true
  [ -n "${checkout:-}" ] && [ -n "$(git -C "$checkout" status --porcelain --untracked-files=no 2>/dev/null)" ] && echo "commit has local changes"
  echo "master: $MASTER"
  echo "started: $(date -u +%FT%TZ)"
} > "$out/launcher.txt"

unexpected=()
start=$(date +%s)
runs
end=$(date +%s)
echo "finished: $(date -u +%FT%TZ) ($((end - start)) s)" >> "$out/launcher.txt"
echo "same-outputs: $(wc -l < "$out/runs.txt") runs in $((end - start)) s into $out" >&2
if [ ${#unexpected[@]} -gt 0 ]; then
  echo "same-outputs: unexpected exit codes: ${unexpected[*]} (see $out/logs/NAME.stderr)" >&2
  exit 1
fi

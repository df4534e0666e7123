#!/usr/bin/env bash
# Runs one benchmark case: bench/run.sh CASE [options]   (bench/run.sh --help lists the cases)
# Builds the bench module (Maven profile 'bench') when needed. Results are printed as Markdown and
# appended to bench/results/CASE-DATE.md; copy them into bench/RESULTS.md with the machine and date.
# Environment: BENCH_DRIVER_MEMORY (default 8g), BENCH_MASTER (default local[2]). Spark settings: conf/spark-defaults.conf.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/bench/target/classpath.txt" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  (cd "$root" && mvn -B -q -Pbench -DskipTests package) >&2
fi
flags=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  flags+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
flags+=(--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
        -Dio.netty.allocator.type=pooled --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
# conf/spark-defaults.conf as system properties, as bin/randnla runs the jobs (Kryo, result sizes)
props=()
while read -r key value; do
  case "$key" in ''|\#*) continue ;; esac
  props+=("-D$key=$value")
done < "$root/conf/spark-defaults.conf"
export SPARK_LOCAL_IP=127.0.0.1 OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
exec java "${flags[@]}" "${props[@]}" -Xmx"${BENCH_DRIVER_MEMORY:-8g}" -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -Dspark.master="${BENCH_MASTER:-local[2]}" -Dbench.root="$root/bench" \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" dev.randnla.bench.Bench "$@"

#!/usr/bin/env bash
# Side-by-side benchmark: `tokensieve analyze --json` against ccusage on the same generated
# Claude Code corpus, alternating the two, reporting the median wall-time ratio and each one's
# peak memory (maximum resident set size, from /usr/bin/time -v).
#
#   bench/run.sh [SIZE_MB] [RUNS]        defaults: 500 MB, 5 runs each
#   BENCH_DIR=/tmp/tsbench bench/run.sh  where corpora and logs go (default bench/out, ignored by git)
#   JAVA_OPTS="-Xmx512m" bench/run.sh    JVM options for tokensieve (default below)
#
# Needs: Java 17, Maven (to build the jar if missing), /usr/bin/time (Debian package `time`),
# node/npm for ccusage (../shared/tools/ccusage.sh installs it once).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-500}
runs=${2:-5}
out=${BENCH_DIR:-$root/bench/out}
java_opts=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
jar=$root/cli/target/tokensieve.jar
ccusage=$root/../shared/tools/ccusage.sh
mkdir -p "$out"

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)

corpus=$out/corpus-${size}mb
if [ ! -d "$corpus/projects" ]; then
  echo "bench: generating a ${size} MB Claude Code corpus in $corpus" >&2
  java -jar "$jar" generate --out "$corpus" --size "${size}MB" --seed 42 --format claude-code >&2
fi
bytes=$(du -sb "$corpus" | cut -f1)

# one warm-up each (ccusage installs itself on first use; page cache warms for both)
java $java_opts -jar "$jar" analyze "$corpus" --json --no-progress >/dev/null 2>&1 || true
bash "$ccusage" claude "$corpus" >/dev/null 2>&1 || true

measure() { # name logfile cmd...
  local name=$1 log=$2; shift 2
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { echo "bench: $name failed, see $log" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  echo "$name $wall $rss"
}

results=$out/results-${size}mb.txt
: >"$results"
for i in $(seq "$runs"); do
  if (( i % 2 )); then
    measure tokensieve "$out/ts.$i.log" java $java_opts -jar "$jar" analyze "$corpus" --json --no-progress >>"$results"
    measure ccusage "$out/cc.$i.log" bash "$ccusage" claude "$corpus" >>"$results"
  else
    measure ccusage "$out/cc.$i.log" bash "$ccusage" claude "$corpus" >>"$results"
    measure tokensieve "$out/ts.$i.log" java $java_opts -jar "$jar" analyze "$corpus" --json --no-progress >>"$results"
  fi
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ts_wall=$(awk '$1=="tokensieve" {print $2}' "$results" | median)
cc_wall=$(awk '$1=="ccusage" {print $2}' "$results" | median)
ts_rss=$(awk '$1=="tokensieve" {print $3}' "$results" | sort -n | tail -1)
cc_rss=$(awk '$1=="ccusage" {print $3}' "$results" | sort -n | tail -1)
awk -v b="$bytes" -v tw="$ts_wall" -v cw="$cc_wall" -v tr="$ts_rss" -v cr="$cc_rss" -v n="$runs" 'BEGIN {
  printf "corpus: %.0f MB, %d runs each, alternating\n", b/1048576, n
  printf "tokensieve analyze --json: median %.2f s (%.0f MB/s), peak RSS %.0f MB\n", tw, b/1048576/tw, tr/1024
  printf "ccusage claude session:    median %.2f s (%.0f MB/s), peak RSS %.0f MB\n", cw, b/1048576/cw, cr/1024
  printf "median wall-time ratio tokensieve/ccusage: %.2f\n", tw/cw
}' | tee "$out/summary-${size}mb.txt"

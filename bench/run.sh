#!/usr/bin/env bash
# Side-by-side benchmark: `tokensieve analyze --json` (through bin/tokensieve, the documented
# command) against ccusage on the same generated Claude Code corpus, ALTERNATING the two, and
# reporting the median wall-time ratio and each one's peak memory (maximum resident set size,
# from /usr/bin/time -v). Also checks every tokensieve run printed the same bytes.
#
#   bench/run.sh [SIZE_MB] [RUNS]        defaults: 500 MB, 5 runs each
#   BENCH_DIR=/tmp/tsbench bench/run.sh  where corpora and logs go (default bench/out, ignored by git)
#   JAVA_OPTS="-XX:+UseSerialGC" bench/run.sh     extra JVM options (after bin/tokensieve's own)
#   TS_ARGS="--no-detectors" bench/run.sh         extra analyze options (this one is hidden: it
#                                                 measures the detectors' share of the time)
#   PEER=none bench/run.sh               skip ccusage (e.g. to compare two tokensieve settings)
#   TOKENSIEVE_DAEMON=off bench/run.sh   one-shot runs, each in its own JVM (bin/tokensieve's
#                                        daemon is on by default)
#
# With the daemon, /usr/bin/time sees only the client JVM. So each run's CPU here adds the CPU
# the daemon used meanwhile (from /proc), and the summary gives the daemon's peak RSS beside the
# client's. Any daemon is stopped first: the warm-up run starts a fresh one, so the first
# measured run is the daemon's first, with its JIT still cold.
#
# Needs: Java 17, Maven (to build the jar if missing), /usr/bin/time (Debian package `time`),
# node/npm for ccusage (../shared/tools/ccusage.sh installs it once). The machine should be idle:
# the summary records the load average before and after.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-500}
runs=${2:-5}
out=${BENCH_DIR:-$root/bench/out}
ts_args=${TS_ARGS:-}
peer=${PEER:-ccusage}
jar=$root/cli/target/tokensieve.jar
tokensieve=$root/bin/tokensieve
ccusage=${CCUSAGE:-$root/../shared/tools/ccusage.sh}
mkdir -p "$out"

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)

# The generator writes DIR/claude-code/projects/...; both tools read DIR/claude-code.
corpus=$out/corpus-${size}mb
if [ ! -d "$corpus/claude-code/projects" ]; then
  echo "bench: generating a ${size} MB Claude Code corpus in $corpus" >&2
  java -jar "$jar" generate --out "$corpus" --size "${size}MB" --seed 42 >&2
fi
traces=$corpus/claude-code
bytes=$(du -sb "$traces" | cut -f1)

# shellcheck disable=SC2086 # TS_ARGS is a list of options
ts_cmd=("$tokensieve" analyze "$traces" --json --no-progress $ts_args)
cc_cmd=(bash "$ccusage" claude "$traces")

daemon_pids() { pgrep -f 'dev[.]tokensieve[.]cli[.]DaemonServer' || true; }
daemon_ticks() { # CPU ticks (user + system) of the running daemons
  local pid t=0
  for pid in $(daemon_pids); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
"$tokensieve" daemon stop >/dev/null 2>&1 || true
while [ -n "$(daemon_pids)" ]; do sleep 0.1; done

# one warm-up each (ccusage installs itself on first use; the page cache warms for both)
"${ts_cmd[@]}" >"$out/ts.reference.json" 2>/dev/null
[ "$peer" = none ] || "${cc_cmd[@]}" >/dev/null 2>&1

measure() { # name logfile cmd...
  local name=$1 log=$2; shift 2
  local before after
  before=$(daemon_ticks)
  /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { echo "bench: $name failed, see $log" >&2; exit 1; }
  after=$(daemon_ticks)
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  cpu=$(awk -F': ' -v d=$((after > before ? after - before : 0)) -v hz="$(getconf CLK_TCK)" \
    '/User time|System time/ {s+=$2} END {print s + d/hz}' "$log")
  if [ "$name" = tokensieve ] && ! cmp -s "$log.out" "$out/ts.reference.json"; then
    echo "bench: tokensieve output differs between runs: $log.out" >&2; exit 1
  fi
  rm -f "$log.out"
  echo "$name $wall $rss $cpu"
}

results=$out/results-${size}mb.txt
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$results"
for i in $(seq "$runs"); do
  if (( i % 2 )) || [ "$peer" = none ]; then
    measure tokensieve "$out/ts.$i.log" "${ts_cmd[@]}" >>"$results"
    [ "$peer" = none ] || measure ccusage "$out/cc.$i.log" "${cc_cmd[@]}" >>"$results"
  else
    measure ccusage "$out/cc.$i.log" "${cc_cmd[@]}" >>"$results"
    measure tokensieve "$out/ts.$i.log" "${ts_cmd[@]}" >>"$results"
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
daemon_rss=0
for pid in $(daemon_pids); do # peak resident set of the daemon, in KB
  daemon_rss=$(awk -v m="$daemon_rss" '/^VmHWM/ {print ($2 > m ? $2 : m)}' "/proc/$pid/status")
done
"$tokensieve" daemon stop >/dev/null 2>&1 || true

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ts_wall=$(awk '$1=="tokensieve" {print $2}' "$results" | median)
ts_cpu=$(awk '$1=="tokensieve" {print $4}' "$results" | median)
ts_rss=$(awk '$1=="tokensieve" {print $3}' "$results" | sort -n | tail -1)
cc_wall=$(awk '$1=="ccusage" {print $2}' "$results" | median)
cc_cpu=$(awk '$1=="ccusage" {print $4}' "$results" | median)
cc_rss=$(awk '$1=="ccusage" {print $3}' "$results" | sort -n | tail -1)
awk -v b="$bytes" -v tw="$ts_wall" -v tc="$ts_cpu" -v tr="$ts_rss" -v cw="$cc_wall" -v cc="$cc_cpu" \
    -v cr="${cc_rss:-0}" -v n="$runs" -v peer="$peer" -v args="$ts_args" -v opts="${JAVA_OPTS:-}" \
    -v lb="$load_before" -v la="$load_after" -v cores="$(nproc)" -v dr="$daemon_rss" 'BEGIN {
  printf "corpus: %.0f MB of Claude Code traces, %d runs each, alternating; %d cores\n", b/1048576, n, cores
  printf "load average before: %s, after: %s\n", lb, la
  printf "tokensieve analyze --json %s(JAVA_OPTS=%s): median %.2f s wall (%.0f MB/s), %.2f s CPU, peak RSS %.0f MB\n", args, opts, tw, b/1048576/tw, tc, tr/1024
  if (dr > 0) printf "  through the daemon: CPU includes the daemon CPU; peak RSS %.0f MB client, %.0f MB daemon\n", tr/1024, dr/1024
  else printf "  one-shot: every run in its own JVM\n"
  if (peer != "none") {
    printf "ccusage claude session --json:  median %.2f s wall (%.0f MB/s), %.2f s CPU, peak RSS %.0f MB\n", cw, b/1048576/cw, cc, cr/1024
    printf "median wall-time ratio tokensieve/ccusage: %.2f\n", tw/cw
  }
}' | tee "$out/summary-${size}mb.txt"

#!/usr/bin/env bash
# Extracts the public labelled agent runs that the outcome model is trained on from bare git
# snapshots of their repositories into OUT/<run>/, one folder per (agent, model) run:
#   OUT/<run>/trajs/...        the trajectories, byte for byte (git show COMMIT:PATH)
#   OUT/<run>/outcomes.json    {"<instance id>": true|false}: SWE-bench "resolved"
#   OUT/<run>/run.properties   repo, commit, run path, agent, model, licence
# Then build the features CSV with: tokensieve train --runs OUT (see README.md).
#
# Usage: datasets/real/extract.sh MULTI_SWE_BENCH_EXPERIMENTS_GIT GRUCKION_MINI_SWE_AGENT_GIT OUT
# Each *_GIT is a bare clone (or a work tree's .git) of:
#   https://github.com/multi-swe-bench/experiments  at 89888f1604001fcd80b0799a37af42a1bfebfd8f
#   https://github.com/gruckion/mini-swe-agent       at d12a71affd95403b036b2bdbd827349b77bfffb9
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 MULTI_SWE_BENCH_EXPERIMENTS_GIT GRUCKION_MINI_SWE_AGENT_GIT OUT" >&2
  exit 2
fi
MSB=$1 MINI=$2 OUT=$3
MSB_COMMIT=89888f1604001fcd80b0799a37af42a1bfebfd8f
MINI_COMMIT=d12a71affd95403b036b2bdbd827349b77bfffb9
mkdir -p "$OUT"

for g in "$MSB:$MSB_COMMIT" "$MINI:$MINI_COMMIT"; do
  if ! git --git-dir="${g%%:*}" cat-file -e "${g##*:}^{commit}" 2>/dev/null; then
    echo "$0: ${g%%:*} does not hold commit ${g##*:}" >&2
    exit 1
  fi
done

# multi-swe-bench/experiments: SWE-agent runs on Multi-SWE-bench Java (verified). The
# gpt-4o-mini run is left out: its results.json evaluated 1 of 91 instances (90 "incomplete"),
# so its labels are not outcomes.
for run in 20240825_SWE-agent_deepseek-chat-v2 20240825_SWE-agent_deepseek-coder-v2 \
  20240825_SWE-agent_doubao-pro-128k 20240825_SWE-agent_gpt-4o-2024-05-13; do
  path=evaluation/java/verified/$run
  dir=$OUT/msb-java-$run
  mkdir -p "$dir/trajs"
  git --git-dir="$MSB" ls-tree --name-only "$MSB_COMMIT" "$path/trajs/" | while read -r f; do
    git --git-dir="$MSB" show "$MSB_COMMIT:$f" > "$dir/trajs/$(basename "$f")"
  done
  # resolved ids are successes; every other trajectory (unresolved, empty patch, error) a failure
  git --git-dir="$MSB" show "$MSB_COMMIT:$path/results/results.json" |
    python3 -c '
import json, os, sys
res = json.load(sys.stdin)
ok = set(res["resolved"])  # the list of resolved ids
ids = sorted(f[:-len(".traj")] for f in os.listdir(sys.argv[1]) if f.endswith(".traj"))
json.dump({i: i in ok for i in ids}, sys.stdout, indent=0, sort_keys=True)
' "$dir/trajs" > "$dir/outcomes.json"
  model=${run#20240825_SWE-agent_}
  cat > "$dir/run.properties" <<P
repo=multi-swe-bench/experiments
commit=$MSB_COMMIT
run=$path
agent=swe-agent
model=$model
benchmark=Multi-SWE-bench java verified
licence=ISC (declared in package.json; the repository has no LICENSE file)
P
done

# gruckion/mini-swe-agent: the official bash-only mini-swe-agent v1.15.0 run of
# gemini-3-pro-preview on SWE-bench Verified, all 500 instances.
path=swebench_results/20251118_gemini-3-pro-74pct
dir=$OUT/mini-swebench-verified-gemini-3-pro
mkdir -p "$dir/trajs"
git --git-dir="$MINI" ls-tree -r --name-only "$MINI_COMMIT" "$path/trajs/" | grep '\.traj\.json$' |
  while read -r f; do
    git --git-dir="$MINI" show "$MINI_COMMIT:$f" > "$dir/trajs/$(basename "$f")"
  done
git --git-dir="$MINI" show "$MINI_COMMIT:$path/results_summary.json" |
  python3 -c '
import json, sys
res = json.load(sys.stdin)
json.dump({i["instance_id"]: bool(i["resolved"]) for i in res["instances"]}, sys.stdout,
          indent=0, sort_keys=True)
' > "$dir/outcomes.json"
cat > "$dir/run.properties" <<P
repo=gruckion/mini-swe-agent
commit=$MINI_COMMIT
run=$path
agent=mini-swe-agent
model=gemini-3-pro-preview
benchmark=SWE-bench Verified
licence=MIT (LICENSE.md)
P
echo "extracted into $OUT:"
for d in "$OUT"/*/; do
  echo "  $(basename "$d"): $(ls "$d/trajs" | wc -l) trajectories"
done

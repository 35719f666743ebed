#!/usr/bin/env bash
# Measures this checkout's scan against a reference commit's, in the same run on the same machine:
# each builds, then ScanBenchmark runs alternately (reference, this) ROUNDS times on the fixture node
# (bench/fixture-node.sh) and on this machine (/), so both see the same load. Prints every run and
# the ratio of the medians (this / reference).
# Then the CLI's wall time (both jars, alternating), and with AGENT=1 bench/agent.sh on both builds.
# usage: [AGENT=1] bench/compare-scan.sh REF [ROUNDS] [WARM_SCANS]     e.g. bench/compare-scan.sh 0e016aa 5 2000
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
ref=$1
rounds=${2:-5}
warm=${3:-2000}
refdir=$(mktemp -d)
trap 'git worktree remove --force "$refdir" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$refdir" "$ref"
build() { (cd "$1" && ./mvnw -B -q -o -DskipTests package test-compile >&2 \
    && ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2); }
build "$refdir"
build .
node=$(bench/fixture-node.sh target/bench-node)
run() { # dir root proc
    java -cp "$1/target/classes:$1/target/test-classes:$(cat "$1/target/bench.classpath")" \
        io.nodeward.bench.ScanBenchmark "$2" "$3" "$warm" | awk -v who="$4" '/warm scans/ {print who, $0}'
}
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg), ref $ref, this $(git rev-parse --short HEAD)"
out=$(mktemp)
for i in $(seq "$rounds"); do
    run "$refdir" "$node" "$node/proc" "fixture ref " | tee -a "$out"
    run . "$node" "$node/proc" "fixture this" | tee -a "$out"
    run "$refdir" / /proc "machine ref " | tee -a "$out"
    run . / /proc "machine this" | tee -a "$out"
done
awk '{ for (i = 1; i <= NF; i++) if ($i == "median") m = $(i + 1); key = $1 " " $2; v[key] = v[key] " " m }
     END { for (k in v) print k ":" v[k] }' "$out" | sort | while IFS=: read -r key values; do
    median=$(tr ' ' '\n' <<<"$values" | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    echo "$key median of medians: $median ms"
done | tee "$out.medians"
awk '/ref/ {r[$1] = $(NF - 1)} /this/ {t[$1] = $(NF - 1)} END {for (k in r) printf "%s: this / ref = %.2f\n", k, t[k] / r[k]}' "$out.medians"

# The CLI, as bin/scan runs it: wall time of one `scan --format json` of the fixture node, alternating.
cli() { # dir: prints milliseconds
    local t0 t1
    t0=$(date +%s%N)
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$1/target/quarkus-app/quarkus-run.jar" scan \
        --host-root "$node" --format json >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
}
refs=() these=()
for _ in $(seq $((rounds * 3))); do
    refs+=("$(cli "$refdir")")
    these+=("$(cli .)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "CLI wall time, fixture node, $((rounds * 3)) runs each: ref median $(median "${refs[@]}") ms, this median $(median "${these[@]}") ms"
awk -v r="$(median "${refs[@]}")" -v t="$(median "${these[@]}")" 'BEGIN { printf "cli: this / ref = %.2f\n", t / r }'
if [ "${AGENT:-0}" = 1 ]; then # the agent: bench/agent.sh on both builds, 3 starts, 20 s of scans, 30 s idle
    echo "reference agent:"; NODEWARD_JAR="$refdir/target/quarkus-app/quarkus-run.jar" bench/agent.sh 3 20 30
    echo "this agent:"; bench/agent.sh 3 20 30
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Measures nodeward's scan cost (in-JVM first and warm scans) and the CLI's wall time.
# usage: bench/scan.sh [HOST_ROOT] [PROC_ROOT]   (default: this machine, / and /proc)
# The numbers in README.md come from this script; it prints the machine it ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
host=${1:-/}
proc=${2:-$host/proc}
./mvnw -B -q -DskipTests package test-compile >&2
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print $2/1024/1024 " GiB"}' /proc/meminfo), $(java -version 2>&1 | head -1)"
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.nodeward.bench.ScanBenchmark "$host" "$proc" 2000
if ! command -v hyperfine >/dev/null; then
    echo "hyperfine missing: apt-get install -y hyperfine" >&2; exit 2
fi
jar=target/quarkus-app/quarkus-run.jar
hyperfine -N --warmup 2 --runs 15 --export-markdown target/bench-cli.md \
    "java -jar $jar scan --host-root $host --proc-root $proc --format json" \
    "java -XX:TieredStopAtLevel=1 -Xshare:auto -jar $jar scan --host-root $host --proc-root $proc --format json"
cat target/bench-cli.md

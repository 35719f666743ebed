#!/usr/bin/env bash
# Measures the CLI's wall time (`scan`, one report) under the start-up options the JDK offers:
# tiered compilation cut at C1, the serial GC, the JDK's default CDS archive on and off, a dynamic
# AppCDS archive, and JDK 25's AOT cache (JEP 483/514), each archive trained on the same scan.
# usage: bench/cli-start.sh [HOST_ROOT] [PROC_ROOT]   (default: this machine)
# Needs hyperfine (apt-get install -y hyperfine). Archives go to target/bench-cli/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
host=${1:-/}
proc=${2:-$host/proc}
jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main benchmarks -newer "$jar" -print -quit)" ]; then
    ./mvnw -B -q -DskipTests package >&2
fi
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install -y hyperfine" >&2; exit 2; }
out=target/bench-cli
rm -rf "$out"
mkdir -p "$out"
scan="-jar $jar scan --host-root $host --proc-root $proc --format json"
c1="-XX:TieredStopAtLevel=1"
serial="-XX:+UseSerialGC"
quiet="-Xlog:disable -Xlog:all=error,aot*=off,cds*=off:stderr"

# Training runs: the same scan, the archive written at exit.
# shellcheck disable=SC2086
java $quiet -XX:ArchiveClassesAtExit=$out/app.jsa $scan >/dev/null
# shellcheck disable=SC2086
java $quiet -XX:AOTCacheOutput=$out/app.aot $scan >/dev/null
# shellcheck disable=SC2086
java $quiet $c1 $serial -XX:AOTCacheOutput=$out/app-c1-serial.aot $scan >/dev/null
ls -l "$out" >&2

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $(date -u +%FT%TZ); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --warmup 2 --runs 15 --export-markdown "$out/cli.md" \
    -n "defaults" "java $scan" \
    -n "no CDS at all (-Xshare:off)" "java -Xshare:off $scan" \
    -n "C1 only ($c1)" "java $c1 $scan" \
    -n "serial GC ($serial)" "java $serial $scan" \
    -n "C1 + serial GC" "java $c1 $serial $scan" \
    -n "AppCDS (dynamic archive)" "java $quiet -XX:SharedArchiveFile=$out/app.jsa $scan" \
    -n "AOT cache" "java $quiet -XX:AOTCache=$out/app.aot $scan" \
    -n "AOT cache + C1 + serial GC" "java $quiet $c1 $serial -XX:AOTCache=$out/app-c1-serial.aot $scan" \
    -n "bin/scan" "bin/scan --host-root $host --proc-root $proc --format json"
cat "$out/cli.md"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Measures the packaged agent (serve mode) as it runs on a node: time from process start to the
# first completed scan, resident memory after many scans, CPU per scan and CPU when idle — on this
# machine (host root /) and on a fixture worker node (bench/fixture-node.sh), with the JVM's
# defaults and with a small heap. Publishing is off (no cluster here); API requests per scan in
# steady state are 0 and are measured by the kube tests, not here
# (NodePublisherTest.anIdenticalReportMakesNoRequestAtAll).
#
# usage: [NODEWARD_JAR=other/quarkus-run.jar] bench/agent.sh [STARTS] [SCAN_SECONDS] [IDLE_SECONDS]
#        (defaults 5, 30, 60)
# Prints a markdown table. Run it on a quiet machine: it prints the load average before and after.
# Every process it starts is stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
starts=${1:-5}
scan_seconds=${2:-30}
idle_seconds=${3:-60}
# NODEWARD_JAR: another build's quarkus-run.jar to measure instead (bench/compare-scan.sh's reference)
jar=${NODEWARD_JAR:-target/quarkus-app/quarkus-run.jar}
if [ -z "${NODEWARD_JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main benchmarks -newer "$jar" -print -quit)" ]; }; then
    ./mvnw -B -q -DskipTests package >&2
fi
fixture=$(bench/fixture-node.sh target/bench-node)
hz=$(getconf CLK_TCK)
small_heap="-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
pids=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ms() {
    date +%s%3N
}

# start ROOT INTERVAL JVM_OPTS: starts an agent in the background; sets $pid, $mport, $log, $t0.
start() {
    local root=$1 interval=$2 opts=$3 proc
    proc=$root/proc
    [ "$root" = / ] && proc=/proc
    mport=$(free_port)
    log=$(mktemp /tmp/nodeward-agent-bench.XXXXXX)
    t0=$(now_ms)
    # shellcheck disable=SC2086 # JVM options are words
    env -u NODE_NAME -u KUBECONFIG -u KUBERNETES_SERVICE_HOST java $opts \
        -Dnodeward.host.root="$root" -Dnodeward.host.proc="$proc" -Dnodeward.publish.enabled=false \
        -Dnodeward.scan.interval="$interval" -Dnodeward.scan.jitter=0 \
        -Dquarkus.http.port=0 -Dquarkus.management.port="$mport" \
        -jar "$jar" >"$log" 2>&1 &
    pid=$!
    pids+=("$pid")
}

stop() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
}

metric() { # metric NAME: the value of one unlabelled nodeward_ sample
    curl -sf -H 'Accept: text/plain; version=0.0.4' "http://127.0.0.1:$mport/metrics" |
        awk -v name="$1" '$1 == name { printf "%.3f\n", $2 }'
}

# Polls readiness every 10 ms; prints "ready_ms first_scan_ms" (first scan = scannedAt − start).
await_ready() {
    local deadline=$(( $(now_ms) + 60000 ))
    until curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; do
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "agent exited" >&2; exit 1; }
        [ "$(now_ms)" -lt "$deadline" ] || { cat "$log" >&2; echo "not ready in 60 s" >&2; exit 1; }
        sleep 0.01
    done
    local ready=$(( $(now_ms) - t0 )) scanned
    scanned=$(metric nodeward_last_scan_timestamp_seconds)
    echo "$ready $(awk -v s="$scanned" -v t0="$t0" 'BEGIN { printf "%d", s * 1000 - t0 }')"
}

cpu_ticks() { # utime + stime of $pid (fields 14 and 15 of /proc/<pid>/stat; comm has no spaces here)
    awk '{ print $14 + $15 }' "/proc/$pid/stat"
}

status_kb() {
    awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"
}

stats() { # stats VALUES...: "median (min–max)"
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%d (%d–%d)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1024/1024}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%FT%TZ); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "starts per configuration: $starts; CPU per scan over ${scan_seconds} s at a 1 s interval; idle over ${idle_seconds} s at a 60 s interval"
echo

rows=()
for root in / "$fixture"; do
    for variant in default small; do
        opts=""
        [ "$variant" = small ] && opts=$small_heap
        # 1. Start to first scan, $starts times (the scheduler adds 0–1 s of start jitter on purpose).
        readies=() firsts=()
        for _ in $(seq "$starts"); do
            start "$root" 60s "$opts"
            read -r ready first < <(await_ready)
            readies+=("$ready")
            firsts+=("$first")
            stop
        done
        # 2. CPU per scan and memory: scans every second.
        start "$root" 1s "$opts"
        await_ready >/dev/null
        sleep 5
        c0=$(cpu_ticks) n0=$(metric nodeward_scans_total)
        sleep "$scan_seconds"
        c1=$(cpu_ticks) n1=$(metric nodeward_scans_total)
        rss=$(status_kb VmRSS) hwm=$(status_kb VmHWM)
        per_scan=$(awk -v c="$((c1 - c0))" -v n="$n1" -v m="$n0" -v hz="$hz" 'BEGIN { printf "%.1f", c * 1000 / hz / (n - m) }')
        scans=$(awk -v n="$n1" -v m="$n0" 'BEGIN { printf "%d", n - m }')
        total_scans=$(awk -v n="$n1" 'BEGIN { printf "%d", n }')
        stop
        # 3. Idle: a 60 s interval, measured between scans.
        start "$root" 60s "$opts"
        await_ready >/dev/null
        sleep 2
        c0=$(cpu_ticks)
        sleep "$idle_seconds"
        c1=$(cpu_ticks)
        idle=$(awk -v c="$((c1 - c0))" -v hz="$hz" -v s="$idle_seconds" 'BEGIN { printf "%.2f", c * 1000 / hz / s }')
        stop
        name=$([ "$root" = / ] && echo "this machine (/)" || echo "fixture node")
        jvm=$([ "$variant" = small ] && echo "\`$small_heap\`" || echo "JVM defaults")
        rows+=("| $name | $jvm | $(stats "${readies[@]}") | $(stats "${firsts[@]}") | $((rss / 1024)) / $((hwm / 1024)) (after $total_scans scans) | $per_scan ($scans scans) | $idle |")
    done
done

echo "| node | JVM | start → ready, ms: median (min–max) | start → first scan (scannedAt), ms | VmRSS / VmHWM, MiB | CPU per scan, ms (1 s interval, incl. idle cost) | idle CPU, ms per s |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "API requests per scan in steady state: 0 (no change → no request; measured by NodePublisherTest.anIdenticalReportMakesNoRequestAtAll)."
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

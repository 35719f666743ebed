#!/usr/bin/env bash
# Runs a control-plane node made of real parts inside new mount, PID, network and cgroup namespaces
# (root required), and keeps it running until the unshare process is killed (--kill-child then ends
# the namespace's init, and with it every process in the namespace):
#   - a real etcd (Debian's etcd-server) started the way the kubelet starts a static pod's container:
#     its own root directory (the host's /usr, bind-mounted read-only, for the binary and libc) with the
#     manifest's hostPath volumes bind-mounted at their mountPaths, and the manifest's command + args
#     as its argv (chroot execs them as they are, so /proc/<pid>/cmdline is the manifest's command);
#   - processes whose argv is the kubelet's and the API server's (fake-kubelet under `exec -a`), which
#     really listen on 10250 and 6443.
# Prints "pid <name> <pid in the namespace>" per process, then "ready" once etcd answers a health
# request with the node's own client certificate and every port listens; a failure prints "failed"
# with etcd's log and exits.
#
# usage: etcd-node.sh NODE_TREE WORK_DIR FAKE_BINARY
# reads WORK_DIR/{etcd,kube-apiserver,kubelet}.argv (one argument a line) and WORK_DIR/etcd.mounts
# (one "hostPath<TAB>mountPath" a line, from the etcd manifest), and WORK_DIR/etcdctl.args (how to
# reach this etcd's client URL: endpoints and certificates, one argument a line)
set -euo pipefail
node=$1 work=$2 fake=$3
export node work fake

exec unshare --mount --pid --net --cgroup --fork --kill-child --mount-proc --propagation private bash -euo pipefail -c '
    ip link set lo up
    fail() { echo "failed: $1"; cat "$work/etcd.log" 2>/dev/null || true; exit 1; }

    # etcd'"'"'s container root: the host'"'"'s programs, and the hostPath volumes of its manifest
    ctr="$work/etcd-root"
    mkdir -p "$ctr/usr" "$ctr/tmp" "$ctr/dev"
    mount --bind /usr "$ctr/usr"
    mount -o remount,bind,ro "$ctr/usr"
    mount --bind /dev "$ctr/dev"
    for d in bin sbin lib lib64; do
        if [ -L "/$d" ]; then
            ln -sfn "$(readlink "/$d")" "$ctr/$d"
        elif [ -d "/$d" ]; then
            mkdir -p "$ctr/$d" && mount --bind "/$d" "$ctr/$d"
        fi
    done
    while IFS=$'"'"'\t'"'"' read -r host inside; do
        mkdir -p "$ctr$inside"
        mount --bind "$node$host" "$ctr$inside"
    done < "$work/etcd.mounts"

    mapfile -t etcd < "$work/etcd.argv"
    mapfile -t apiserver < "$work/kube-apiserver.argv"
    mapfile -t kubelet < "$work/kubelet.argv"
    mapfile -t etcdctl < "$work/etcdctl.args"

    (export NODEWARD_FAKE_PORTS=10250; exec -a "${kubelet[0]}" "$fake" "${kubelet[@]:1}") > "$work/kubelet.log" 2>&1 &
    echo "pid kubelet $!"
    (export NODEWARD_FAKE_PORTS=6443; exec -a "${apiserver[0]}" "$fake" "${apiserver[@]:1}") > "$work/apiserver.log" 2>&1 &
    echo "pid kube-apiserver $!"
    chroot "$ctr" "${etcd[@]}" > "$work/etcd.log" 2>&1 &
    etcd_pid=$!
    echo "pid etcd $etcd_pid"

    # Bounded wait until etcd is healthy (a real request over its TLS) and the four ports listen:
    # 094B 2379, 094C 2380, 192B 6443, 280A 10250 (state 0A: LISTEN).
    up=""
    for _ in $(seq 1 300); do
        kill -0 "$etcd_pid" 2>/dev/null || fail "etcd exited"
        if etcdctl "${etcdctl[@]}" endpoint health > "$work/health.out" 2>&1 \
            && grep -q ":094B [0-9A-F:]* 0A" /proc/net/tcp && grep -q ":094C [0-9A-F:]* 0A" /proc/net/tcp \
            && grep -q ":192B [0-9A-F:]* 0A" /proc/net/tcp && grep -q ":280A [0-9A-F:]* 0A" /proc/net/tcp; then
            up=yes
            break
        fi
        sleep 0.1
    done
    [ -n "$up" ] || fail "etcd not healthy within 30 s: $(cat "$work/health.out")"
    echo ready
    wait
'

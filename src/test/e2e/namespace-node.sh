#!/usr/bin/env bash
# Runs `nodeward scan` against a node made of real parts, inside new mount, PID, network and cgroup
# namespaces (root required):
#   - a real process whose argv is a kubelet's (fake-kubelet started with `exec -a /usr/bin/kubelet`)
#     that really listens on 10250 and 10255;
#   - a real OpenSSH sshd (Debian's openssh-server) running the node tree's sshd_config, which
#     is bind-mounted over /etc/ssh inside the mount namespace so sshd's own Include paths resolve
#     to the node tree too;
#   - `sshd -T`, sshd's own dump of its effective configuration, saved for cross-checking.
# Everything started here lives in the new PID namespace and dies with it. The new cgroup
# namespace keeps the test hermetic: on a CI runner that is itself a pod, the runner's kubepods
# cgroup would otherwise make nodeward (rightly) call this a container's view of /proc.
#
# usage: namespace-node.sh JAR NODE_TREE WORK_DIR FAKE_KUBELET_BINARY
# writes WORK_DIR/report.json, WORK_DIR/sshd-T.txt, WORK_DIR/kubelet-pid
set -euo pipefail
jar=$1 node=$2 work=$3 fake=$4
export jar node work fake
: "${JAVA_HOME:?JAVA_HOME must name a JDK 21+}"
export JAVA_HOME

exec unshare --mount --pid --net --cgroup --fork --mount-proc --propagation private bash -euo pipefail -c '
    ip link set lo up
    mount --bind "$node/etc/ssh" /etc/ssh
    # sshd needs its privilege-separation directory; a private /run keeps the real one untouched.
    mount -t tmpfs nodeward-run /run
    mkdir -p /run/sshd

    NODEWARD_FAKE_PORTS=10250,10255 bash -c "exec -a /usr/bin/kubelet \"\$0\" \"\$@\"" "$fake" \
        --config=/var/lib/kubelet/config.yaml \
        --kubeconfig /etc/kubernetes/kubelet.conf \
        --read-only-port=10255 \
        --container-runtime-endpoint=unix:///run/containerd/containerd.sock \
        > "$work/kubelet.out" 2>&1 &
    echo $! > "$work/kubelet-pid"

    /usr/sbin/sshd -t -f /etc/ssh/sshd_config
    /usr/sbin/sshd -T -f /etc/ssh/sshd_config > "$work/sshd-T.txt"
    /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config 2> "$work/sshd.log" &

    # Wait (bounded) until both listen: :0016 is port 22, :280F is 10255, state 0A is LISTEN.
    for _ in $(seq 1 100); do
        if grep -q ":0016 00000000:0000 0A" /proc/1/net/tcp && grep -q ":280F 00000000:0000 0A" /proc/1/net/tcp; then
            break
        fi
        sleep 0.1
    done

    "$JAVA_HOME/bin/java" -jar "$jar" scan --host-root "$node" --proc-root /proc --format json > "$work/report.json"
'

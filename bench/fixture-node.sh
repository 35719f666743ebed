#!/usr/bin/env bash
# Builds a fixture worker node under DIR (default target/bench-node) and prints its root: the
# namespace-worker fixture's files plus the /proc that git cannot carry (NUL-separated cmdlines)
# — a kubeadm kubelet (pid 1234) that opens the read-only port, and a socket table where 10255 and
# sshd's 22 listen on the wildcard address. The same node as the Java tests' NodeTree.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/bench-node}
rm -rf "$dir"
mkdir -p "$dir"
cp -a src/test/resources/hostroot/namespace-worker/. "$dir"/
mkdir -p "$dir/proc/1/net" "$dir/proc/1234"
printf '/sbin/init\0' > "$dir/proc/1/cmdline"
printf '%s\0' /usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf \
    --config=/var/lib/kubelet/config.yaml --read-only-port=10255 > "$dir/proc/1234/cmdline"
cat > "$dir/proc/1/net/tcp" <<'TCP'
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20321 1 0000000000000000 100 0 0 10 0
   1: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31544 1 0000000000000000 100 0 0 10 0
   2: 00000000:280F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31549 1 0000000000000000 100 0 0 10 0
TCP
echo '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode' > "$dir/proc/1/net/tcp6"
cd "$dir" && pwd

#!/bin/sh
# Installs the host tools the deployment tests call: promtool (Debian's `prometheus` package),
# plus openssh-server, iproute2, gcc and util-linux (a real sshd, `ip`, a compiled stand-in kubelet and
# `unshare` for the namespace end-to-end test; libc6-dev because gcc only recommends it; sshd -T and ss to compare against real
# tools), etcd-server and etcd-client (a real etcd, and etcdctl to wait for its health, in the control-plane
# namespace test) and openssl (that test's certificates); containerd and runc, which the image test starts on a private socket to run the agent's
# container image as the DaemonSet runs it (nothing registers or starts the system's containerd
# service: see policy-rc.d below), binutils (readelf: scripts/image-base.sh picks the image's shared
# libraries by the ELF files' own dependencies) and curl (the test's scrapes inside its network namespace). Idempotent: packages already installed are skipped, and `apt-get update` runs at most
# once per call and only when something is missing.
#
# It must not start services on the machine it runs on (a CI container or a shared dev box):
# Debian's maintainer scripts call invoke-rc.d, which asks /usr/sbin/policy-rc.d first; exit
# code 101 means "action forbidden". We install that policy only if none exists, and remove only
# the one we installed. We stop nothing (we started nothing).
set -eu

packages="prometheus openssh-server iproute2 gcc libc6-dev util-linux etcd-server etcd-client openssl containerd runc binutils curl"

missing=""
for p in $packages; do
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    echo "install-test-deps: $p already installed"
  else
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: need root to install:$missing" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
ours=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# installed by nodeward scripts/install-test-deps.sh\nexit 101\n' > "$policy"
  chmod 0755 "$policy"
  ours=yes
fi
cleanup() { if [ -n "$ours" ]; then rm -f "$policy"; fi; }
trap cleanup EXIT INT TERM

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing

command -v promtool >/dev/null || { echo "install-test-deps: promtool not on PATH after install" >&2; exit 1; }
command -v etcd >/dev/null || { echo "install-test-deps: etcd not on PATH after install" >&2; exit 1; }
echo "install-test-deps: installed:$missing"

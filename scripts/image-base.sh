#!/bin/sh
# Assembles the base of nodeward's container images from what the build has, pulling no image
# from any registry (these machines reach Maven Central and Debian's packages, no image registry):
#
#   image-base.sh OUTDIR jvm            OUTDIR/jvm/os   shared libraries, /etc/passwd, /etc/group
#                                       OUTDIR/jvm/java a Java runtime jlink'ed from $JAVA_HOME
#   image-base.sh OUTDIR native RUNNER  OUTDIR/native/os  the shared libraries RUNNER needs, same /etc
#                                       OUTDIR/native/app RUNNER as /work/application
#
# The shared libraries come from Debian packages (apt-get download + dpkg-deb -x), never from this
# machine's own /lib: the image must not depend on what happens to be installed where it is built.
# Which files are taken is decided by the ELF program itself: the interpreter and the DT_NEEDED
# entries of every ELF file of the runtime (or of the native executable), resolved transitively
# inside the extracted packages. A library no package provides stops the build with its name.
# Jib (pom.xml, profile `image`) puts these directories into the image as layers.
#
# OUTDIR/<flavour>/packages.txt lists the packages and versions taken (the image's labels name them).
set -eu

usage() { echo "usage: $0 OUTDIR jvm | OUTDIR native RUNNER" >&2; exit 2; }
[ $# -ge 2 ] || usage
out=$1
flavour=$2
case "$flavour" in
  jvm) [ $# -eq 2 ] || usage ;;
  native) [ $# -eq 3 ] || usage; runner=$3; [ -f "$runner" ] || { echo "image-base: no native executable at $runner" >&2; exit 2; } ;;
  *) usage ;;
esac

# glibc (libc, libm, libdl, libpthread, librt and the dynamic loader); libgcc_s, which glibc
# dlopen()s to unwind a thread on pthread_exit/pthread_cancel (glibc misc/unwind-link.c) so it is
# never a DT_NEEDED entry; zlib, which native executables link (resolved only if one needs it).
packages="libc6 libgcc-s1 zlib1g"

# The JDK modules the agent uses (jdeps over target/quarkus-app, see native/README.md): java.base;
# java.logging (JBoss LogManager); java.management and jdk.management (JVM and process metrics);
# java.naming and jdk.naming.dns (Vert.x/Netty read the resolver setup through JNDI); java.net.http
# (the publisher classifies its timeouts); jdk.zipfs (SmallRye Config finds its sources through the
# jar: file system); java.sql (Jackson's optional java.sql.* support, which
# the fabric8 model's databind goes through); jdk.unsupported (Netty, JBoss threads: sun.misc.Unsafe).
modules="java.base,java.logging,java.management,jdk.management,java.naming,jdk.naming.dns,java.net.http,jdk.zipfs,java.sql,jdk.unsupported"

flavour_dir=$out/$flavour
work=$out/.work-$flavour

# Rebuilt only when an input changed: this script, the JDK, the native executable. (jlink with the
# CDS archive takes half a minute on these machines; a clean build starts from nothing anyway.)
stamp=$(cat "$0" "${JAVA_HOME:-/dev/null}/release" 2>/dev/null | cksum)
[ "$flavour" = native ] && stamp="$stamp $(cksum < "$runner")"
if [ -f "$flavour_dir/.stamp" ] && [ "$(cat "$flavour_dir/.stamp")" = "$stamp" ]; then
  echo "image-base: $flavour base in $flavour_dir is up to date"
  exit 0
fi
rm -rf "$flavour_dir" "$work"
mkdir -p "$flavour_dir/os" "$work/debs" "$work/extracted"

# --- the Java runtime (JVM flavour only) ---------------------------------------------------------
if [ "$flavour" = jvm ]; then
  java_home=${JAVA_HOME:?image-base: JAVA_HOME must name the build JDK}
  # Before JDK 22 elliptic-curve crypto (ECDHE, ECDSA: most API servers' TLS) was its own module.
  if "$java_home/bin/java" --list-modules | grep -q '^jdk\.crypto\.ec@'; then
    modules="$modules,jdk.crypto.ec"
  fi
  # --generate-cds-archive: the class-data sharing archive a full JDK ships, made for these modules
  # (faster start, less heap churn at start). No man pages, headers or debug symbols.
  "$java_home/bin/jlink" --add-modules "$modules" --output "$flavour_dir/java" \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive
  # The archive for heaps over 32 GiB (no compressed oops): never used with this image's heap bound.
  rm -f "$flavour_dir/java/lib/server/classes_nocoops.jsa"
  elf_roots=$(find "$flavour_dir/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \))
else
  elf_roots=$runner
  mkdir -p "$flavour_dir/app/work"
  cp "$runner" "$flavour_dir/app/work/application"
fi

# --- the Debian packages -------------------------------------------------------------------------
# apt-get download fetches the candidate version for this architecture into the current directory.
# On a machine whose package lists are empty (a fresh CI container) there is no candidate: update once.
download() {
  (cd "$work/debs" && apt-get download $packages) >"$work/apt.log" 2>&1
}
if ! download; then
  echo "image-base: apt-get download failed ($(tail -1 "$work/apt.log")); running apt-get update once" >&2
  apt-get update -q >/dev/null
  download || { cat "$work/apt.log" >&2; exit 1; }
fi
# Each package in its own directory, so every file taken is known to come from one package.
for deb in "$work/debs"/*.deb; do
  name=$(dpkg-deb -f "$deb" Package)
  dpkg-deb -x "$deb" "$work/extracted/$name"
  echo "$name=$(dpkg-deb -f "$deb" Version)" >> "$work/versions"
done

# --- which files: resolve ELF dependencies inside the extracted packages -------------------------
# Debian's multiarch library directories for this architecture, in the loader's search order.
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
libdirs="lib/$triplet usr/lib/$triplet lib usr/lib"

is_elf() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]; }
needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
interpreter() { readelf -l "$1" 2>/dev/null | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p'; }

# The package that has a file at this path (relative to /), if any.
provider() {
  for p in "$work/extracted"/*; do
    if [ -e "$p/$1" ]; then basename "$p"; return 0; fi
  done
  return 1
}

# Copies one file from the extracted packages into the image tree, at the same path, following a
# symbolic link to its content (Jib stores regular files), and notes the package it came from.
take() {
  rel=$1
  [ -e "$flavour_dir/os/$rel" ] && return 0
  pkg=$(provider "$rel") || { echo "image-base: none of the packages ($packages) has /$rel" >&2; exit 1; }
  mkdir -p "$flavour_dir/os/$(dirname "$rel")"
  cp -L "$work/extracted/$pkg/$rel" "$flavour_dir/os/$rel"
  echo "$pkg" >> "$work/taken"
}

: > "$work/taken"
: > "$work/queue"
for f in $elf_roots; do
  is_elf "$f" || continue
  needed "$f" >> "$work/queue"
  interp=$(interpreter "$f")
  [ -z "$interp" ] || take "${interp#/}"
done
# glibc's run-time dlopen of libgcc_s (see packages above).
echo libgcc_s.so.1 >> "$work/queue"

# Every library the runtime itself provides (libjvm.so, libjava.so...) resolves through its own RPATH.
provided_by_runtime() {
  [ "$flavour" = jvm ] && [ -n "$(find "$flavour_dir/java" -name "$1" -print -quit)" ]
}

while [ -s "$work/queue" ]; do
  lib=$(head -1 "$work/queue")
  sed -i 1d "$work/queue"
  grep -qx "$lib" "$work/resolved" 2>/dev/null && continue
  echo "$lib" >> "$work/resolved"
  provided_by_runtime "$lib" && continue
  found=""
  for d in $libdirs; do
    if provider "$d/$lib" >/dev/null; then found="$d/$lib"; break; fi
  done
  if [ -z "$found" ]; then
    echo "image-base: $lib is needed but none of the packages ($packages) provides it" >&2
    exit 1
  fi
  take "$found"
  needed "$flavour_dir/os/$found" >> "$work/queue"
done

# Only the packages files were taken from: their versions (for the image's labels) and licences.
: > "$flavour_dir/packages.txt"
for p in $(sort -u "$work/taken"); do
  grep "^$p=" "$work/versions" >> "$flavour_dir/packages.txt"
  doc=$p
  if [ -L "$work/extracted/$p/usr/share/doc/$p" ]; then
    # Debian Policy 12.5: the doc directory may link to that of another package built from the same
    # source (libgcc-s1 -> gcc-12-base), which then holds the copyright file.
    doc=$(basename "$(readlink "$work/extracted/$p/usr/share/doc/$p")")
    (cd "$work/debs" && apt-get download "$doc") >>"$work/apt.log" 2>&1
    dpkg-deb -x "$work/debs/${doc}_"*.deb "$work/extracted/$doc"
  fi
  mkdir -p "$flavour_dir/os/usr/share/doc/$p"
  cp "$work/extracted/$doc/usr/share/doc/$doc/copyright" "$flavour_dir/os/usr/share/doc/$p/copyright"
done

# --- users and the scratch directory -------------------------------------------------------------
# uid 65532 ("nonroot") is the image's default user; the DaemonSet runs it as uid 0 on purpose
# (daemonset/README.md, "Privileges"). Both exist so the JVM and glibc can name them.
mkdir -p "$flavour_dir/os/etc" "$flavour_dir/os/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnonroot:x:65532:65532:nonroot:/nonexistent:/usr/sbin/nologin\n' \
  > "$flavour_dir/os/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$flavour_dir/os/etc/group"

rm -rf "$work"
echo "$stamp" > "$flavour_dir/.stamp"
echo "image-base: $flavour base in $flavour_dir ($(tr '\n' ' ' < "$flavour_dir/packages.txt"))"

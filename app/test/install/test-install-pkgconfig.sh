#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# An application outside the tree builds against an installed srnic with
# pkg-config, as a DPDK application does, and runs: install the build into
# a staging root, build examples/srnic-l2fwd with its own Makefile there,
# and start it far enough to parse its options. TAP output.
#
# Usage: test-install-pkgconfig.sh SOURCE_DIR BUILD_DIR
set -u
src=$1 build=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
echo "1..4"
. "$(dirname "$0")/tap.sh"

meson install -C "$build" --destdir "$stage" --no-rebuild --quiet > "$stage/install.log" 2>&1
check $? "meson install into a staging root"
pc=$(find "$stage" -name libsrnic.pc | head -n 1)
hdr=$(find "$stage" -name rte_pmd_srnic.h | head -n 1)
[ -n "$pc" ] && [ -n "$hdr" ] && [ -n "$(find "$stage" -name 'librte_net_srnic.so*' | head -n 1)" ]
check $? "libsrnic.pc, rte_pmd_srnic.h and librte_net_srnic.so installed"

# libsrnic.pc is relocatable: its paths follow it into the stage.
cp -r "$src/examples/srnic-l2fwd" "$stage/app"
PKG_CONFIG_PATH=$(dirname "$pc") make -C "$stage/app" > "$stage/make.log" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/# /' "$stage/make.log"
check $rc "examples/srnic-l2fwd builds out of tree with pkg-config --cflags --libs libsrnic"

libdir=$(dirname "$(find "$stage" -name 'librte_net_srnic.so' | head -n 1)")
out=$(LD_LIBRARY_PATH=$libdir "$stage/app/build/srnic-l2fwd" --no-huge -m 64 --no-pci \
	--no-shconf --file-prefix "inst$$" -l 0 -- -h 2>&1)
echo "$out" | grep -q "usage: .*srnic-l2fwd" 
check $? "the out-of-tree app runs against the installed library"

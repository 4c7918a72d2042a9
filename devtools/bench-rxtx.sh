#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Host micro-benchmark of librte_net_srnic's RX and TX software cost per
# packet, at bursts 1, 8 and 32: cycles (rdtsc, this machine) and
# instructions (callgrind, repeatable whatever else the machine does).
#
# Usage: devtools/bench-rxtx.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
bin=$build/app/test/bench-srnic-rxtx
ninja -C "$build" app/test/bench-srnic-rxtx > /dev/null
echo "== cycles per packet (rdtsc)"
"$bin" both 2000000
command -v valgrind > /dev/null || { echo "valgrind missing: no instruction counts"; exit 0; }
echo "== instructions per packet (callgrind)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
packets=200000
for dir in rx tx; do
	fn=$([ $dir = rx ] && echo srnic_recv_pkts || echo srnic_xmit_pkts)
	for burst in 1 8 32; do
		valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
			--toggle-collect="$fn" "$bin" $dir $packets $burst > /dev/null 2>&1
		ir=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$out/cg" | head -n 1)
		awk -v d=$dir -v b=$burst -v ir="$ir" -v n=$packets \
			'BEGIN { printf "%s burst %2d: %7.1f instructions/packet\n", d, b, ir / n }'
	done
done

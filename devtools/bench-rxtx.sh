#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Host micro-benchmark of librte_net_srnic's RX and TX software cost per
# packet, at bursts 1, 4, 8 and 32, for each burst path: cycles (rdtsc, this
# machine, noisy when it is busy) and instructions (callgrind, repeatable
# whatever else the machine does). Callgrind counts only inside the burst
# function and what it calls (mempool get/put included); the test double's
# work between bursts is not counted.
#
# Usage: devtools/bench-rxtx.sh [BUILD_DIR] [PATH...]
#   PATH: full, simple, simple-refcnt, scalar, sse, avx2 (default: full,
#   simple, simple-refcnt, and scalar beside simple when simple is vector)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
paths=${*:-full simple simple-refcnt scalar}
bin=$build/app/test/bench-srnic-rxtx
ninja -C "$build" app/test/bench-srnic-rxtx > /dev/null
echo "== cycles per packet (rdtsc)"
for path in $paths; do
	echo "-- $path"
	"$bin" both 2000000 0 "$path"
done
command -v valgrind > /dev/null || { echo "valgrind missing: no instruction counts"; exit 0; }
echo "== instructions per packet (callgrind)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
packets=200000
# The functions each path's bursts run on this CPU, as the bench picks them.
burst_fn() {
	local rx tx
	read -r rx tx < <("$bin" symbols 0 0 "$1")
	if [ "$2" = rx ]; then echo "$rx"; else echo "$tx"; fi
}
for path in $paths; do
	for dir in rx tx; do
		[ "$path/$dir" = simple-refcnt/rx ] && continue	# same as simple
		fn=$(burst_fn "$path" $dir)
		for burst in 1 4 8 32; do
			valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
				--toggle-collect="$fn" "$bin" $dir $packets $burst "$path" \
				> /dev/null 2>&1
			ir=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$out/cg" | head -n 1)
			awk -v p="$path" -v d=$dir -v b=$burst -v ir="$ir" -v n=$packets \
				-v f="$fn" 'BEGIN { printf "%-13s %s burst %2d: %7.1f instructions/packet (%s)\n",
					p, d, b, ir / n, f }'
		done
	done
done

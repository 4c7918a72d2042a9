#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Benchmark, VF-to-VF mac forwarding in one lab boot: the same dpdk-testpmd
# binary with net_srnic and with DPDK's igb VF driver, and srnic-testpmd.
# Prints the packet rates and their ratios (wall clock under TCG: noisy).
#
# Usage: devtools/bench-fwd.sh [BUILD_DIR] [SECONDS] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
[ -f "$build/build.ninja" ] || { echo "build first: meson setup $build && ninja -C $build" >&2; exit 1; }
ninja -C "$build" > /dev/null
exec usertools/srnic-vm --timeout 900 --results "$build/bench-results" -- \
	app/test/bench/fwd-vs-dpdk.sh "$build" "${2:-10}" "${3:-3}"

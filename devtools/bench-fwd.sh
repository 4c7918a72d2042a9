#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Benchmark: srnic-testpmd vs DPDK's dpdk-testpmd, VF-to-VF mac forwarding
# in one lab boot. Prints both packet rates and their ratio.
#
# Usage: devtools/bench-fwd.sh [BUILD_DIR] [SECONDS] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
[ -f "$build/build.ninja" ] || { echo "build first: meson setup $build && ninja -C $build" >&2; exit 1; }
ninja -C "$build" > /dev/null
exec usertools/srnic-vm --timeout 900 --results "$build/bench-results" -- \
	app/test/bench/fwd-vs-dpdk.sh "$build" "${2:-10}" "${3:-3}"

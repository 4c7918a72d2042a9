#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Benchmark, VF-to-VF mac forwarding in one lab boot: the same dpdk-testpmd
# binary with DPDK's igb VF driver, with net_srnic (-d) on its vector paths
# and on its scalar ones (--force-max-simd-bitwidth=64), and srnic-testpmd,
# between the same two VFs with the same options.
#
# Default: wall-clock rates under multi-threaded TCG, ROUNDS runs each (3),
# their medians and ratios. Noisy: host load moves them run to run.
# --icount: the lab runs with QEMU's -icount shift=0 (guest time counts
# guest instructions), one run each (ROUNDS 1): guest-time packets per
# second, guest instructions per packet, MMIO reads and writes on the VFs'
# BAR0 per packet, and each figure's ratio to dpdk-testpmd with DPDK's igb
# VF driver measured in the same boot. Repeatable.
#
# Usage: devtools/bench-fwd.sh [--icount] [BUILD_DIR] [SECONDS] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
icount=0
[ "${1:-}" != --icount ] || { icount=1; shift; }
build=$(realpath "${1:-build}")
[ -f "$build/build.ninja" ] || { echo "build first: meson setup $build && ninja -C $build" >&2; exit 1; }
ninja -C "$build" > /dev/null
res=$build/bench-results
if [ $icount = 0 ]; then
	echo "wall-clock rates under TCG: noisy, compare only ratios (--icount repeats)"
	exec usertools/srnic-vm --timeout 900 --results "$res" -- \
		app/test/bench/fwd-vs-dpdk.sh "$build" "${2:-10}" "${3:-3}"
fi

# QEMU traces every memory-region access (text lines, "log" trace backend)
# to a file; the guest marks each measured interval with a write of 1, then
# 2, to an I/O port no device of the lab claims. The VF BAR0 accesses
# between the marks are that run's MMIO.
mkdir -p "$res"
trace=$res/mmio.trace
printf '%s\n' memory_region_ops_read memory_region_ops_write > "$res/mmio.events"
rm -f "$trace" "$res/icount-runs"
export SRNIC_WINDOW_PORT=0x3e0
SRNIC_VM_QEMU_ARGS="${SRNIC_VM_QEMU_ARGS:-} -trace events=$res/mmio.events,file=$trace" \
	usertools/srnic-vm --icount --timeout 3600 --results "$res" -- \
	app/test/bench/fwd-vs-dpdk.sh --icount "$build" "${2:-8}" "${3:-1}"

# One "reads writes control" line a window, in the order of the runs;
# control counts the accesses made off the forwarding lcore's CPU (1).
mark=$(printf 'addr 0x%x value 0x' $((SRNIC_WINDOW_PORT)))
awk -v mark="$mark" '
	index($0, mark "1 size 1 ") { on = 1; r = w = c = 0; next }
	index($0, mark "2 size 1 ") { if (on) print r, w, c; on = 0; next }
	on && / name .igbvf-mmio.$/ {
		if ($1 == "memory_region_ops_read") r++; else w++
		if ($3 != 1) c++
	}
' "$trace" > "$res/mmio-windows"
runs=$(wc -l < "$res/icount-runs")
[ "$runs" -eq "$(wc -l < "$res/mmio-windows")" ] ||
	{ echo "bench-fwd: $runs runs but $(wc -l < "$res/mmio-windows") marked windows in $trace" >&2; exit 1; }
rm -f "$trace"

echo
echo "guest time under -icount shift=0 (1 ns a guest instruction), ${2:-8} s windows;"
echo "instr/pkt counts both vCPUs; CPU 0 (main lcore, EAL threads) shows its busy"
echo "share and how many of the window's VF BAR0 accesses it made."
paste -d ' ' "$res/icount-runs" "$res/mmio-windows" | awk '
function ratio(a, b) { return b ? sprintf("%.2fx", a / b) : "-" }
BEGIN {
	name["dpdk"] = "dpdk-testpmd + igb VF (DPDK)"
	name["net_srnic"] = "dpdk-testpmd + net_srnic"
	name["net_srnic_scalar"] = "  the same, SIMD limit 64"
	name["srnic"] = "srnic-testpmd (net_srnic)"
	printf "%-28s %6s %9s %11s %11s %16s\n", "", "Mpps", "instr/pkt",
		"MMIO rd/pkt", "MMIO wr/pkt", "CPU 0: busy MMIO"
}
{
	app[NR] = $1; pps[NR] = $2
	ins[NR] = $2 ? 1e9 / $2 : 0
	rd[NR] = $3 ? $5 / $3 : 0
	wr[NR] = $3 ? $6 / $3 : 0
	printf "%-28s %6.3f %9.1f %11.6f %11.6f %8.1f%% %6d\n", name[$1], $2 / 1e6,
		ins[NR], rd[NR], wr[NR], 100 * $4, $7
}
END {
	print "ratios to dpdk-testpmd + igb VF of the same round:"
	for (i = 1; i <= NR; i++) {
		if (app[i] == "dpdk") {
			a = i
			continue
		}
		printf "%-28s %6s %9s %11s %11s\n", name[app[i]], ratio(pps[i], pps[a]),
			ratio(ins[i], ins[a]), ratio(rd[i], rd[a]), ratio(wr[i], wr[a])
	}
}'

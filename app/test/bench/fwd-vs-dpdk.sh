#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs in the lab guest: DPDK's dpdk-testpmd with its own igb VF driver,
# the same dpdk-testpmd binary with net_srnic (-d), once more with net_srnic
# kept to its scalar bursts (--force-max-simd-bitwidth=64), and srnic-testpmd
# forward between the same two VFs with the same options, alternately,
# ROUNDS times each for SECONDS; prints every figure and the ratios of the
# medians.
# Each round also runs bench-srnic-floor, a loop that does next to no
# driver work: the emulated NIC's own ceiling, to read both apps against.
#
# With --icount (a lab booted with "srnic-vm --icount": guest time counts
# guest instructions) rates repeat, so ROUNDS defaults to 1, and the floor
# is left out: the emulated NIC's work costs no guest time. Each run
# appends "app pps window_packets cpu0_share" to $SRNIC_RESULTS/icount-runs
# for the host, which sets the MMIO it counted in the same window beside it
# (the host gives $SRNIC_WINDOW_PORT, which marks the windows: testpmd-fwd.sh).
#
# Usage: fwd-vs-dpdk.sh [--icount] BUILD_DIR [SECONDS] [ROUNDS]
# $SRNIC_TESTPMD_OPTS overrides the common testpmd options.
set -u
icount=0
[ "${1:-}" != --icount ] || { icount=1; shift; }
export SRNIC_BUILD=${1:?usage: fwd-vs-dpdk.sh [--icount] BUILD_DIR [SECONDS] [ROUNDS]}
secs=${2:-10}
rounds=${3:-$((icount ? 1 : 3))}
here=$(cd "$(dirname "$0")" && pwd)
export SRNIC_SRC=$(cd "$here/../../.." && pwd)
export SRNIC_GUEST_LIB=$SRNIC_SRC/app/test/guest/lib
export SRNIC_RESULTS=${SRNIC_RESULTS:-/tmp}
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 > /dev/null || exit 1
mac0=02:00:00:00:00:10 mac1=02:00:00:00:00:11

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "options: ${SRNIC_TESTPMD_OPTS:---nb-cores=1 --rxd=512 --txd=512 --burst=32 --mbcache=512}, ${secs} s a run"
: > /tmp/pps-dpdk
: > /tmp/pps-net_srnic
: > /tmp/pps-net_srnic_scalar
: > /tmp/pps-srnic
: > /tmp/pps-floor
: > "$SRNIC_RESULTS/icount-runs"
floor() {
	# The loop runs on CPU 1, where both testpmds forward.
	out=$("$SRNIC_BUILD/app/test/guest/bench-srnic-floor" -l 1 -n 1 --in-memory \
		--iova-mode=va -a "$VF0" -a "$VF1" -- "$VF0" "$VF1" "$secs" 2>&1)
	pps=$(echo "$out" | sed -n 's/^floor_pps=//p')
	[ -n "$pps" ] || { echo "bench-srnic-floor failed:" >&2; echo "$out" | tail -n 5 >&2; exit 1; }
	echo "round $r floor: $pps packets/s (emulated NIC, no driver work)"
	echo "$pps" >> /tmp/pps-floor
}
for r in $(seq "$rounds"); do
	[ $icount = 1 ] || floor
	for app in dpdk net_srnic net_srnic_scalar srnic; do
		out=$("$SRNIC_GUEST_LIB/testpmd-fwd.sh" $app "$secs" "$VF0,$mac0" "$VF1,$mac1" \
			"$SRNIC_RESULTS/bench-$app-$r.log") || exit 1
		eval "$out"
		echo "round $r $app: $pps packets/s forwarded, rx_dropped=$rx_dropped tx_dropped=$tx_dropped"
		echo "$pps" >> /tmp/pps-$app
		[ $icount = 0 ] || echo "$app $pps $window_packets $cpu0_share" >> "$SRNIC_RESULTS/icount-runs"
	done
done
# Under icount the host prints the figures, with the MMIO it counted.
[ $icount = 0 ] || exit 0
d=$(median < /tmp/pps-dpdk)
n=$(median < /tmp/pps-net_srnic)
v=$(median < /tmp/pps-net_srnic_scalar)
s=$(median < /tmp/pps-srnic)
f=$(median < /tmp/pps-floor)
echo "median dpdk-testpmd (DPDK igb VF driver): $d packets/s"
echo "median dpdk-testpmd (net_srnic):          $n packets/s"
echo "median dpdk-testpmd (net_srnic, scalar):  $v packets/s"
echo "median srnic-testpmd (net_srnic):         $s packets/s"
echo "median floor (emulated NIC ceiling):      $f packets/s"
awk -v s="$s" -v n="$n" -v d="$d" -v f="$f" 'BEGIN {
	printf "ratio net_srnic/igb VF, same dpdk-testpmd: %.2fx\n", d ? n / d : 0
	printf "ratio srnic-testpmd/dpdk-testpmd (igb VF): %.2fx\n", d ? s / d : 0
	printf "share of the ceiling: net_srnic %.0f%%, srnic-testpmd %.0f%%, dpdk %.0f%%\n",
		100 * n / f, 100 * s / f, 100 * d / f
}'

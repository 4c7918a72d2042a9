#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# mac forwarding between two VFs for a bounded time, measured the same way
# for DPDK's own dpdk-testpmd (its igb VF driver: the anchor) and for
# srnic-testpmd: both are driven through the same prompt commands and
# print statistics in the same format. Tests assert on the figures and the
# benchmark compares the two in one boot.
#
# Usage: testpmd-fwd.sh dpdk|srnic SECONDS VF0,MAC0 VF1,MAC1 [LOG]
# The app options can be changed with $SRNIC_TESTPMD_OPTS (same for both).
# Prints key=value lines: seconds, rx_packets, tx_packets, rx_dropped,
# tx_dropped, rx_missed, rx_errors, tx_errors, rx_nombuf, pps (total
# forwarded packets per second over the measured interval), window_packets
# (packets received in that interval).
#
# With $SRNIC_WINDOW_PORT (an I/O port no device claims, e.g. 0x3e0), the
# measured interval starts with a one-byte write of 1 to that port and ends
# with a write of 2: a host tracing QEMU's memory-region accesses sees the
# marks among the MMIO. It also prints cpu0_share, the part of the interval
# CPU 0 (the main lcore, not the forwarding one) spent out of idle.
set -u
app=${1:?usage: testpmd-fwd.sh dpdk|net_srnic|net_srnic_scalar|srnic SECONDS VF0,MAC0 VF1,MAC1 [LOG]}
secs=$2
vf0=${3%%,*} mac0=${3#*,}
vf1=${4%%,*} mac1=${4#*,}
log=${5:-/tmp/testpmd-fwd-$app.log}
case $app in
dpdk)
	cmd="dpdk-testpmd -l 0-1 -n 1 --in-memory --iova-mode=va -a $vf0 -a $vf1 --"
	;;
net_srnic)
	# The same dpdk-testpmd binary, with net_srnic loaded ahead of DPDK's
	# own igb VF driver.
	. "${SRNIC_GUEST_LIB:?}/net-srnic.sh"
	pmd=$(net_srnic_pmd) || exit 1
	cmd="dpdk-testpmd -l 0-1 -n 1 --in-memory --iova-mode=va -d $pmd -a $vf0 -a $vf1 --"
	;;
net_srnic_scalar)
	# The same, with EAL keeping net_srnic to its scalar bursts.
	. "${SRNIC_GUEST_LIB:?}/net-srnic.sh"
	pmd=$(net_srnic_pmd) || exit 1
	cmd="dpdk-testpmd -l 0-1 -n 1 --in-memory --iova-mode=va -d $pmd"
	cmd="$cmd --force-max-simd-bitwidth=64 -a $vf0 -a $vf1 --"
	;;
srnic)
	cmd="${SRNIC_BUILD:?}/app/test-srnic/srnic-testpmd -l 0-1 -n 1 --in-memory"
	cmd="$cmd --iova-mode=va -a $vf0 -a $vf1 --"
	;;
*)
	echo "testpmd-fwd.sh: unknown app '$app' (dpdk, net_srnic, net_srnic_scalar or srnic)" >&2
	exit 2
	;;
esac
: "${SRNIC_TESTPMD_OPTS:=--nb-cores=1 --rxd=512 --txd=512 --burst=32 --mbcache=512}"

window_mark() {
	[ -n "${SRNIC_WINDOW_PORT:-}" ] || return 0
	printf "\\00$1" | dd of=/dev/port bs=1 seek=$((SRNIC_WINDOW_PORT)) \
		count=1 conv=notrunc status=none
	grep '^cpu0 ' /proc/stat >> "$log.cpu0"
}
rm -f "$log.cpu0"

# Commands reach the prompt at known times: one second of warm-up after
# the first burst, then the measured interval between two stats displays.
{
	sleep 3
	echo "start tx_first"
	sleep 1
	echo "show port stats all"
	window_mark 1
	sleep "$secs"
	echo "show port stats all"
	window_mark 2
	echo "stop"
	sleep 1
	echo "quit"
} | timeout $((secs + 60)) $cmd -i --forward-mode=mac \
	--eth-peer=0,"$mac1" --eth-peer=1,"$mac0" $SRNIC_TESTPMD_OPTS \
	> "$log" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "$app testpmd exited with $rc; log: $log" >&2; tail -n 20 "$log" >&2; exit 1; }

# A "show port stats all" (one block a port): show_back 0 is the last
# one, show_back 1 the one before.
show_back() {
	awk -v back="$1" '/NIC statistics for port/ { n++; on = 1 }
		on { b[n] = b[n] $0 "\n" }
		/^ *#+ *$/ { on = 0 }
		END { printf "%s%s", b[n - 1 - 2 * back], b[n - 2 * back] }' "$log"
}
last_show() { show_back 0; }
# Sum a "Name: value" field over the lines on stdin.
field() { grep -o "$1: *[0-9]*" | awk '{ s += $NF } END { print s + 0 }'; }
accum=$(sed -n '/Accumulated forward statistics/,/+++++++++$/p' "$log")

echo "seconds=$secs"
echo "rx_packets=$(echo "$accum" | field RX-packets)"
echo "tx_packets=$(echo "$accum" | field TX-packets)"
echo "rx_dropped=$(echo "$accum" | field RX-dropped)"
echo "tx_dropped=$(echo "$accum" | field TX-dropped)"
echo "rx_missed=$(last_show | field RX-missed)"
echo "rx_errors=$(last_show | field RX-errors)"
echo "tx_errors=$(last_show | field TX-errors)"
echo "rx_nombuf=$(last_show | field RX-nombuf)"
echo "pps=$(last_show | field Rx-pps)"
echo "window_packets=$(($(last_show | field RX-packets) - $(show_back 1 | field RX-packets)))"
# /proc/stat's cpu line: user nice system idle iowait irq softirq steal.
[ ! -s "$log.cpu0" ] || awk '{ busy = $2 + $3 + $4 + $7 + $8 + $9; all = busy + $5 + $6 }
	NR == 1 { b = busy; a = all } END { printf "cpu0_share=%.4f\n", (busy - b) / (all - a) }' "$log.cpu0"

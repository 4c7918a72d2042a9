#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The anchor: DPDK's own dpdk-testpmd (its igb VF driver) forwarding in mac
# mode between two VFs for a bounded time. Tests assert on its figures and
# benchmarks compare srnic against them in the same boot.
#
# Usage: dpdk-testpmd-fwd.sh SECONDS VF0,MAC0 VF1,MAC1 [LOG]
# Prints key=value lines: seconds, rx_packets, tx_packets, rx_dropped,
# tx_dropped, rx_missed, rx_errors, tx_errors, rx_nombuf, pps (total
# forwarded packets per second over the measured interval).
set -u
secs=${1:?usage: dpdk-testpmd-fwd.sh SECONDS VF0,MAC0 VF1,MAC1 [LOG]}
vf0=${2%%,*} mac0=${2#*,}
vf1=${3%%,*} mac1=${3#*,}
log=${4:-/tmp/dpdk-testpmd-fwd.log}
: "${SRNIC_TESTPMD_OPTS:=--nb-cores=1 --rxd=512 --txd=512 --burst=32}"

# Commands reach the prompt at known times: one second of warm-up after
# the first burst, then the measured interval between two stats displays.
{
	sleep 3
	echo "start tx_first"
	sleep 1
	echo "show port stats all"
	sleep "$secs"
	echo "show port stats all"
	echo "stop"
	sleep 1
	echo "quit"
} | timeout $((secs + 60)) dpdk-testpmd -l 0-1 -n 1 --in-memory \
	--iova-mode=va -a "$vf0" -a "$vf1" -- -i --forward-mode=mac \
	--eth-peer=0,"$mac1" --eth-peer=1,"$mac0" $SRNIC_TESTPMD_OPTS \
	> "$log" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "dpdk-testpmd exited with $rc; log: $log" >&2; tail -n 20 "$log" >&2; exit 1; }

# The last "show port stats all": one block a port, the last two blocks.
last_show() {
	awk '/NIC statistics for port/ { n++; on = 1 }
		on { b[n] = b[n] $0 "\n" }
		/^ *#+ *$/ { on = 0 }
		END { printf "%s%s", b[n - 1], b[n] }' "$log"
}
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

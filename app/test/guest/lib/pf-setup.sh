# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the PF library's guest checks (5x-*): the PF on vfio-pci
# served by srnic-pfd (userspace PF), or on Linux igb (kernel backend), and
# helpers to drive srnic-pfd. Every check that starts srnic-pfd stops it on
# exit, so the next check finds the PF free.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"

SRNIC_PFD=$SRNIC_BUILD/examples/srnic-pfd/srnic-pfd
PFD_SOCK=/tmp/srnic-pfd.sock
PFD_CONF=/tmp/srnic-pfd.conf
PFD_LOG=$SRNIC_RESULTS/${SRNIC_CHECK:-srnic-pfd}-srnic-pfd.log
PFD_PID=
# EAL's file prefix of srnic-pfd: dpdk-telemetry.py -f $PFD_PREFIX reaches it.
PFD_PREFIX=srnic_pfd

# PF $1 to vfio-pci, with vfio-pci allowed to create VFs.
pf_to_vfio() {
	modprobe vfio-pci || return 1
	echo 1 > /sys/module/vfio_pci/parameters/enable_sriov || return 1
	lab_bind "$1" vfio-pci
}

# pfd_conf_vfs VFS TOKEN [MAC...]: PF := the lab's first PF, on vfio-pci;
# $PFD_CONF := a [pf] of VFS VFs with VF token TOKEN ("" for a random one)
# and a [vf N] with mac = the Nth MAC. A check may append more sections.
pfd_conf_vfs() {
	local vfs=$1 token=$2 n=0 mac
	shift 2
	PF=$(lab_first_pf) || return 1
	pf_to_vfio "$PF" || return 1
	printf '[pf]\npci = %s\nvfs = %s\n' "$PF" "$vfs" > "$PFD_CONF"
	[ -z "$token" ] || printf 'vf_token = %s\n' "$token" >> "$PFD_CONF"
	for mac in "$@"; do
		printf '[vf %d]\nmac = %s\n' "$n" "$mac" >> "$PFD_CONF"
		n=$((n + 1))
	done
}

# pfd_launch BINARY [OPTION...]: srnic-pfd (or a build of it) on $PFD_CONF
# and $PFD_SOCK in the background, its output in $PFD_LOG. Sets PFD_PID.
pfd_launch() {
	local bin=$1
	shift
	[ -x "$bin" ] || { lab_err "$bin is not built (meson option examples)"; return 1; }
	"$bin" -l 0 -n 1 --in-memory --file-prefix=$PFD_PREFIX --no-pci \
		--log-level=lib.srnic_pf:debug -- \
		-c "$PFD_CONF" -s "$PFD_SOCK" "$@" > "$PFD_LOG" 2>&1 &
	PFD_PID=$!
}

# pfd_wait_ready: until the daemon launched says it is ready (TCG is slow:
# up to a minute).
pfd_wait_ready() {
	if ! lab_wait_log "$PFD_PID" 60 "$PFD_LOG" "srnic-pfd: ready"; then
		cat "$PFD_LOG"
		kill -0 "$PFD_PID" 2>/dev/null && lab_err "srnic-pfd not ready" ||
			lab_err "srnic-pfd exited"
		return 1
	fi
}

# pfd_run BINARY [OPTION...]: pfd_launch, then pfd_wait_ready.
pfd_run() {
	pfd_launch "$@" && pfd_wait_ready
}

# pfd_start: run srnic-pfd on $PFD_CONF until it is ready. Sets PFD_PID and
# VF_TOKEN (the first PF's).
pfd_start() {
	rm -f "$PFD_SOCK"
	trap pfd_stop EXIT
	pfd_run "$SRNIC_PFD" || return 1
	grep "srnic-pfd: \(ready\|PF \)" "$PFD_LOG"
	VF_TOKEN=$(sed -n 's/.*vf_token \([0-9a-f-]*\),.*/\1/p' "$PFD_LOG" | head -n 1)
}

# pfd_takeover LOG [COMMAND...]: a new srnic-pfd takes the PFs over from
# the running one (--takeover), logging to LOG; with COMMAND, the running
# one is held (SIGSTOP) until the new one has asked, and COMMAND runs in
# between. The old one must exit 0, having handed over. Sets PFD_PID and
# PFD_LOG.
pfd_takeover() {
	local old=$PFD_PID old_log=$PFD_LOG rc=0
	PFD_LOG=$1
	shift
	[ $# -eq 0 ] || kill -STOP "$old"
	pfd_launch "$SRNIC_PFD" --takeover || { PFD_PID=$old; return 1; }
	if [ $# -gt 0 ]; then
		lab_wait_log "$PFD_PID" 60 "$PFD_LOG" "asked the daemon" || rc=1
		"$@"
		kill -CONT "$old"
		[ $rc -eq 0 ] || { lab_err "the new srnic-pfd did not ask"; return 1; }
	fi
	pfd_wait_ready || { PFD_PID=$old; return 1; }
	wait "$old" || rc=$?
	if [ $rc -ne 0 ] || ! grep -q "handed over to pid $PFD_PID" "$old_log"; then
		cat "$old_log"
		lab_err "the old srnic-pfd (pid $old) did not hand over and exit 0 (exit $rc)"
		return 1
	fi
}

# A command to the running daemon; its answer on stdout.
pfd() {
	"$SRNIC_PFD" --ctl "$PFD_SOCK" "$@"
}

# Stop srnic-pfd with SIGTERM; it must exit 0, having said so. Runs from
# the EXIT trap, so a failure here fails the check.
pfd_stop() {
	local rc=0
	[ -n "$PFD_PID" ] || return 0
	kill -TERM "$PFD_PID" 2>/dev/null
	wait "$PFD_PID" || rc=$?
	PFD_PID=
	echo "--- srnic-pfd log ($PFD_LOG)"
	grep -v '^EAL\|^TELEMETRY' "$PFD_LOG"
	if [ $rc -ne 0 ] || ! grep -q "signal 15, stopping" "$PFD_LOG"; then
		echo "FAIL: srnic-pfd did not stop cleanly on SIGTERM (exit $rc)"
		exit 1
	fi
	echo "ok: srnic-pfd stopped cleanly on SIGTERM"
}

# The VF scenario program with the VF token (VFs of a vfio-pci PF need it)
# and every PCI address among its arguments given to EAL with -a.
test_vf_token() {
	local a vfs=
	for a in "$@"; do
		case $a in
		????:??:??.?) vfs="$vfs $a" ;;
		esac
	done
	vf_run "$vfs" "$@"
}

# Wait until interface $1 (in netns $2, optional) reports carrier.
wait_carrier() {
	local t
	for t in $(seq 200); do
		if [ -n "${2:-}" ]; then
			ip netns exec "$2" cat "/sys/class/net/$1/carrier" 2>/dev/null | grep -q 1 && return 0
		else
			grep -q 1 "/sys/class/net/$1/carrier" 2>/dev/null && return 0
		fi
		sleep 0.1
	done
	return 1
}

# dpdk_fwd SECONDS VF0,MAC0 VF1,MAC1 LOG: DPDK's dpdk-testpmd (its igb VF
# driver) forwarding in mac mode between two VFs of the userspace PF, with
# the VF token; prints rx_packets, tx_packets, rx_dropped, tx_dropped,
# rx_errors and pps (forwarded packets a second, averaged over the run) as
# key=value lines.
dpdk_fwd() {
	local secs=$1 vf0=${2%%,*} mac0=${2#*,} vf1=${3%%,*} mac1=${3#*,} log=$4
	{
		sleep 3
		echo "start tx_first"
		sleep "$secs"
		echo "show port stats all"
		echo "stop"
		sleep 1
		echo "quit"
	} | timeout $((secs + 60)) dpdk-testpmd -l 0-1 -n 1 --in-memory --iova-mode=va \
		--vfio-vf-token="$VF_TOKEN" -a "$vf0" -a "$vf1" -- -i --forward-mode=mac \
		--eth-peer=0,"$mac1" --eth-peer=1,"$mac0" --nb-cores=1 --rxd=512 --txd=512 \
		> "$log" 2>&1 || { tail -n 20 "$log"; return 1; }
	# Sum a "Name: value" field over the lines on stdin.
	sum() { grep -o "$1: *[0-9]*" | awk '{ s += $NF } END { print s + 0 }'; }
	local acc
	acc=$(sed -n '/Accumulated forward statistics/,/+++++++++$/p' "$log")
	echo "rx_packets=$(echo "$acc" | sum RX-packets)"
	echo "tx_packets=$(echo "$acc" | sum TX-packets)"
	echo "rx_dropped=$(echo "$acc" | sum RX-dropped)"
	echo "tx_dropped=$(echo "$acc" | sum TX-dropped)"
	echo "rx_errors=$(sed -n '/NIC statistics for port/,/####/p' "$log" | sum RX-errors)"
	echo "pps=$(( $(echo "$acc" | sum RX-packets) / secs ))"
}

# tel_get FILE COMMAND KEY...: a value of the answer to COMMAND in FILE
# (dpdk-telemetry.py prints one JSON object a line), lists as JSON.
tel_get() {
	python3 - "$@" <<'PY'
import json
import sys

answers = {}
for line in open(sys.argv[1]):
    if line.startswith("{"):
        answers.update(json.loads(line))
value = answers.get(sys.argv[2])
for key in sys.argv[3:]:
    value = value[key] if isinstance(value, dict) and key in value else "missing"
print(json.dumps(value) if isinstance(value, (list, dict)) or value is None else value)
PY
}

# srnic-pfd restarts while a VF application runs, and the application's
# ports come back without restarting it.
# - vfio-pci opens a PF whose VFs are in use only with their VF token, which
#   the daemon gives EAL from its configuration.
# - vfio-pci resets the PF when the first daemon closes it, and that reset
#   takes the VFs' PCI memory space and bus master: their BARs read 0, so
#   the mailbox may not show the reset. Each running port must still see it
#   (RTE_ETH_EVENT_INTR_RESET), and "port reset" (rte_eth_dev_reset) must
#   turn the bits back on, shake hands with the new daemon and forward
#   again, with nothing dropped and the same MACs. While there is no daemon
#   the reset fails and forwarding refuses to start on the stopped ports.
# - The same once more after the daemon is killed with SIGKILL.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
mac0=02:00:00:00:00:20 mac1=02:00:00:00:00:21
token=6f1c2a3b-4d5e-4f60-8172-8394a5b6c7d8
pfd_conf_vfs 2 "$token" "$mac0" "$mac1" || exit 1
pfd_start || exit 1
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) || exit 1

# The application's prompt reads from a FIFO this script writes to.
log=$SRNIC_RESULTS/$SRNIC_CHECK-app.log
fifo=$(mktemp -u) && mkfifo "$fifo" || exit 1
"$SRNIC_TESTPMD" -l 0-1 -n 1 --in-memory --iova-mode=va --vfio-vf-token=$token \
	-a "$VF0" -a "$VF1" -- -i --forward-mode=mac --eth-peer=0,$mac1 --eth-peer=1,$mac0 \
	< "$fifo" > "$log" 2>&1 &
apid=$!
exec 7> "$fifo"
rm -f "$fifo"
# wait_log N PATTERN: until PATTERN is on N lines of the log.
wait_log() { lab_wait_count "$log" "$@"; }
say() { echo "$@" >&7; }
# For the fault table: milliseconds since $1 (date +%s%N).
since_ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# Frames sent before the new daemon has the PF's link up are lost, and
# the forwarding below starts from one burst.
wait_pf_link() {
	local i
	for i in $(seq 100); do
		grep -q "srnic_pf .*: link up" "$PFD_LOG" && return 0
		sleep 0.2
	done
	lab_fail "the PF's link did not come up (see $PFD_LOG)"
}
# stats_block N: rx and dropped of the Nth accumulated forward statistics.
stats_block() {
	local b
	b=$(awk -v n="$1" '/Accumulated forward statistics/ { i++ } i == n' "$log" |
		sed -n '1,/+++++++++$/p')
	rx=$(echo "$b" | grep -o 'RX-packets: *[0-9]*' | head -n 1 | awk '{ print $2 }')
	dropped=$(echo "$b" | grep -o 'RX-dropped: *[0-9]*' | head -n 1 | awk '{ print $2 }')
}
wait_log 2 "^Port [01]: .*MAC" || lab_fail "the application did not set its ports up (see $log)"
say "start tx_first"
sleep 3
say "stop"
wait_log 1 "Accumulated forward statistics" || lab_fail "no statistics after stop"
before=$(accum_field "$log" RX-packets)
lab_expect "forwarded before the PF daemon restart" "$before" -gt 1000
say "start"
# The prompt goes out a character at a time and the reset notices come from
# another thread: let it finish first so that they keep their own lines.
sleep 1

kill -TERM "$PFD_PID"
wait "$PFD_PID"
lab_expect "srnic-pfd exit status on SIGTERM" $? -eq 0
PFD_PID=
wait_log 2 "needs rte_eth_dev_reset()" ||
	lab_fail "the running ports did not see the PF reset (see $log)"
grep "needs rte_eth_dev_reset()" "$log"
# Through the mailbox's reset bit when a look catches it before the BAR
# goes dark, else through the PCI command register.
lab_expect "running ports that saw the PF reset" \
	"$(grep "needs rte_eth_dev_reset()" "$log" |
	grep -o "[0-9a-f]\{4\}:[0-9a-f]\{2\}:[0-9a-f]\{2\}\.[0-7]" | sort -u | wc -l)" -eq 2

# With no daemon the reset handshake fails: the ports stay stopped, and
# forwarding refuses to start on them.
say "stop"
wait_log 2 "Accumulated forward statistics" || lab_fail "no statistics after the second stop"
say "port reset all"
wait_log 2 "port reset on port [01]" || lab_fail "port reset did not answer (see $log)"
lab_expect "port resets refused with no PF daemon" \
	"$(grep -c 'port reset on port [01] failed' "$log")" -eq 2
say "start"
wait_log 1 "Not all ports were started" ||
	lab_fail "forwarding started on stopped ports (see $log)"

PFD_LOG=$SRNIC_RESULTS/$SRNIC_CHECK-second-srnic-pfd.log
pfd_start || exit 1
ready=$(date +%s%N)
lab_expect "new srnic-pfd opened the PF under the VFs in use" \
	"$(grep -c 'srnic-pfd: ready: 1 PF,' "$PFD_LOG")" -eq 1
say "port reset all"
wait_log 4 "port reset on port [01]" || lab_fail "port reset did not answer (see $log)"
grep "port reset on port" "$log"
lab_expect "ports reset in the running application" \
	"$(grep -c 'port reset on port [01]: done' "$log")" -eq 2
wait_pf_link
echo "recovery: ports reset and PF link up $(since_ms "$ready") ms after the new srnic-pfd was ready (SIGTERM)"
say "show port info all"
# The frames that circled before the reset went with the rings.
say "start tx_first"
sleep 5
say "stop"
wait_log 3 "Accumulated forward statistics" || lab_fail "no statistics after the reset"
stats_block 3
lab_expect "forwarded after the reset" "$rx" -gt 1000
lab_expect "RX-dropped after the reset" "$dropped" -eq 0

# The same after SIGKILL: the daemon cleans nothing up, and vfio-pci still
# resets the PF when the kernel closes its files. (After the prompt, as above.)
sleep 1
kill -KILL "$PFD_PID"
wait "$PFD_PID" 2>/dev/null
PFD_PID=
wait_log 4 "needs rte_eth_dev_reset()" ||
	lab_fail "the running ports did not see the PF reset after SIGKILL (see $log)"
PFD_LOG=$SRNIC_RESULTS/$SRNIC_CHECK-third-srnic-pfd.log
pfd_start || exit 1
ready=$(date +%s%N)
say "port reset all"
wait_log 6 "port reset on port [01]" || lab_fail "port reset did not answer (see $log)"
lab_expect "ports reset after the daemon was killed" \
	"$(grep -c 'port reset on port [01]: done' "$log")" -eq 4
wait_pf_link
echo "recovery: ports reset and PF link up $(since_ms "$ready") ms after the new srnic-pfd was ready (SIGKILL)"
say "start tx_first"
sleep 5
say "stop"
wait_log 4 "Accumulated forward statistics" || lab_fail "no statistics after the second reset"
stats_block 4
lab_expect "forwarded after the reset that followed SIGKILL" "$rx" -gt 1000
lab_expect "RX-dropped after the reset that followed SIGKILL" "$dropped" -eq 0

say "quit"
exec 7>&-
wait $apid
lab_expect "application exit status" $? -eq 0
grep -E "MAC address:" "$log" | tail -n 2
lab_expect "port 0 keeps its MAC" "$(grep -c "MAC address: $mac0" "$log")" -ge 1
pfd vf 0 mac "$mac0" > /dev/null || lab_fail "the new srnic-pfd does not answer on its socket"

# srnic-pfd is replaced by a new process 10 times (--takeover) while its
# VFs work, and no VF notices:
# - srnic-testpmd forwards between VF0 and VF1 (mac mode) and asks the PF
#   for a VLAN filter and takes it back every 0.2 s, all through;
# - the Linux igbvf driver on VF2 pings srnic-testpmd in icmpecho mode on
#   VF3 every 0.2 s;
# then: no port reset or PF reset seen by net_srnic (xstats), no mailbox
# reset or FLR counted by the PF, igbvf's link never down, no ping lost,
# every VLAN request answered "done", nothing dropped or missed, and the
# old daemon each time exits 0 without touching the PF. A takeover by a
# srnic-pfd whose snapshots are of another version, by one aimed at a
# socket nobody serves, and by a client that hangs up mid-handover each
# leave the running daemon serving.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
mac0=02:00:00:00:00:90 mac1=02:00:00:00:00:91 mac3=02:00:00:00:00:93
token=0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d
upgrades=10
pfd_conf_vfs 4 "$token" "$mac0" "$mac1" 02:00:00:00:00:92 "$mac3" || exit 1
cat >> "$PFD_CONF" <<CONF
[vf 2]
bind = igbvf
CONF
pfd_start || exit 1
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) && VF3=$(lab_vf "$PF" 3) || exit 1
VF2=$(lab_vf "$PF" 2) && ifc=$(lab_netdev "$VF2") || exit 1
eal=(-n 1 --in-memory --iova-mode=va --vfio-vf-token=$token)

# The forwarding application's prompt reads from a FIFO this script writes.
log=$SRNIC_RESULTS/$SRNIC_CHECK-fwd.log
fifo=$(mktemp -u) && mkfifo "$fifo" || exit 1
"$SRNIC_TESTPMD" -l 0-1 "${eal[@]}" -a "$VF0" -a "$VF1" -- -i --forward-mode=mac \
	--eth-peer=0,$mac1 --eth-peer=1,$mac0 < "$fifo" > "$log" 2>&1 &
fwd_pid=$!
exec 7> "$fifo"
rm -f "$fifo"
say() { echo "$@" >&7; }
wait_log() { lab_wait_count "$log" "$@" || lab_fail "'$2' not $1 times in $log"; }
echo_log=$SRNIC_RESULTS/$SRNIC_CHECK-icmpecho.log
"$SRNIC_TESTPMD" -l 0-1 "${eal[@]}" -a "$VF3" -- --forward-mode=icmpecho \
	--icmp-ip=0,192.0.2.1 --no-promisc > "$echo_log" 2>&1 &
echo_pid=$!
wait_log 2 "^Port [01]: .*MAC"
ip addr add 192.0.2.2/24 dev "$ifc"
ip link set "$ifc" up
wait_carrier "$ifc" || lab_fail "$ifc (igbvf on VF2) has no carrier"
for t in $(seq 60); do
	ping -c 1 -W 1 192.0.2.1 > /dev/null && break
done
say "start tx_first"
down_before=$(dmesg | grep -c "$ifc.*[Ll]ink is [Dd]own")
ping_log=$SRNIC_RESULTS/$SRNIC_CHECK-ping.log
ping -i 0.2 -W 2 192.0.2.1 > "$ping_log" 2>&1 &
ping_pid=$!
# Mailbox requests all through: each waits for the PF's answer.
vlans_on=$(mktemp)
(
	while [ -f "$vlans_on" ]; do
		say "rx_vlan add 101 0"
		sleep 0.1
		say "rx_vlan rm 101 0"
		sleep 0.1
	done
) &
vlan_loop=$!
sleep 2
# The PF's own count of VF resets and FLRs, to compare after the upgrades.
pf_counts() {
	local vf
	for vf in 0 1 2 3; do
		pfd stats $vf | sed -n 's/^\(vf=[0-9]*\) .*\( resets=[0-9]*\) \(flrs=[0-9]*\) .*/\1\2 \3/p'
	done
}
counts_before=$(pf_counts)
echo "$counts_before"
# net_srnic's reset counters (both ports): a port sees the PF's reset once
# when it starts under a new PF; none may come from the upgrades.
xs_now() {
	local n
	n=$(( $(grep -c "pf_resets_seen:" "$log") + 2 ))
	say "show port xstats all"
	wait_log "$n" "pf_resets_seen:"
	grep -o "\(pf_resets_seen\|port_resets\): [0-9]*" "$log" | tail -n 4 | tr '\n' ' '
}
resets_before=$(xs_now)
echo "before the upgrades: $resets_before"

# The upgrades. Each new daemon says how long the mailbox went unserved.
# The last holds the running daemon (SIGSTOP) from before the new one
# starts until it has asked for the handover, and a VF request comes in
# between: it must wait for the new daemon. The request loop pauses
# meanwhile, as no VF waits a whole EAL start for an answer.
request_held() {
	say "rx_vlan add 150 0"
	sleep 0.3
}
for n in $(seq "$upgrades"); do
	held=()
	if [ "$n" -eq "$upgrades" ]; then
		held=(request_held)
		kill -STOP $vlan_loop
		sleep 1
	fi
	pfd_takeover "$SRNIC_RESULTS/$SRNIC_CHECK-srnic-pfd-$n.log" "${held[@]}" ||
		lab_fail "upgrade $n failed"
	grep "srnic-pfd: took over" "$PFD_LOG"
	sleep 1
done
kill -CONT $vlan_loop
lab_expect "mailbox events that waited for the last new daemon" \
	"$(sed -n 's/.*; \([0-9]*\) mailbox events had waited/\1/p' "$PFD_LOG")" -ge 1
silences=$(cat "$SRNIC_RESULTS/$SRNIC_CHECK"-srnic-pfd-*.log |
	sed -n 's/.*went unserved for \([0-9]*\) ms.*/\1/p' | sort -n)
echo "mailbox unserved during the $upgrades handovers (ms, sorted): $(echo $silences)"
lab_expect "handovers that said how long" "$(echo "$silences" | wc -l)" -eq "$upgrades"
echo "mailbox events that waited for a new daemon (requests, acknowledgements): $(cat \
	"$SRNIC_RESULTS/$SRNIC_CHECK"-srnic-pfd-*.log | sed -n 's/.*; \([0-9]*\) mailbox events had waited/\1/p' |
	awk '{ s += $1 } END { print s + 0 }')"

# Refused takeovers: the running daemon goes on serving each time.
old=$PFD_PID old_log=$PFD_LOG
PFD_LOG=$SRNIC_RESULTS/$SRNIC_CHECK-other-snapshot.log
"$SRNIC_BUILD/app/test/guest/srnic-pfd-other-snapshot" -l 0 -n 1 --in-memory \
	--file-prefix=$PFD_PREFIX --no-pci -- -c "$PFD_CONF" -s "$PFD_SOCK" --takeover \
	> "$PFD_LOG" 2>&1
lab_expect "a srnic-pfd of another snapshot version: exit status" $? -eq 1
grep "srnic_pf\|srnic-pfd" "$PFD_LOG"
lab_expect "it says which versions" "$(grep -c "snapshot handed over is version 1 (.*reads version 32767" "$PFD_LOG")" -eq 1
"$SRNIC_PFD" -l 0 -n 1 --in-memory --file-prefix=$PFD_PREFIX --no-pci -- -c "$PFD_CONF" \
	-s /tmp/nobody-serves-here.sock --takeover > "$PFD_LOG" 2>&1
lab_expect "a takeover aimed at a socket nobody serves: exit status" $? -eq 1
grep "no daemon answers" "$PFD_LOG"
python3 - "$PFD_SOCK" <<'PY'
import socket
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall(b"handover 1\n")
msg, fds, flags, addr = socket.recv_fds(s, 8192, 64)
print(f"hung-up client: got {len(msg)} bytes and {len(fds)} descriptors, hangs up")
s.close()
PY
sleep 1
PFD_PID=$old PFD_LOG=$old_log
lab_expect "the daemon still runs" "$(kill -0 "$PFD_PID" && echo yes)" = yes
lab_expect "it served again after each refusal" "$(grep -c "serving again" "$PFD_LOG")" -eq 2
pfd show > "$SRNIC_RESULTS/$SRNIC_CHECK-show.txt"
lab_expect "it answers on its socket" $? -eq 0

# Requests after the refusals are answered too.
sleep 2
rm -f "$vlans_on"
wait $vlan_loop
sleep 1
kill -INT $ping_pid
wait $ping_pid
counts_after=$(pf_counts)
echo "$counts_after"
lab_expect "VF resets and FLRs the PF counted across the upgrades" \
	"$counts_after" = "$counts_before"
say "stop"
wait_log 1 "Accumulated forward statistics"
say "show port stats all"
resets_after=$(xs_now)
echo "after the upgrades: $resets_after"
say "quit"
exec 7>&-
wait $fwd_pid
lab_expect "forwarding application exit status" $? -eq 0
kill -TERM $echo_pid
wait $echo_pid
lab_expect "icmpecho application exit status" $? -eq 0

tail -n 3 "$ping_log"
answered=$(grep -c "bytes from 192.0.2.1" "$ping_log")
last=$(sed -n 's/.*icmp_seq=\([0-9]*\) .*/\1/p' "$ping_log" | tail -n 1)
lab_expect "pings answered" "$answered" -gt 50
lab_expect "pings lost (sequence numbers with no answer)" $((last - answered)) -eq 0
lab_expect "igbvf link-down messages during the upgrades" \
	"$(dmesg | grep -c "$ifc.*[Ll]ink is [Dd]own")" -eq "$down_before"
lab_expect "igbvf carrier at the end" "$(cat "/sys/class/net/$ifc/carrier")" -eq 1
lab_expect "PF and port resets net_srnic counted across the upgrades" \
	"$resets_after" = "$resets_before"
lab_expect "port resets" "$(echo "$resets_after" | grep -o "port_resets: [1-9]" | wc -l)" -eq 0
lab_expect "VLAN requests answered" "$(grep -c "rx_vlan \(add\|rm\) on port 0: done" "$log")" -gt 50
lab_expect "VLAN requests failed" "$(grep -c "rx_vlan \(add\|rm\) on port 0 failed" "$log")" -eq 0
lab_expect "forwarded packets" "$(accum_field "$log" RX-packets)" -gt 1000
lab_expect "RX dropped" "$(accum_field "$log" RX-dropped)" -eq 0
lab_expect "TX dropped" "$(accum_field "$log" TX-dropped)" -eq 0
lab_expect "RX missed" "$(grep -o 'RX-missed: *[0-9]*' "$log" | awk '{ s += $2 } END { print s + 0 }')" -eq 0

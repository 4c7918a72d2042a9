# Faults around a userspace PF, each with nothing left behind:
# - a VF application killed mid-traffic (SIGKILL): vfio-pci resets its VFs,
#   srnic-pfd sees the function-level reset and drops what the VF had asked
#   for (its VLAN filter), and a new application opens the same VFs and
#   forwards;
# - a reset storm: another application resets a third VF 10 times while
#   the first two forward, which lose nothing;
# - srnic-pfd holds as many files at the end as before the faults.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
mac0=02:00:00:00:00:40 mac1=02:00:00:00:00:41 mac2=02:00:00:00:00:42
token=3e0f8a61-2b4c-4d7e-9f10-a2b3c4d5e6f7
pfd_conf_vfs 3 "$token" "$mac0" "$mac1" "$mac2" || exit 1
pfd_start || exit 1
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) && VF2=$(lab_vf "$PF" 2) || exit 1
fds_before=$(ls "/proc/$PFD_PID/fd" | wc -l)
eal=(-n 1 --in-memory --iova-mode=va --vfio-vf-token=$token)
fwd=(--forward-mode=mac --eth-peer=0,$mac1 --eth-peer=1,$mac0)
tel=$SRNIC_RESULTS/$SRNIC_CHECK-telemetry
# vf0 FILE: /srnic_pf/vf and /srnic_pf/mbx of the PF, as the daemon sees them now.
pf_tel_now() {
	printf '%s\n' "/srnic_pf/vf,$PF,0" "/srnic_pf/mbx,$PF" |
		timeout 30 dpdk-telemetry.py -f $PFD_PREFIX > "$1" 2>&1
	cat "$1"
}

# 1. The first application asks for VLAN 200 on VF 0, forwards, is killed.
log_a=$SRNIC_RESULTS/$SRNIC_CHECK-killed-app.log
fifo=$(mktemp -u) && mkfifo "$fifo" || exit 1
"$SRNIC_TESTPMD" -l 0-1 "${eal[@]}" -a "$VF0" -a "$VF1" -- -i "${fwd[@]}" \
	< "$fifo" > "$log_a" 2>&1 &
apid=$!
exec 7> "$fifo"
rm -f "$fifo"
for i in $(seq 120); do
	[ "$(grep -c "^Port [01]: .*MAC" "$log_a")" -ge 2 ] && break
	sleep 0.5
done
echo "rx_vlan add 200 0" >&7
echo "start tx_first" >&7
sleep 3
pf_tel_now "$tel-before-kill.log"
lab_expect "VF 0 filters VLAN 200 for the first application" \
	"$(tel_get "$tel-before-kill.log" /srnic_pf/vf vlan_filters)" = "[200]"
killed=$(date +%s%N)
kill -KILL $apid
wait $apid 2>/dev/null
exec 7>&-
flrs_before=$(tel_get "$tel-before-kill.log" /srnic_pf/mbx vf0 flrs)
sleep 2
pf_tel_now "$tel-after-kill.log"
lab_expect "VF 0's VLAN filter dropped with the killed application" \
	"$(tel_get "$tel-after-kill.log" /srnic_pf/vf vlan_filters)" = "[]"
lab_expect "VF 0 must shake hands again" \
	"$(tel_get "$tel-after-kill.log" /srnic_pf/vf handshake_done)" -eq 0
lab_expect "function-level resets of VF 0 seen" \
	"$(tel_get "$tel-after-kill.log" /srnic_pf/mbx vf0 flrs)" -gt "$flrs_before"

# 2. A new application opens the same VFs and forwards.
log_b=$SRNIC_RESULTS/$SRNIC_CHECK-second-app.log
"$SRNIC_TESTPMD" -l 0-1 "${eal[@]}" -a "$VF0" -a "$VF1" -- "${fwd[@]}" --tx-first \
	--stats-period=2 < /dev/null > "$log_b" 2>&1 &
bpid=$!
for i in $(seq 60); do
	[ "$(grep -c 'RX-packets: *[1-9]' "$log_b")" -ge 2 ] && break
	sleep 1
done
lab_expect "the new application forwards on the killed one's VFs" \
	"$(grep -c 'RX-packets: *[1-9]' "$log_b")" -ge 2
# For the fault table (a new srnic-testpmd's start under TCG included; the
# statistics show every 2 s).
echo "recovery: the new application forwarded $(( ($(date +%s%N) - killed) / 1000000 ))" \
	"ms after the kill"

# 3. A reset storm on VF 2 while VFs 0 and 1 forward.
log_c=$SRNIC_RESULTS/$SRNIC_CHECK-reset-storm.log
resets_before=$(tel_get "$tel-after-kill.log" /srnic_pf/mbx vf2 resets)
{
	for i in $(seq 10); do echo "port reset 0"; done
	echo quit
} | timeout 300 "$SRNIC_TESTPMD" -l 0-1 "${eal[@]}" -a "$VF2" -- -i > "$log_c" 2>&1
lab_expect "reset storm application exit status" $? -eq 0
lab_expect "VF 2 resets that succeeded" "$(grep -c 'port reset on port 0: done' "$log_c")" -eq 10
sleep 4
kill -TERM $bpid
wait $bpid
lab_expect "forwarding application exit status" $? -eq 0
grep -E "RX-packets|RX-dropped" "$log_b" | tail -n 3
lab_expect "forwarded through the storm" "$(accum_field "$log_b" RX-packets)" -gt 10000
lab_expect "RX-dropped through the storm" "$(accum_field "$log_b" RX-dropped)" -eq 0
pf_tel_now "$tel-after-storm.log"
lab_expect "VF 2 reset requests the PF served" \
	"$(tel_get "$tel-after-storm.log" /srnic_pf/mbx vf2 resets)" -ge $((resets_before + 10))

lab_expect "srnic-pfd's open files after the faults" "$(ls "/proc/$PFD_PID/fd" | wc -l)" \
	-eq "$fds_before"

# srnic-pfd restarts while a VF application runs: vfio-pci opens a PF whose
# VFs are in use only with their VF token, which the daemon now gives EAL
# from its configuration (before, the new daemon could not open the PF at
# all). Once the new daemon serves the mailbox, a VF application started
# again forwards, with nothing dropped.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
mac0=02:00:00:00:00:20 mac1=02:00:00:00:00:21
token=6f1c2a3b-4d5e-4f60-8172-8394a5b6c7d8
PF=$(lab_first_pf) || exit 1
pf_to_vfio "$PF" || exit 1
cat > "$PFD_CONF" <<CONF
[pf]
pci = $PF
vfs = 2
vf_token = $token
[vf 0]
mac = $mac0
[vf 1]
mac = $mac1
CONF
pfd_start || exit 1
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) || exit 1
app=("$SRNIC_TESTPMD" -l 0-1 -n 1 --in-memory --iova-mode=va --vfio-vf-token=$token
	-a "$VF0" -a "$VF1" -- --forward-mode=mac --eth-peer=0,$mac1 --eth-peer=1,$mac0
	--tx-first)
first=$SRNIC_RESULTS/$SRNIC_CHECK-first-app.log
"${app[@]}" --stats-period=2 < /dev/null > "$first" 2>&1 &
apid=$!
for i in $(seq 60); do
	[ "$(grep -c 'RX-packets: *[1-9]' "$first")" -ge 2 ] && break
	sleep 1
done
lab_expect "first application forwards" "$(grep -c 'RX-packets: *[1-9]' "$first")" -ge 2

kill -TERM "$PFD_PID"
wait "$PFD_PID"
lab_expect "srnic-pfd exit status on SIGTERM" $? -eq 0
PFD_PID=
# Whether the running ports report the reset is not asserted: after the
# PF reset the running process's view of a VF's registers can go blank
# (reads 0) before its periodic look sees RSTI (see pf_lib.rst).
sleep 3
echo "running ports that reported the PF reset:" \
	"$(grep -c 'the PF is resetting' "$first")"
PFD_LOG=$SRNIC_RESULTS/$SRNIC_CHECK-second-srnic-pfd.log
pfd_start || exit 1
lab_expect "new srnic-pfd opened the PF under the VFs in use" \
	"$(grep -c 'srnic-pfd: ready: PF' "$PFD_LOG")" -eq 1
kill -TERM $apid
wait $apid
lab_expect "first application exit status" $? -eq 0

second=$SRNIC_RESULTS/$SRNIC_CHECK-second-app.log
"${app[@]}" --duration=5 < /dev/null > "$second" 2>&1
lab_expect "second application exit status" $? -eq 0
grep -E "^Port [01]:|RX-packets|RX-dropped" "$second" | tail -n 6
lab_expect "second application: port 0 MAC from the new PF" \
	"$(grep -ic "^Port 0: .*MAC $mac0" "$second")" -eq 1
lab_expect "second application forwards" "$(accum_field "$second" RX-packets)" -gt 10000
lab_expect "second application RX-dropped" "$(accum_field "$second" RX-dropped)" -eq 0
pfd vf 0 mac "$mac0" > /dev/null || lab_fail "the new srnic-pfd does not answer on its socket"

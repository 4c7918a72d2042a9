# srnic-testpmd exports its statistics through DPDK telemetry (read with
# dpdk-telemetry.py), stops cleanly on SIGTERM, and refuses bad options and
# unusable VFs with a message naming them.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
log=$SRNIC_RESULTS/testpmd-telemetry.log
"$SRNIC_TESTPMD" -l 0-1 -n 1 --iova-mode=va --file-prefix=tel -a "$VF0" -a "$VF1" -- \
	--forward-mode=mac --tx-first > "$log" 2>&1 &
pid=$!
sleep 6
tel=$(printf '/srnic_testpmd/stats,0\n/srnic_testpmd/fwd\n' | dpdk-telemetry.py -f tel 2>&1)
echo "$tel"
kill -TERM $pid
wait $pid
lab_expect "exit status after SIGTERM" $? -eq 0
lab_expect "final statistics printed" "$(grep -c 'Accumulated forward statistics' "$log")" -eq 1
ipk=$(echo "$tel" | python3 -c 'import json,sys; t=sys.stdin.read(); i=t.index("{\"/srnic_testpmd/stats"); print(json.JSONDecoder().raw_decode(t[i:])[0]["/srnic_testpmd/stats"]["ipackets"])')
lab_expect "telemetry ipackets of port 0" "${ipk:-0}" -gt 0
lab_expect "telemetry names the mode" "$(echo "$tel" | grep -c '"mode": "mac"')" -eq 1

# shellcheck disable=SC2086
out=$("$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -- --burst=0 2>&1)
lab_expect "--burst=0 exit status" $? -eq 2
echo "$out" | grep -q -- "--burst=0" || lab_fail "the message does not name --burst=0: $out"
# VFs come from EAL's -a: the old option says so.
# shellcheck disable=SC2086
out=$("$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -- --vfs="$VF0" 2>&1)
lab_expect "--vfs exit status" $? -eq 2
echo "$out" | grep -q "EAL's -a" || lab_fail "the message does not point to EAL's -a: $out"
# The PF (on Linux igb) is no port: the app names it and says what to pass.
# shellcheck disable=SC2086
out=$("$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$PF" -- 2>&1)
lab_expect "PF as a VF exit status" $? -eq 1
echo "$out" | grep -q "no port.*$PF" || lab_fail "the message does not name $PF: $out"
echo "$out" | grep -q "bound to vfio-pci" || lab_fail "no reason given: $out"
echo "ok: bad options and unusable devices are named"

# DPDK's own tools see net_srnic ports of a running dpdk-testpmd (which
# loaded the driver with -d) with no srnic code of their own:
# dpdk-proc-info as a secondary process reads their statistics and xstats,
# and dpdk-telemetry.py lists them under /ethdev/. (dpdk-dumpcap is not
# here: in this lab it captures nothing from any driver's port, DPDK's own
# igb VF driver included; every packet counts as dropped.)
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/net-srnic.sh"
vf_setup 2 || exit 1
mac0=02:00:00:00:00:10 mac1=02:00:00:00:00:11
pmd=$(net_srnic_pmd) || exit 1
prefix=srnic22
log=$SRNIC_RESULTS/dpdk-tools-testpmd.log

# The primary forwards until it is told to stop.
dpdk-testpmd -l 0-1 -n 1 --file-prefix=$prefix --iova-mode=va -d "$pmd" \
	-a "$VF0" -a "$VF1" -- --forward-mode=mac --eth-peer=0,$mac1 \
	--eth-peer=1,$mac0 --tx-first --stats-period=2 < /dev/null > "$log" 2>&1 &
tp=$!
trap 'kill -INT $tp 2>/dev/null; wait $tp 2>/dev/null' EXIT
sleep 8
kill -0 $tp || { tail -n 30 "$log"; lab_fail "dpdk-testpmd did not keep running"; }

# proc-info takes one report a run.
pi=$SRNIC_RESULTS/dpdk-proc-info.log
for what in --stats --xstats; do
	timeout 60 dpdk-proc-info --file-prefix=$prefix -d "$pmd" -a "$VF0" -a "$VF1" \
		-- $what >> "$pi" 2>&1
	lab_expect "proc-info $what exit status" $? -eq 0
done
grep -E "NIC statistics for port|RX-packets|rx_good_packets|mbox_requests|rx_hw_packets" "$pi"
lab_expect "proc-info shows both ports" "$(grep -c 'NIC statistics for port' "$pi")" -ge 2
lab_expect "proc-info RX packets of port 0" \
	"$(grep -m1 -o 'RX-packets: *[0-9]*' "$pi" | grep -o '[0-9]*$')" -gt 1000
lab_expect "proc-info shows srnic's mailbox xstats" "$(grep -c 'mbox_requests' "$pi")" -ge 2

tel=$SRNIC_RESULTS/dpdk-telemetry.log
printf '/ethdev/list\n/ethdev/stats,0\n/ethdev/xstats,1\n' |
	timeout 30 dpdk-telemetry.py -f $prefix > "$tel" 2>&1
lab_expect "telemetry exit status" $? -eq 0
cat "$tel"
lab_expect "telemetry lists ports 0 and 1" \
	"$(grep -c '"/ethdev/list": \[0, 1\]' "$tel")" -eq 1
ipk=$(grep -o '"ipackets": [0-9]*' "$tel" | head -n1 | grep -o '[0-9]*$')
lab_expect "telemetry ipackets of port 0" "${ipk:-0}" -gt 1000
lab_expect "telemetry xstats of port 1 name srnic's counters" \
	"$(grep -c '"pf_resets_seen"' "$tel")" -eq 1

kill -INT $tp
wait $tp
lab_expect "dpdk-testpmd stopped cleanly" $? -eq 0
trap - EXIT

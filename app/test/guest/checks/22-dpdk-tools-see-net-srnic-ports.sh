# DPDK's own tools see net_srnic ports of a running dpdk-testpmd (which
# loaded the driver with -d) with no srnic code of their own:
# dpdk-proc-info as a secondary process reads their statistics and xstats,
# dpdk-telemetry.py lists them under /ethdev/ (and what only srnic knows
# under /srnic/), and dpdk-dumpcap captures the frames port 0 receives and
# sends.
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
printf '/ethdev/list\n/ethdev/stats,0\n/ethdev/xstats,1\n/srnic/list\n/srnic/port,1\n' |
	timeout 30 dpdk-telemetry.py -f $prefix > "$tel" 2>&1
lab_expect "telemetry exit status" $? -eq 0
cat "$tel"
lab_expect "telemetry lists ports 0 and 1" \
	"$(grep -c '"/ethdev/list": \[0, 1\]' "$tel")" -eq 1
ipk=$(grep -o '"ipackets": [0-9]*' "$tel" | head -n1 | grep -o '[0-9]*$')
lab_expect "telemetry ipackets of port 0" "${ipk:-0}" -gt 1000
lab_expect "telemetry xstats of port 1 name srnic's counters" \
	"$(grep -c '"pf_resets_seen"' "$tel")" -eq 1
srnic_port=$(grep '^{"/srnic/port"' "$tel")
lab_expect "telemetry: net_srnic drives ports 0 and 1" \
	"$(grep -c '"/srnic/list": \[0, 1\]' "$tel")" -eq 1
lab_expect "telemetry: port 1 is VF 1" "$(echo "$srnic_port" | grep -c "\"vf\": \"$VF1\"")" -eq 1
lab_expect "telemetry: port 1's PF" "$(echo "$srnic_port" | grep -c "\"pf\": \"$PF\"")" -eq 1
lab_expect "telemetry: port 1 has clear to send, its MAC from the PF, no reset pending" \
	"$(echo "$srnic_port" | grep -c '"pf_clear_to_send": 1, "mac_from_pf": 1, "mbox_timed_out": 0, "reset_needed": 0')" -eq 1

# dpdk-dumpcap takes no -d: the driver comes in with LD_PRELOAD. The
# primary copies captured frames into mbufs of dumpcap's pool through the
# pool's mempool-ops index, which is only right when both processes
# registered the same ops in the same order. Debian's dpdk-testpmd links a
# mempool driver (librte_mempool_dpaa) that dumpcap gets only from the
# plugin folder, later: without preloading what testpmd links, every
# frame counts as dropped (for DPDK's own igb VF driver as well).
ops=$(readelf -d /usr/bin/dpdk-testpmd | sed -n 's/.*Shared library: \[\(librte_mempool_[a-z0-9_]*\.so[.0-9]*\)\]/\1/p')
pre=$pmd
for lib in $ops; do pre="$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }') $pre"; done
echo "preloaded into dpdk-dumpcap: $pre"
cap=$SRNIC_RESULTS/dumpcap-port0.pcapng
rm -f "$cap"
LD_PRELOAD="$pre" timeout 60 dpdk-dumpcap --file-prefix=$prefix -i 0 -c 50 -w "$cap" \
	> "$SRNIC_RESULTS/dpdk-dumpcap.log" 2>&1
lab_expect "dumpcap exit status" $? -eq 0
cat "$SRNIC_RESULTS/dpdk-dumpcap.log"
# Ethernet headers of the captured frames, from the pcapng's enhanced
# packet blocks (type 6): one "dst src" line each.
frames=$(python3 -c 'import struct, sys
data = open(sys.argv[1], "rb").read()
pos = 0
while pos + 12 <= len(data):
	kind, size = struct.unpack_from("<II", data, pos)
	if kind == 6:
		caplen = struct.unpack_from("<I", data, pos + 20)[0]
		eth = data[pos + 28:pos + 28 + min(caplen, 12)]
		print(":".join("%02x" % b for b in eth[:6]), ":".join("%02x" % b for b in eth[6:12]))
	pos += size' "$cap")
lab_expect "dumpcap captured frames" "$(echo "$frames" | grep -c .)" -ge 50
# dumpcap takes both directions: frames port 0 received (from port 1) and
# sent (to port 1); a busy forwarder outruns it, so some count as dropped.
lab_expect "dumpcap: frames port 0 received" "$(echo "$frames" | grep -c "^$mac0 $mac1$")" -ge 1
lab_expect "dumpcap: frames port 0 sent" "$(echo "$frames" | grep -c "^$mac1 $mac0$")" -ge 1
lab_expect "dumpcap: no other frame" \
	"$(echo "$frames" | grep -vc -e "^$mac0 $mac1$" -e "^$mac1 $mac0$")" -eq 0

kill -INT $tp
wait $tp
lab_expect "dpdk-testpmd stopped cleanly" $? -eq 0
trap - EXIT

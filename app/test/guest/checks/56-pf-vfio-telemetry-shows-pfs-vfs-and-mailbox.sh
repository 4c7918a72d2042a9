# The PF library's telemetry, read from a running srnic-pfd with DPDK's
# dpdk-telemetry.py: /srnic_pf/list names the PF, /srnic_pf/info its
# backend and VFs, /srnic_pf/vfs and /srnic_pf/vf the MACs, port VLAN and
# trust the configuration gave the two VFs and that both completed the
# reset handshake with srnic-testpmd, /srnic_pf/mbx mailbox counters that
# the VF driver moved. A bad parameter answers null; once the daemon has
# closed the PF and gone, nothing lists it.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
mac0=02:00:00:00:00:30 mac1=02:00:00:00:00:31
token=0c5d7e2a-96b1-4f3c-8d4e-5a6b7c8d9e0f
PF=$(lab_first_pf) || exit 1
pf_to_vfio "$PF" || exit 1
cat > "$PFD_CONF" <<CONF
[pf]
pci = $PF
vfs = 2
vf_token = $token
[vf 0]
mac = $mac0
trust = on
[vf 1]
mac = $mac1
vlan = 100 qos 3
CONF
pfd_start || exit 1
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) || exit 1

# srnic-testpmd drives both VFs (reset handshake, MAC, multicast, frame
# size requests) and keeps them until the answers are read.
app_log=$SRNIC_RESULTS/$SRNIC_CHECK-srnic-testpmd.log
"$SRNIC_TESTPMD" -l 0-1 -n 1 --in-memory --iova-mode=va --vfio-vf-token=$token \
	-a "$VF0" -a "$VF1" -- --forward-mode=mac --eth-peer=0,$mac1 --eth-peer=1,$mac0 \
	--tx-first --stats-period=2 < /dev/null > "$app_log" 2>&1 &
apid=$!
for i in $(seq 60); do
	grep -q 'RX-packets' "$app_log" && break
	sleep 1
done
kill -0 $apid || { tail -n 30 "$app_log"; lab_fail "srnic-testpmd did not keep running"; }

tel=$SRNIC_RESULTS/$SRNIC_CHECK-telemetry.log
printf '%s\n' /srnic_pf/list "/srnic_pf/info,$PF" "/srnic_pf/vfs,$PF" "/srnic_pf/vf,$PF,1" \
	"/srnic_pf/mbx,$PF" | timeout 30 dpdk-telemetry.py -f $PFD_PREFIX > "$tel" 2>&1
lab_expect "dpdk-telemetry.py exit status" $? -eq 0
cat "$tel"
kill -TERM $apid
wait $apid
lab_expect "srnic-testpmd exit status" $? -eq 0

t() { tel_get "$tel" "$@"; }

lab_expect "list" "$(t /srnic_pf/list)" = "[\"$PF\"]"
lab_expect "info: name" "$(t /srnic_pf/info name)" = "$PF"
lab_expect "info: backend" "$(t /srnic_pf/info backend)" = vfio
lab_expect "info: driver" "$(t /srnic_pf/info driver)" = vfio-pci
lab_expect "info: device id" "$(t /srnic_pf/info device_id)" -eq $((0x10c9))
lab_expect "info: VFs" "$(t /srnic_pf/info nb_vfs)" -eq 2
lab_expect "info: most VFs" "$(t /srnic_pf/info max_vfs)" -eq 7
lab_expect "info: link up" "$(t /srnic_pf/info link_up)" -eq 1
lab_expect "vfs: two" "$(t /srnic_pf/vfs | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -eq 2
lab_expect "VF 0 PCI address" "$(t /srnic_pf/vfs vf0 pci_addr)" = "$VF0"
lab_expect "VF 0 driver" "$(t /srnic_pf/vfs vf0 driver)" = vfio-pci
lab_expect "VF 0 MAC" "$(t /srnic_pf/vfs vf0 mac)" = "${mac0^^}"
lab_expect "VF 0 MAC set by the administrator" "$(t /srnic_pf/vfs vf0 mac_admin)" -eq 1
lab_expect "VF 0 trusted" "$(t /srnic_pf/vfs vf0 trust)" -eq 1
lab_expect "VF 0 no port VLAN" "$(t /srnic_pf/vfs vf0 port_vlan)" -eq 0
lab_expect "VF 0 spoof check" "$(t /srnic_pf/vfs vf0 spoofchk_mac)" -eq 1
lab_expect "VF 0 link state" "$(t /srnic_pf/vfs vf0 link_state)" = auto
lab_expect "VF 0 handshake" "$(t /srnic_pf/vfs vf0 handshake_done)" -eq 1
lab_expect "VF 1 MAC" "$(t /srnic_pf/vfs vf1 mac)" = "${mac1^^}"
lab_expect "VF 1 untrusted" "$(t /srnic_pf/vfs vf1 trust)" -eq 0
lab_expect "VF 1 port VLAN" "$(t /srnic_pf/vfs vf1 port_vlan)" -eq 100
lab_expect "VF 1 port VLAN priority" "$(t /srnic_pf/vfs vf1 port_qos)" -eq 3
lab_expect "VF 1 handshake" "$(t /srnic_pf/vfs vf1 handshake_done)" -eq 1
lab_expect "VF 1 receive modes allowed" "$(t /srnic_pf/vfs vf1 rxmode_allowed)" = \
	'["broadcast", "multicast"]'
lab_expect "vf,1 is VF 1" "$(t /srnic_pf/vf vf)" -eq 1
lab_expect "vf,1 MAC" "$(t /srnic_pf/vf mac)" = "${mac1^^}"
lab_expect "vf,1 port VLAN" "$(t /srnic_pf/vf port_vlan)" -eq 100
for vf in vf0 vf1; do
	lab_expect "$vf mailbox requests" "$(t /srnic_pf/mbx $vf msgs)" -gt 0
	lab_expect "$vf mailbox resets" "$(t /srnic_pf/mbx $vf resets)" -ge 1
	lab_expect "$vf mailbox ACKs" "$(t /srnic_pf/mbx $vf acks)" -gt 0
	# srnic-testpmd asks for unicast promiscuous, which the PF does not allow.
	lab_expect "$vf promiscuous refused by policy" "$(t /srnic_pf/mbx $vf refused_by_policy)" -ge 1
done
lab_expect "mailbox requests in total" "$(t /srnic_pf/mbx total msgs)" -eq \
	$(( $(t /srnic_pf/mbx vf0 msgs) + $(t /srnic_pf/mbx vf1 msgs) ))
# srnic-pfd's own counters of VF 0 agree (they only grow).
stats=$(pfd stats 0)
echo "$stats"
lab_expect "srnic-pfd counts at least as many requests" \
	"$(echo "$stats" | grep -o ' msgs=[0-9]*' | cut -d= -f2)" -ge "$(t /srnic_pf/mbx vf0 msgs)"

# Bad parameters: telemetry answers null.
for bad in "/srnic_pf/vf,$PF,2" "/srnic_pf/vf,$PF" "/srnic_pf/info,0000:7f:00.0" \
	"/srnic_pf/mbx,nonsense"; do
	echo "$bad" | timeout 30 dpdk-telemetry.py -f $PFD_PREFIX > "$tel.bad" 2>&1
	cat "$tel.bad"
	lab_expect "$bad answers null" "$(tel_get "$tel.bad" "${bad%%,*}")" = null
done

# The daemon closes the PF and exits: no process lists it any more.
pfd_stop
echo /srnic_pf/list | timeout 30 dpdk-telemetry.py -f $PFD_PREFIX > "$tel.after" 2>&1
cat "$tel.after"
lab_expect "PF listed after srnic-pfd stopped" "$(grep -c "$PF" "$tel.after")" -eq 0

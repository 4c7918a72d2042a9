# Userspace PF with DPDK's own igb VF driver (dpdk-testpmd, with
# --vfio-vf-token): both ports come up with the MACs srnic-pfd gave them,
# link up, and forward in mac mode through the internal switch with
# nothing dropped; the PF's per-VF counters see the traffic.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
mac0=02:00:00:00:00:20 mac1=02:00:00:00:00:21
pfd_conf_vfs 2 "" "$mac0" "$mac1" || exit 1
pfd_start || exit 1
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) || exit 1
log=$SRNIC_RESULTS/$SRNIC_CHECK-testpmd.log
out=$(dpdk_fwd 5 "$VF0,$mac0" "$VF1,$mac1" "$log") || lab_fail "dpdk-testpmd failed: $out"
echo "$out"
eval "$out"
grep -i "Port [01]: \|link" "$log" | head -n 8
lab_expect "port 0 MAC from the PF" "$(grep -ic "Port 0: $mac0" "$log")" -ge 1
lab_expect "port 1 MAC from the PF" "$(grep -ic "Port 1: $mac1" "$log")" -ge 1
lab_expect "forwarded packets" "$rx_packets" -gt 10000
lab_expect "TX equals RX" "$tx_packets" -eq "$rx_packets"
lab_expect "RX dropped" "$rx_dropped" -eq 0
lab_expect "TX dropped" "$tx_dropped" -eq 0
lab_expect "RX errors" "$rx_errors" -eq 0
tx0=$(pfd stats 0 | sed -n 's/.* tx_packets=\([0-9]*\) .*/\1/p')
lab_expect "packets the PF counted from VF0" "$tx0" -gt 10000
pfd show

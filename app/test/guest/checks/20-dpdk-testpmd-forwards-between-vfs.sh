# DPDK's own VF driver (dpdk-testpmd, mac forwarding) moves packets between
# two VFs through the NIC's internal switch, with nothing dropped. This is
# the anchor later benchmarks measure srnic against.
. "$SRNIC_SRC/usertools/lab/srnic-lab.sh"
set -e
mac0=02:00:00:00:00:10 mac1=02:00:00:00:00:11
pf=$(lab_first_pf)
lab_pf_up "$pf"
set -- $(lab_create_vfs "$pf" 2)
lab_set_vf_mac "$pf" 0 $mac0
lab_set_vf_mac "$pf" 1 $mac1
lab_bind_vfio "$1"
lab_bind_vfio "$2"
lab_wait_link 5
out=$("$SRNIC_GUEST_LIB/testpmd-fwd.sh" dpdk 5 "$1,$mac0" "$2,$mac1" \
	"$SRNIC_RESULTS/dpdk-testpmd-fwd.log")
echo "$out"
eval "$out"
lab_expect "forwarded packets" "$rx_packets" -gt 10000
lab_expect "TX equals RX" "$tx_packets" -eq "$rx_packets"
lab_expect "RX dropped" "$rx_dropped" -eq 0
lab_expect "TX dropped" "$tx_dropped" -eq 0
lab_expect "RX missed" "$rx_missed" -eq 0
lab_expect "RX errors" "$rx_errors" -eq 0
lab_expect "packets per second" "$pps" -gt 1000
echo "anchor: dpdk-testpmd forwarded $pps packets/s in total"

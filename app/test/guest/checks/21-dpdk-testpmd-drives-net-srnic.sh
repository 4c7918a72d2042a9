# Debian's own dpdk-testpmd, unmodified, loads net_srnic with -d: EAL
# probes the VFs with it rather than with its own igb VF driver, testpmd
# shows the ports as net_srnic, and mac forwarding between the two VFs
# drops nothing. The burst functions are the vector ones this CPU runs,
# and scalar ones when EAL limits SIMD to 64 bits.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/net-srnic.sh"
vf_setup 2 || exit 1
mac0=02:00:00:00:00:10 mac1=02:00:00:00:00:11	# what vf_setup gave them
set -- "$VF0" "$VF1"
pmd=$(net_srnic_pmd) || exit 1

info=$SRNIC_RESULTS/dpdk-testpmd-net-srnic-info.log
{
	sleep 3
	echo "show port info 0"
	echo "show port info 1"
	echo "show rxq info 0 0"
	echo "show txq info 0 0"
	echo "show port 0 rx_offload capabilities"
	sleep 1
	echo "quit"
} | timeout 60 dpdk-testpmd -l 0-1 -n 1 --in-memory --iova-mode=va -d "$pmd" \
	-a "$1" -a "$2" -- -i > "$info" 2>&1
lab_expect "testpmd exit status" $? -eq 0
grep -E "Probe PCI driver|Driver name|MAC address|Link status|Burst mode" "$info"
lab_expect "ports probed by net_srnic" \
	"$(grep -c 'Probe PCI driver: net_srnic (8086:10ca)' "$info")" -eq 2
lab_expect "none by DPDK's igb VF driver" "$(grep -c 'net_e1000_igb_vf' "$info")" -eq 0
lab_expect "driver name shown" "$(grep -c 'Driver name: net_srnic' "$info")" -eq 2
lab_expect "port 0 MAC from the PF" "$(grep -ci "MAC address: $mac0" "$info")" -eq 1
lab_expect "port 1 MAC from the PF" "$(grep -ci "MAC address: $mac1" "$info")" -eq 1
lab_expect "link up" "$(grep -c 'Link status: up' "$info")" -eq 2
# The widest vector path the guest CPU has: AVX2, else SSE4.1.
vector="Vector SSE"
grep -qw avx2 /proc/cpuinfo && vector="Vector AVX2"
echo "guest CPU: expecting '$vector'"
lab_expect "RX and TX burst mode $vector" "$(grep -c "Burst mode: $vector\$" "$info")" -eq 2

scalar_info=$SRNIC_RESULTS/dpdk-testpmd-net-srnic-scalar.log
{
	sleep 3
	echo "show rxq info 0 0"
	echo "show txq info 0 0"
	sleep 1
	echo "quit"
} | timeout 60 dpdk-testpmd -l 0-1 -n 1 --in-memory --iova-mode=va -d "$pmd" \
	--force-max-simd-bitwidth=64 -a "$1" -a "$2" -- -i > "$scalar_info" 2>&1
lab_expect "testpmd with SIMD limited exit status" $? -eq 0
grep "Burst mode" "$scalar_info"
lab_expect "scalar burst modes, and why" "$(grep -c \
	'Burst mode: Scalar Simple (EAL limits SIMD to 64 bits)$' "$scalar_info")" -eq 2

out=$("$SRNIC_GUEST_LIB/testpmd-fwd.sh" net_srnic 5 \
	"$1,$mac0" "$2,$mac1" "$SRNIC_RESULTS/dpdk-testpmd-net-srnic-fwd.log")
lab_expect "forwarding run" $? -eq 0
echo "$out"
eval "$out"
lab_expect "driven by net_srnic" \
	"$(grep -c 'Probe PCI driver: net_srnic' "$SRNIC_RESULTS/dpdk-testpmd-net-srnic-fwd.log")" -eq 2
lab_expect "forwarded packets" "$rx_packets" -gt 10000
# net_srnic counts what the app took and gave (not the NIC's counters): at
# "stop", the 2 x 32 packets of "start tx_first" may still sit in the RX
# rings, sent but not yet taken.
lab_expect "TX minus RX (packets still in the rings)" $((tx_packets - rx_packets)) -le 64
lab_expect "RX not above TX" "$rx_packets" -le "$tx_packets"
lab_expect "RX dropped" "$rx_dropped" -eq 0
lab_expect "TX dropped" "$tx_dropped" -eq 0
lab_expect "RX errors" "$rx_errors" -eq 0
lab_expect "RX no mbufs" "$rx_nombuf" -eq 0
echo "dpdk-testpmd with net_srnic forwarded $pps packets/s in total"

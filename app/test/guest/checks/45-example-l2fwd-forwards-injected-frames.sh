# examples/srnic-l2fwd forwards frames between paired VFs: srnic-testpmd
# (txonly, paced) sends to VF0, l2fwd forwards out of VF1 towards a VF that
# the Linux igbvf driver holds, whose interface counts what arrives.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 4 3 || exit 1
lab_bind "$VF3" igbvf || exit 1
sleep 1
ifc=$(lab_netdev "$VF3") || exit 1
ip link set "$ifc" up
sleep 1
sink_mac=$(cat "/sys/class/net/$ifc/address")
before=$(cat "/sys/class/net/$ifc/statistics/rx_packets")
log=$SRNIC_RESULTS/l2fwd.log
# The forwarder polls on CPU 1 of its own; the paced injector shares CPU 0
# with the kernel (a stall longer than a ring's worth of frames would make
# the NIC drop silently).
"$SRNIC_BUILD/examples/srnic-l2fwd/srnic-l2fwd" -l 0-1 -n 1 --in-memory \
	--iova-mode=va -a "$VF0" -a "$VF1" -- -d "1,$sink_mac" -T 14 > "$log" 2>&1 &
pid=$!
sleep 4
"$SRNIC_TESTPMD" --lcores=0@0,1@0 -n 1 --in-memory --iova-mode=va -a "$VF2" -- \
	--forward-mode=txonly --eth-peer=0,02:00:00:00:00:10 --duration=3 \
	--tx-pps=10000 > "$SRNIC_RESULTS/l2fwd-injector.log" 2>&1
sent=$(accum_field "$SRNIC_RESULTS/l2fwd-injector.log" TX-packets)
wait $pid
lab_expect "l2fwd exit status" $? -eq 0
cat "$log"
fwd=$(sed -n 's/^port 0: forwarded \([0-9]*\) dropped.*/\1/p' "$log")
drop=$(sed -n 's/^port 0: forwarded [0-9]* dropped \([0-9]*\)/\1/p' "$log")
got=$(( $(cat "/sys/class/net/$ifc/statistics/rx_packets") - before ))
# Well below the nominal rate: TCG on a loaded host runs slower.
lab_expect "injected packets (3 s at up to 10000/s)" "$sent" -gt 8000
lab_expect "l2fwd forwarded from VF0" "$fwd" -eq "$sent"
lab_expect "l2fwd dropped" "$drop" -eq 0
lab_expect "kernel VF received" "$got" -ge "$sent"

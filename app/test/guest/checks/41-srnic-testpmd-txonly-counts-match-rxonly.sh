# One srnic-testpmd generates on VF0 (txonly), another receives on VF1
# (rxonly): every packet sent is received. The sender is paced below what
# the receiver can take: the emulated NIC drops silently on a full ring.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
rx_log=$SRNIC_RESULTS/testpmd-rxonly.log tx_log=$SRNIC_RESULTS/testpmd-txonly.log
# The receiver polls on CPU 0 and the sender on CPU 1, so neither starves.
"$SRNIC_TESTPMD" --lcores=0@0,1@0 -n 1 --in-memory --iova-mode=va -a "$VF1" -- \
	--forward-mode=rxonly --rxd=4096 --rxfreet=1024 > "$rx_log" 2>&1 &
rx_pid=$!
sleep 3
"$SRNIC_TESTPMD" -l 0,1 -n 1 --in-memory --iova-mode=va -a "$VF0" -- \
	--forward-mode=txonly --eth-peer=0,02:00:00:00:00:11 --duration=4 \
	--txpkts=128 --tx-pps=50000 > "$tx_log" 2>&1
lab_expect "txonly exit status" $? -eq 0
sleep 1
kill -INT $rx_pid
wait $rx_pid
lab_expect "rxonly exit status after SIGINT" $? -eq 0
sent=$(accum_field "$tx_log" TX-packets)
got=$(accum_field "$rx_log" RX-packets)
echo "txonly sent $sent, rxonly received $got"
# Well below the nominal rate: TCG on a loaded host runs slower.
lab_expect "packets sent (4 s at up to 50000/s)" "$sent" -gt 40000
lab_expect "packets received" "$got" -eq "$sent"
lab_expect "TX dropped" "$(accum_field "$tx_log" TX-dropped)" -eq 0

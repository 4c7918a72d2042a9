# RX interrupts: srnic-rxintr arms its queue's MSI-X vector (vfio) once the
# queue has been idle and sleeps in epoll. While no frame comes its CPU
# time stays near zero; a paced sender then wakes it, and every frame sent
# is received.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
RXINTR=$SRNIC_BUILD/examples/srnic-rxintr/srnic-rxintr
log=$SRNIC_RESULTS/$SRNIC_CHECK-rxintr.log tx_log=$SRNIC_RESULTS/$SRNIC_CHECK-txonly.log
# The receiver on CPU 0, the sender later on CPU 1.
"$RXINTR" -l 0 -n 1 --in-memory --iova-mode=va -a "$VF0" -- -T 60 > "$log" 2>&1 &
rx_pid=$!
lab_wait_log $rx_pid 60 "$log" "receiving on 1 ports" ||
	{ cat "$log"; lab_fail "srnic-rxintr did not start"; }

# CPU time (user + system, clock ticks) of the process.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$rx_pid/stat"; }
sleep 2
t0=$(cpu_ticks)
sleep 5
idle=$(( $(cpu_ticks) - t0 ))
hz=$(getconf CLK_TCK)
echo "CPU time over 5 s idle: $idle ticks of $((5 * hz))"
# A polling receiver would use all of them.
lab_expect "idle CPU ticks in 5 s (under 5 %)" "$idle" -lt $((5 * hz / 20))

"$SRNIC_TESTPMD" -l 1,0 -n 1 --in-memory --iova-mode=va -a "$VF1" -- \
	--forward-mode=txonly --eth-peer=0,02:00:00:00:00:10 --duration=4 \
	--txpkts=128 --tx-pps=5000 > "$tx_log" 2>&1
lab_expect "txonly exit status" $? -eq 0
sleep 2
kill -INT $rx_pid
wait $rx_pid
lab_expect "srnic-rxintr exit status" $? -eq 0
cat "$log" | grep -v "^EAL"
lab_expect "driven by net_srnic" "$(grep -c "Probe PCI driver: net_srnic" "$log")" -eq 1
# ethdev sets the port's MAC again at start; the PF (the administrator set
# this VF's MAC) must not be asked, since it refuses any request.
lab_expect "MAC requests refused" "$(grep -c "refused MAC" "$log")" -eq 0
sent=$(accum_field "$tx_log" TX-packets)
got=$(sed -n 's/^port 0: received //p' "$log")
echo "sent $sent, received $got"
lab_expect "packets sent (4 s at up to 5000/s)" "$sent" -gt 4000
lab_expect "packets received" "$got" -eq "$sent"
lab_expect "woken by an interrupt" "$(sed -n 's/.*woken by an interrupt \([0-9]*\) times/\1/p' "$log")" -gt 0
back=$(sed -n 's/^mempool: \([0-9]*\) of \([0-9]*\) mbufs back/\1 \2/p' "$log")
lab_expect "mbufs back after close" "${back% *}" -eq "${back#* }"

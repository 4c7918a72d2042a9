# srnic-testpmd in icmpecho mode on VF0 answers ARP and ping from the Linux
# igbvf driver on another VF of the same PF.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 3 || exit 1
lab_bind "$VF2" igbvf || exit 1
sleep 1
ifc=$(lab_netdev "$VF2") || exit 1
ip addr add 192.0.2.2/24 dev "$ifc"
ip link set "$ifc" up
log=$SRNIC_RESULTS/testpmd-icmpecho.log
# shellcheck disable=SC2086
"$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -- --forward-mode=icmpecho \
	--icmp-ip=0,192.0.2.1 --no-promisc > "$log" 2>&1 &
pid=$!
sleep 4
for t in $(seq 20); do
	grep -q 1 "/sys/class/net/$ifc/carrier" && break
	sleep 0.5
done
ping -c 5 -i 0.3 -W 2 192.0.2.1 | tee "$SRNIC_RESULTS/ping.log"
kill -TERM $pid
wait $pid
lab_expect "srnic-testpmd exit status after SIGTERM" $? -eq 0
lab_expect "ping replies" "$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$SRNIC_RESULTS/ping.log")" -eq 5
lab_expect "ARP answer from the srnic VF's MAC" \
	"$(ip neigh show 192.0.2.1 dev "$ifc" | grep -o 'lladdr [0-9a-f:]*')" = "lladdr 02:00:00:00:00:10"
lab_expect "replies sent" "$(accum_field "$log" TX-packets)" -ge 6

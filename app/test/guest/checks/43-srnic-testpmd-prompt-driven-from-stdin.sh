# The srnic-testpmd> prompt (DPDK cmdline) driven through standard input:
# every command of the prompt does what it says, then quit closes cleanly.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
log=$SRNIC_RESULTS/testpmd-prompt.log
{
	echo "show port info 0"
	echo "set fwd mac"
	echo "start tx_first"
	sleep 2
	echo "show port stats all"
	echo "stop"
	echo "set allmulti all on"
	echo "rx_vlan add 100 1"
	echo "rx_vlan rm 100 1"
	echo "port config mtu 0 1400"
	echo "mac_addr set 0 02:00:00:00:00:99"
	echo "show port xstats 1"
	echo "clear port stats all"
	echo "show port stats 0"
	echo "port reset 1"
	echo "set fwd nosuchmode"
	echo "show port info 7"
	echo "quit"
} | timeout 120 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -a "$VF1" -- -i > "$log" 2>&1
lab_expect "exit status" $? -eq 0
has() { grep -q -- "$1" "$log" || lab_fail "prompt output lacks '$1' (see $log)"; echo "ok: saw '$1'"; }
has "Driver name: net_srnic"
has "Link status: up"
has "Set mac packet forwarding mode"
has "Accumulated forward statistics"
has "allmulti on port 0: done"
has "rx_vlan add on port 1: done"
has "rx_vlan rm on port 1: done"
has "port config mtu on port 0: done"
has "mac_addr set on port 0 failed: Operation not permitted"
has "mbox_requests:"
has "NIC statistics for port 0 cleared"
has "port reset on port 1: done"
has "Unknown forwarding mode 'nosuchmode'"
has "Invalid port '7'"
has "Bye..."
lab_expect "forwarded before stop" "$(accum_field "$log" RX-packets)" -gt 1000

# The srnic-testpmd> prompt (DPDK cmdline) driven through standard input:
# every command of the prompt does what it says, in testpmd's words, then
# quit closes cleanly. A second run reads its commands from --cmdline-file
# and shows a block per stream with --rxq=2.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
log=$SRNIC_RESULTS/testpmd-prompt.log
{
	echo "show port info 0"
	echo "show port summary all"
	echo "set nbcore 2"
	echo "set nbcore 1"
	echo "set eth-peer 0 02:00:00:00:00:77"
	echo "set fwd mac"
	echo "show config fwd"
	echo "start tx_first"
	sleep 2
	echo "show fwd stats all"
	echo "port stop 0"
	echo "show port stats all"
	echo "stop"
	echo "set fwd 5tswap"
	echo "start tx_first"
	sleep 2
	echo "stop"
	echo "set fwd csum"
	echo "start tx_first"
	sleep 2
	echo "stop"
	echo "set fwd rxonly"
	echo "set verbose 1"
	echo "start tx_first"
	sleep 1
	echo "stop"
	echo "set verbose 0"
	echo "port stop 1"
	echo "start"
	echo "port start 1"
	echo "port start 1"
	echo "set allmulti all on"
	echo "rx_vlan add 100 1"
	echo "rx_vlan rm 100 1"
	echo "port config mtu 0 1400"
	echo "mac_addr set 0 02:00:00:00:00:99"
	echo "mac_addr add 0 02:00:00:00:00:55"
	echo "show port xstats 1"
	echo "clear port stats all"
	echo "show port stats 0"
	echo "port reset 1"
	echo "set fwd nosuchmode"
	echo "show port info 7"
	echo "quit"
} | timeout 180 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -a "$VF1" -- -i > "$log" 2>&1
lab_expect "exit status" $? -eq 0
has() { grep -q -- "$1" "$log" || lab_fail "prompt output lacks '$1' (see $log)"; echo "ok: saw '$1'"; }
hasE() { grep -qE -- "$1" "$log" || lab_fail "prompt output lacks /$1/ (see $log)"; echo "ok: saw /$1/"; }
count() { grep -c -- "$1" "$log"; }
has "Driver name: net_srnic"
has "Link status: up"
has "MTU: 1500"
has "Allmulticast mode: disabled"
has "VLAN offload: "
has "  strip off, filter on, extend off, qinq strip off"
has "Max possible RX queues: 2"
# show port summary all
has "Number of available ports: 2"
hasE "^Port MAC Address +Name +Driver +Status +Link$"
hasE "^1 +([0-9A-F]{2}:){5}[0-9A-F]{2} +[0-9a-f:.]+ +net_srnic +up "
has "nb fwd cores 2 > 1 (max. number of configured lcores) - ignored"
has "Number of forwarding cores set to 1"
# show config fwd, with the peer set at the prompt
has "mac packet forwarding - ports=2 - cores=1 - streams=2 - NUMA support enabled, MP allocation mode: native"
has "Logical Core 1 (socket 0) forwards packets on 2 streams:"
hasE "RX P=1/Q=0 \(socket [0-9]+\) -> TX P=0/Q=0 \(socket [0-9]+\) peer=02:00:00:00:00:77"
has "Set mac packet forwarding mode"
# show fwd stats all while forwarding, then stop: two accumulated blocks
lab_expect "show fwd stats all printed" "$(count 'Accumulated forward statistics')" -ge 5
has "Please remove port 0 from forwarding configuration."
hasE "^  ######################## NIC statistics for port 0  ########################$"
hasE "^  #{76}$"
has "Set 5tswap packet forwarding mode"
has "csum packet forwarding - ports=2"
hasE "^  Bad-ipcsum: 0 +Bad-l4csum: 0 +Bad-outer-l4csum: 0"
has "Change verbose level from 0 to 1"
# The forwarding lcore prints these while the prompt writes its text one
# character at a time from another thread: they need not start a line.
hasE "port [01]/queue 0: received [0-9]+ packets$"
hasE "  src=([0-9A-F]{2}:){5}[0-9A-F]{2} - dst=.* - type=0x0800 - length=64 - nb_segs=1$"
has "Change verbose level from 1 to 0"
has "Stopping ports..."
has "Not all ports were started: port 1 is stopped"
hasE "(^|> )Port 1: ([0-9A-F]{2}:){5}[0-9A-F]{2}$"
has "Checking link statuses..."
hasE "^Port 1 Link up"
has "Port 1 is now not stopped"
has "Please stop the ports first"
has "allmulti on port 0: done"
has "rx_vlan add on port 1: done"
has "rx_vlan rm on port 1: done"
has "port config mtu on port 0: done"
has "mac_addr set on port 0 failed: Operation not permitted"
# net_srnic has one MAC a VF: ethdev refuses a second one.
has "mac_addr_cmd error: (Operation not supported)"
has "mbox_requests:"
has "NIC statistics for port 0 cleared"
has "port reset on port 1: done"
has "Unknown forwarding mode 'nosuchmode'"
has "Invalid port '7'"
has "Bye..."
lab_expect "forwarded before stop" "$(accum_field "$log" RX-packets)" -gt 1000

# testpmd's options: commands from a file, two queues a port, burst
# statistics, ports and lcores by mask, the frame length.
cmds=$SRNIC_RESULTS/testpmd-cmds.txt
log2=$SRNIC_RESULTS/testpmd-options.log
printf 'show port info 0\nshow config fwd\n' > "$cmds"
timeout 120 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -a "$VF1" -- --rxq=2 --txq=2 \
	--portmask=0x3 --nb-ports=2 --coremask=0x2 --max-pkt-len=1422 --disable-rss \
	--record-burst-stats --tx-first --cmdline-file="$cmds" --duration=3 > "$log2" 2>&1
lab_expect "exit status with options" $? -eq 0
log=$log2
has "Read CLI commands from $cmds"
has "MTU: 1400"
has "io packet forwarding - ports=2 - cores=1 - streams=4"
hasE "^  ------- Forward Stats for RX Port= 0/Queue= 1 -> TX Port= 1/Queue= 1 -------$"
hasE "^  ------- Forward Stats for RX Port= 1/Queue= 0 -> TX Port= 0/Queue= 0 -------$"
hasE "^  RX-bursts : [0-9]+ \[[0-9]+% of 0 pkts"
hasE "^  TX-bursts : [0-9]+ \["
lab_expect "forwarded with two queues" "$(accum_field "$log2" RX-packets)" -gt 100

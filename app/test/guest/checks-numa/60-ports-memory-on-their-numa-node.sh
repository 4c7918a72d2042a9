# Two sockets, the NIC on NUMA node 1 (srnic-vm --numa). net_srnic reports
# the VF's node as the port's socket, to Debian's dpdk-testpmd as to
# srnic-testpmd; srnic-testpmd puts the port's descriptor rings and its
# mbufs in that node's memory, as testpmd does; --port-numa-config and
# --ring-numa-config move them; a socket EAL does not have is refused.
# (The two srnic-testpmd runs read placement through telemetry with one
# connection each: a program start costs seconds in this lab.)
# Placement is read twice: from EAL (telemetry: the memzones' and the
# pool's socket) and from the kernel (hugepages in use on each node).
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/net-srnic.sh"
vf_setup 2 || exit 1
mac0=02:00:00:00:00:10 mac1=02:00:00:00:00:11
lab_expect "VF0's NUMA node" "$(cat /sys/bus/pci/devices/$VF0/numa_node)" = 1
lab_expect "VF1's NUMA node" "$(cat /sys/bus/pci/devices/$VF1/numa_node)" = 1

# Debian's dpdk-testpmd sees the socket through the driver.
pmd=$(net_srnic_pmd) || exit 1
log=$SRNIC_RESULTS/numa-dpdk-testpmd.log
printf 'show port info 0\nquit\n' | timeout 120 dpdk-testpmd -l 0-1 -n 1 --in-memory \
	--iova-mode=va -d "$pmd" -a "$VF0" -- -i --total-num-mbufs=4096 > "$log" 2>&1
grep -E "Driver name|Connect to socket|memory allocation" "$log"
lab_expect "dpdk-testpmd: driver" "$(grep -c 'Driver name: *net_srnic' "$log")" -eq 1
lab_expect "dpdk-testpmd: port 0 connects to socket 1" \
	"$(grep -c 'Connect to socket: *1' "$log")" -eq 1
lab_expect "dpdk-testpmd: port 0 memory on socket 1" \
	"$(grep -c 'memory allocation on the socket: *1' "$log")" -eq 1

node_free() {
	cat /sys/devices/system/node/node$1/hugepages/hugepages-2048kB/free_hugepages
}

# placement PREFIX: from the telemetry socket of the app, one line of
# shell assignments: rings (the socket of each ring memzone as
# "name=socket"), pools (names), and socket, mz_socket and bytes of the
# first pool. One connection, since each program start is slow here.
placement() {
	python3 -c 'import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect("/var/run/dpdk/%s/dpdk_telemetry.v2" % sys.argv[1])
s.recv(65536)
def ask(cmd):
	s.send(cmd.encode())
	return json.loads(s.recv(1 << 20).decode())[cmd.split(",")[0]]
rings = []
for zid in ask("/eal/memzone_list"):
	z = ask("/eal/memzone_info,%d" % zid)
	if z["Name"].startswith(("srnic_rxr_", "srnic_txr_")):
		rings.append("%s=%s" % (z["Name"], z["Socket"]))
pools = sorted(ask("/mempool/list"))
p = ask("/mempool/info," + pools[0])
print("rings=\"%s\" pools=\"%s\" pool_socket=%d pool_mz_socket=%d pool_bytes=%d" % (
	" ".join(sorted(rings)), " ".join(pools), p["socket_id"], p["mz_socket_id"],
	p["size"] * p["elt_size"]))' "$1"
}

# run_testpmd NAME OPTIONS...: srnic-testpmd mac-forwards between the VFs;
# while it runs, reads where its memory is: sets $out (its log), $rings,
# $pools, $pool_socket, $pool_mz_socket, $pool_bytes and $node1_used.
run_testpmd() {
	local name=$1 free1 pid
	shift
	out=$SRNIC_RESULTS/numa-$name.log
	free1=$(node_free 1)
	"$SRNIC_TESTPMD" -l 0-1 -n 1 --file-prefix="numa-$name" --huge-unlink \
		--iova-mode=va -a "$VF0" -a "$VF1" -- --forward-mode=mac \
		--eth-peer=0,$mac1 --eth-peer=1,$mac0 --tx-first "$@" \
		< /dev/null > "$out" 2>&1 &
	pid=$!
	lab_wait_log $pid 60 "$out" "^Port 1: socket"
	echo "[${SECONDS} s] srnic-testpmd $name is up"
	sleep 3
	node1_used=$(( (free1 - $(node_free 1)) * 2 * 1024 * 1024 ))
	rings= pools= pool_socket= pool_mz_socket= pool_bytes=0
	eval "$(placement "numa-$name")"
	kill -TERM $pid
	wait $pid
	lab_expect "srnic-testpmd $name exit status" $? -eq 0
	grep -E "mbuf pool|socket" "$out"
	echo "[${SECONDS} s] rings: $rings; pools: $pools; first pool on socket $pool_socket" \
		"(memzone $pool_mz_socket), $pool_bytes bytes; node 1 hugepages in use:" \
		"$node1_used bytes"
	lab_expect "srnic-testpmd $name forwarded" "$(accum_field "$out" RX-packets)" -gt 1000
	lab_expect "srnic-testpmd $name RX-nombuf" "$(accum_field "$out" RX-nombuf)" -eq 0
}

# Default: everything of the ports on node 1, one pool there.
run_testpmd default
lab_expect "default: port 0's socket" "$(grep -c '^Port 0: socket 1 (device.s: 1)' "$out")" -eq 1
lab_expect "default: pools" "$pools" = mb_pool_1
lab_expect "default: pool socket" "$pool_socket" = 1
lab_expect "default: pool memzone socket" "$pool_mz_socket" = 1
lab_expect "default: rings" "$rings" = \
	"srnic_rxr_0_0=1 srnic_rxr_1_0=1 srnic_txr_0_0=1 srnic_txr_1_0=1"
lab_expect "default: node 1 hugepages hold the pool" "$node1_used" -ge "$pool_bytes"
lab_expect "default: pool size read" "$pool_bytes" -gt 1000000

# --port-numa-config moves port 1 to socket 0, --ring-numa-config port 0's
# TX ring alone: port 0's RX ring and its mbufs stay on socket 1.
run_testpmd moved "--port-numa-config=(1,0)" "--ring-numa-config=(0,2,0)"
lab_expect "moved: pools" "$pools" = "mb_pool_0 mb_pool_1"
lab_expect "moved: rings" "$rings" = \
	"srnic_rxr_0_0=1 srnic_rxr_1_0=0 srnic_txr_0_0=0 srnic_txr_1_0=0"
lab_expect "moved: port 0" "$(grep -c '^Port 0: socket 1 .*RX rings on socket 1 with mbufs of mb_pool_1, TX rings on socket 0' "$out")" -eq 1
lab_expect "moved: port 1" "$(grep -c '^Port 1: socket 0 .*RX rings on socket 0 with mbufs of mb_pool_0, TX rings on socket 0' "$out")" -eq 1

# A socket EAL does not have: refused before any port starts.
log=$SRNIC_RESULTS/numa-bad-socket.log
timeout 60 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -- "--port-numa-config=(0,3)" \
	--duration=1 > "$log" 2>&1
rc=$?
cat "$log"
lab_expect "unknown socket: exit status" $rc -ne 0
lab_expect "unknown socket: exit status is no crash" $rc -lt 128
lab_expect "unknown socket: the error names it and EAL's sockets" \
	"$(grep -c 'port 0: --port-numa-config names socket 3, but EAL found sockets 0,1' "$log")" -eq 1

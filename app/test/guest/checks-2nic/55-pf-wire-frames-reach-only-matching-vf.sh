# Two NICs joined by a cable (srnic-vm --nics 2): NIC A stays on Linux igb
# and sends marked frames from its interface; NIC B is a userspace PF
# (srnic-pfd) with two srnic VFs: VF0 (MAC ...70) asked for VLAN 100, VF1
# (MAC ...71) has port VLAN 200. Each frame reaches only the VF whose MAC
# and VLAN filter match (tags stripped), and nothing else reaches a VF:
# no other VLAN, no unknown MAC, no untagged frame for the port VLAN VF.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
set -- $(lab_pfs)
[ $# -ge 2 ] || lab_fail "this check needs two NICs (srnic-vm --nics 2); found: $*"
A=$1 B=$2
AIF=$(lab_netdev "$A") || exit 1
ip link set "$AIF" up
pf_to_vfio "$B" || exit 1
cat > "$PFD_CONF" <<CONF
[pf]
pci = $B
vfs = 2
[vf 0]
mac = 02:00:00:00:00:70
[vf 1]
mac = 02:00:00:00:00:71
vlan = 200
CONF
pfd_start || exit 1
VF0=$(lab_vf "$B" 0) && VF1=$(lab_vf "$B" 1) || exit 1
for t in $(seq 100); do pfd show | grep -q "link=up" && break; sleep 0.2; done
wait_carrier "$AIF" || lab_fail "$AIF (NIC A) has no carrier"
out=$SRNIC_RESULTS/$SRNIC_CHECK-rx.txt
vf_run "$VF0 $VF1" wire-rx "$VF0" "$VF1" 100 30 > "$out" 2>&1 &
rx=$!
for t in $(seq 600); do grep -q "^ready" "$out" && break; sleep 0.1; done
grep -q "^ready" "$out" || { cat "$out"; lab_fail "the VF side did not get ready"; }
m0=02:00:00:00:00:70 m1=02:00:00:00:00:71 bc=ff:ff:ff:ff:ff:ff
"$SRNIC_GUEST_LIB/send-frames.py" "$AIF" a,$m0,0,10 b,$m0,100,10 c,$m0,200,10 d,$m0,300,10 \
	e,$m1,0,10 f,$m1,200,10 g,$m1,100,10 h,02:00:00:00:00:99,0,10 i,$bc,0,10 \
	j,$bc,200,10 || lab_fail "sending from $AIF failed"
wait $rx
cat "$out"
got() { sed -n "s/^rx vf$1 type=$2 n=\([0-9]*\) vlan=\([0-9]*\)$/\1 \2/p" "$out"; }
lab_expect "VF0 untagged to its MAC" "$(got 0 a)" = "10 0"
lab_expect "VF0 VLAN 100 (its filter), tag stripped" "$(got 0 b)" = "10 100"
lab_expect "VF0 broadcast, untagged" "$(got 0 i)" = "10 0"
lab_expect "VF1 VLAN 200 (its port VLAN), tag stripped" "$(got 1 f)" = "10 200"
lab_expect "VF1 broadcast on VLAN 200" "$(got 1 j)" = "10 200"
lab_expect "frame types VF0 got" "$(grep -c "^rx vf0 type=" "$out")" -eq 3
lab_expect "frame types VF1 got" "$(grep -c "^rx vf1 type=" "$out")" -eq 2
lab_expect "other frames at VF0" "$(sed -n 's/^rx vf0 other=//p' "$out")" -eq 0
lab_expect "other frames at VF1" "$(sed -n 's/^rx vf1 other=//p' "$out")" -eq 0

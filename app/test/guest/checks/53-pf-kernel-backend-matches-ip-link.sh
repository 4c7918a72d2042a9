# Kernel backend (PF on Linux igb): srnic-pfd creates three VFs through
# sysfs and sets MAC, port VLAN with priority, trust and spoof checking
# through rtnetlink; "ip link show" reports exactly those values, and so
# does the library. What Linux has no knob for (receive modes, the VF
# token) is refused naming the backend; link state is set or refused the
# same way, as this kernel's igb allows.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
PF=$(lab_first_pf) || exit 1
PFIF=$(lab_netdev "$PF") || exit 1
lab_pf_up "$PF" || exit 1
cat > "$PFD_CONF" <<CONF
[pf]
pci = $PF
vfs = 3
[vf 0]
mac = 02:00:00:00:00:30
vlan = 100 qos 2
spoofchk = off
[vf 1]
mac = 02:00:00:00:00:31
trust = on
[vf 2]
mac = 02:00:00:00:00:32
CONF
pfd_start || exit 1
ip link show "$PFIF"
lab_expect "sriov_numvfs" "$(cat "$SYSPCI/$PF/sriov_numvfs")" -eq 3
vfline() { ip link show "$PFIF" | grep "vf $1 "; }
v0=$(vfline 0) v1=$(vfline 1) v2=$(vfline 2)
lab_expect "ip link: vf 0 MAC" "$(echo "$v0" | grep -c "link/ether 02:00:00:00:00:30")" -eq 1
lab_expect "ip link: vf 0 VLAN 100 qos 2" "$(echo "$v0" | grep -c "vlan 100, qos 2")" -eq 1
lab_expect "ip link: vf 0 spoof checking off" "$(echo "$v0" | grep -c "spoof checking off")" -eq 1
lab_expect "ip link: vf 0 trust off" "$(echo "$v0" | grep -c "trust off")" -eq 1
lab_expect "ip link: vf 1 MAC" "$(echo "$v1" | grep -c "link/ether 02:00:00:00:00:31")" -eq 1
lab_expect "ip link: vf 1 trust on" "$(echo "$v1" | grep -c "trust on")" -eq 1
lab_expect "ip link: vf 1 spoof checking on" "$(echo "$v1" | grep -c "spoof checking on")" -eq 1
lab_expect "ip link: vf 2 MAC" "$(echo "$v2" | grep -c "link/ether 02:00:00:00:00:32")" -eq 1
show=$(pfd show)
echo "$show"
lab_expect "library: kernel backend" "$(echo "$show" | grep -c "backend=kernel driver=igb")" -eq 1
lab_expect "library: vf 0 as ip link says" "$(echo "$show" | grep -c \
	"vf 0 .* mac=02:00:00:00:00:30 vlan=100 qos=2 trust=off spoofchk=off")" -eq 1
lab_expect "library: vf 1 as ip link says" "$(echo "$show" | grep -c \
	"vf 1 .* mac=02:00:00:00:00:31 vlan=0 qos=0 trust=on spoofchk=mac+vlan")" -eq 1
# Changes at run time land in the kernel too.
pfd vf 2 vlan 7 || lab_fail "'vf 2 vlan 7' refused"
lab_expect "ip link: vf 2 VLAN after 'vf 2 vlan 7'" "$(vfline 2 | grep -c "vlan 7")" -eq 1
out=$(pfd vf 1 rxmode promisc) && lab_fail "rxmode accepted by the kernel backend"
echo "$out"
lab_expect "rxmode refusal names the backend" "$(echo "$out" | grep -c "kernel backend")" -ge 1
out=$(pfd token) && lab_fail "a VF token from the kernel backend"
lab_expect "token refusal names the backend" "$(echo "$out" | grep -c "kernel backend")" -ge 1
if out=$(pfd vf 2 link down); then
	lab_expect "ip link: vf 2 link-state" "$(vfline 2 | grep -c "link-state disable")" -eq 1
else
	echo "$out"
	lab_expect "link state refusal names the backend" \
		"$(echo "$out" | grep -c "kernel backend cannot set 'state'")" -eq 1
fi

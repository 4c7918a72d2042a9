# Userspace PF (srnic-pfd, PF on vfio-pci) with Linux igbvf on two VFs:
# each kernel VF comes up with the MAC the library gave it (one from the
# configuration, one made from the PF's MAC), the two ping each other from
# separate network namespaces through the NIC's internal switch, and an
# administrator MAC set at run time over srnic-pfd's socket reaches the
# running VF when it re-initialises (interface down and up: under QEMU
# igbvf never sees the PF's "reset now" message, its mailbox interrupt
# lands on another vector), and traffic resumes with it.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
PF=$(lab_first_pf) || exit 1
pf_to_vfio "$PF" || exit 1
cat > "$PFD_CONF" <<CONF
[pf]
pci = $PF
vfs = 2
[vf 0]
mac = 02:00:00:00:00:50
CONF
pfd_start || exit 1
trap 'ip netns del pfa 2>/dev/null; ip netns del pfb 2>/dev/null; pfd_stop' EXIT
VF0=$(lab_vf "$PF" 0) && VF1=$(lab_vf "$PF" 1) || exit 1
mac1=$(pfd show | sed -n 's/^  vf 1 .* mac=\([0-9A-F:]*\) .*/\1/p' | tr A-F a-f)
lab_bind "$VF0" igbvf && lab_bind "$VF1" igbvf || exit 1
if0=$(lab_netdev "$VF0") && if1=$(lab_netdev "$VF1") || exit 1
ip link show "$if0"
ip link show "$if1"
lab_expect "igbvf $if0 MAC (from the configuration)" "$(cat "/sys/class/net/$if0/address")" \
	= 02:00:00:00:00:50
lab_expect "igbvf $if1 MAC (made by the library)" "$(cat "/sys/class/net/$if1/address")" \
	= "$mac1"

ip netns add pfa && ip netns add pfb || exit 1
ip link set "$if0" netns pfa && ip link set "$if1" netns pfb || exit 1
ip -n pfa addr add 10.50.0.1/24 dev "$if0"
ip -n pfb addr add 10.50.0.2/24 dev "$if1"
ip -n pfa link set "$if0" up
ip -n pfb link set "$if1" up
wait_carrier "$if0" pfa || lab_fail "$if0 never got carrier"
wait_carrier "$if1" pfb || lab_fail "$if1 never got carrier"
ip netns exec pfa busybox ping -c 5 -W 5 10.50.0.2 || lab_fail "VF0 cannot ping VF1"
echo "ok: igbvf VF0 pings igbvf VF1 through the internal switch"

pfd vf 1 mac 02:00:00:00:00:51 || lab_fail "srnic-pfd refused 'vf 1 mac'"
ip -n pfb link set "$if1" down
ip -n pfb link set "$if1" up
now=$(ip netns exec pfb cat "/sys/class/net/$if1/address")
lab_expect "igbvf $if1 MAC after 'vf 1 mac' and a restart" "$now" = 02:00:00:00:00:51
wait_carrier "$if1" pfb || lab_fail "$if1 lost carrier after the MAC change"
ip -n pfa neigh flush dev "$if0"
ip netns exec pfa busybox ping -c 3 -W 5 10.50.0.2 || lab_fail "no ping after the MAC change"
pfd show
pfd stats 0
pfd stats 1

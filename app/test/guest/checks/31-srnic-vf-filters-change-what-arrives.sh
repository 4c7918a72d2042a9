# Multicast list, VLAN filters and MTU requests go through the Linux PF and
# change what the VF receives; unicast promiscuous is refused by that PF.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
test_vf filters "$VF0" "$VF1"

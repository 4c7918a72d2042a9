# Multicast list, VLAN filters and MTU requests go through the Linux PF and
# change what the VF receives; unicast promiscuous is refused by that PF.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 2 || exit 1
vf_run "$VF0 $VF1" filters "$VF0" "$VF1"

# srnic VFs under the Linux igb PF (admin MACs set with ip link) exchange a
# million frames through the NIC's internal switch: every frame arrives
# with its content, software and hardware counters equal what was sent,
# and every mbuf is back in its pool after close.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 2 || exit 1
vf_run "$VF0 $VF1" traffic "$VF0" "$VF1" 1000000 128

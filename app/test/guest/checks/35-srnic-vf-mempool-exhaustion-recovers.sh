# Mempool exhaustion in a VF application: with its RX pool dry the port
# counts RX-nombuf and the NIC drops what finds no descriptor; once the
# mbufs come back, every frame of the next flow arrives intact, and after
# close every pool has all its mbufs.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 2 || exit 1
vf_run "$VF0 $VF1" nombuf "$VF0" "$VF1"

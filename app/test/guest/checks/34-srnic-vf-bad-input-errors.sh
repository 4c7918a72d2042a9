# Bad input gets the documented negative errno and a message, never a
# crash: unknown and malformed addresses, a PF, a VF on another driver,
# ring sizes, small buffers, queue ids, bursts on a stopped port, no
# hugepages.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
lab_bind "$VF1" igbvf || exit 1
test_vf errors "$VF0" "$VF1" "$PF" || exit 1
# Without hugepages the NIC has no DMA-able memory: -ENOMEM (12).
"$SRNIC_TEST_VF" -l 0 --no-pci --no-huge -m 64 -- probe-fails "$VF0" 12

# A VF whose MAC the administrator set cannot change it (the PF NACKs,
# ethdev returns -EPERM and the driver says how to allow it); a VF without
# one can.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 3 1 || exit 1
vf_run "$VF0 $VF2" admin-mac "$VF0" "$VF2"

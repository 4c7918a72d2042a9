# A VF whose MAC the administrator set cannot change it (the PF NACKs,
# srnic returns -EPERM and says how to allow it); a VF without one can.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 3 1 || exit 1
test_vf admin-mac "$VF0" "$VF2"

# The PF interface goes down and up during traffic: both ports raise
# "reset needed", srnic_dev_reset brings them back, and traffic resumes.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
test_vf pf-reset "$VF0" "$VF1" "$PFIF"

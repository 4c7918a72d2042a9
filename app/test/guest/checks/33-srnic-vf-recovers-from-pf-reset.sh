# The PF interface goes down and up during traffic: both ports raise
# RTE_ETH_EVENT_INTR_RESET, rte_eth_dev_reset and rte_eth_dev_start bring
# them back with their MACs, and traffic resumes.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 2 || exit 1
vf_run "$VF0 $VF1" pf-reset "$VF0" "$VF1" "$PFIF"

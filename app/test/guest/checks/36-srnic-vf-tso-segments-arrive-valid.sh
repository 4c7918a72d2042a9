# TCP segmentation offload: a VF sends TCP/IPv4 packets of 4000 payload
# bytes with RTE_ETH_TX_OFFLOAD_TCP_TSO and an MSS of 1000; another VF of
# the same PF receives every one as four segments with the right lengths,
# sequence numbers, flags, valid IPv4 and TCP checksums and the bytes sent,
# and every mempool is whole afterwards.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-run.sh"
vf_setup 2 || exit 1
vf_run "$VF0 $VF1" tso "$VF0" "$VF1"

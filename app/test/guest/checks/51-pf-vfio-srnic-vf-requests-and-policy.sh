# Userspace PF with srnic VFs (librte_net_srnic with --vfio-vf-token): a VF
# user without the token cannot open a VF; MACs come from the PF and traffic
# passes; multicast list, VLAN filter, promiscuous (allowed for that VF)
# and MTU requests take effect; the policy reaches the VF as -EPERM: an
# administrator MAC on an untrusted VF, a VLAN filter on a VF with a port
# VLAN (whose traffic is tagged and stripped by the NIC); trust lifts the
# first; srnic-pfd's counters show the refusals. The VF's link follows the
# link state the PF sets for it.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
PF=$(lab_first_pf) || exit 1
pf_to_vfio "$PF" || exit 1
cat > "$PFD_CONF" <<CONF
[pf]
pci = $PF
vfs = 4
[vf 0]
mac = 02:00:00:00:00:10
[vf 1]
rxmode = broadcast,multicast,promisc
[vf 3]
vlan = 300
CONF
pfd_start || exit 1
for i in 0 1 2 3; do eval "VF$i=$(lab_vf "$PF" $i)" || exit 1; done
fails=0
step() { echo "--- $*"; "$@" || { echo "FAIL: $*"; fails=$((fails + 1)); }; }

# Without the token vfio refuses the VF: EAL cannot probe it.
VF_TOKEN= step vf_run "$VF0" probe-fails "$VF0"
step test_vf_token traffic "$VF0" "$VF1" 20000 128
step test_vf_token filters "$VF0" "$VF1"
step test_vf_token admin-mac "$VF0" "$VF2"
nacks=$(pfd stats 0 | sed -n 's/.* nacks=\([0-9]*\) .*/\1/p')
lab_expect "NACKs the PF sent VF0" "$nacks" -ge 1
step test_vf_token port-vlan "$VF3" "$VF1" 300
pfd vf 2 mac 02:00:00:00:00:12 || lab_fail "srnic-pfd refused 'vf 2 mac'"
pfd vf 0 trust on || lab_fail "srnic-pfd refused 'vf 0 trust on'"
# Now VF2 has the administrator MAC and VF0 is trusted.
step test_vf_token admin-mac "$VF2" "$VF0"
step test_vf_token link "$VF1" "$SRNIC_PFD --ctl $PFD_SOCK vf 1 link down" \
	"$SRNIC_PFD --ctl $PFD_SOCK vf 1 link auto"
pfd show
for i in 0 1 2 3; do pfd stats $i; done
lab_expect "failed steps" "$fails" -eq 0

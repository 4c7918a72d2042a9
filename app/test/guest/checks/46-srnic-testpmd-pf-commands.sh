# srnic-testpmd's PF commands: with Linux igb owning the PF (kernel backend)
# they show up in ip link; with the PF on vfio-pci, srnic-testpmd is the
# userspace PF itself (mailbox service in the same process, the VFs
# presenting EAL's VF token), its VFs come up and forward.
. "$SRNIC_GUEST_LIB/pf-setup.sh"
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 4 || exit 1
log=$SRNIC_RESULTS/testpmd-pf-kernel.log
{
	echo "set vf mac 0 2 02:00:00:00:00:77"
	echo "set vf vlan 0 3 100"
	echo "set vf trust 0 2 on"
	echo "set vf spoofchk 0 2 off"
	echo "set vf link 0 2 sideways"
	echo "set vf mac 5 0 02:00:00:00:00:78"
	echo "show pf info 0"
	echo "quit"
} | timeout 120 "$SRNIC_TESTPMD" $SRNIC_APP_EAL -a "$VF0" -a "$VF1" -- --pf="$PF" -i \
	> "$log" 2>&1
lab_expect "exit status (kernel backend)" $? -eq 0
has() { grep -q -- "$2" "$1" || lab_fail "$(basename "$1") lacks '$2'"; echo "ok: saw '$2'"; }
has "$log" "PF 0: $PF, kernel backend"
has "$log" "set vf mac on PF 0 VF 2: done"
has "$log" "set vf vlan on PF 0 VF 3: done"
has "$log" "set vf trust on PF 0 VF 2: done"
has "$log" "set vf spoofchk on PF 0 VF 2: done"
has "$log" "set vf link takes auto, up or down, not 'sideways'"
has "$log" "Invalid PF 5"
link=$(ip link show "$PFIF")
echo "$link"
echo "$link" | grep -q "vf 2 .*link/ether 02:00:00:00:00:77.*spoof checking off.*trust on" ||
	lab_fail "ip link does not show VF 2's MAC, spoof check and trust"
echo "$link" | grep -q "vf 3 .*vlan 100" || lab_fail "ip link does not show VF 3's VLAN"
echo "ok: ip link shows what srnic-testpmd set"

lab_reset
pf_to_vfio "$PF" || exit 1
echo 2 > "$SYSPCI/$PF/sriov_numvfs" || lab_fail "no VFs on the vfio-pci PF"
VF0=$(lab_vf "$PF" 0) VF1=$(lab_vf "$PF" 1)
token=$(cat /proc/sys/kernel/random/uuid)
log=$SRNIC_RESULTS/testpmd-pf-vfio.log
# vfio opens the VFs only once their PF has the VF token, which the app
# sets when it opens the PF: EAL must not probe them at start (-b), the
# app attaches them after --pf (--attach). -b on the PF keeps EAL's igb
# driver off it.
{
	echo "set vf mac 0 0 02:00:00:00:00:20"
	echo "set vf mac 0 1 02:00:00:00:00:21"
	sleep 1
	echo "port reset all"
	# The userspace PF brings the port's link up through the PHY.
	sleep 4
	echo "show port info all"
	echo "set fwd mac"
	echo "start tx_first"
	sleep 3
	echo "stop"
	echo "show pf info 0"
	echo "quit"
} | timeout 180 "$SRNIC_TESTPMD" -l 0-1 -n 1 --in-memory --iova-mode=va \
	-b "$PF" -b "$VF0" -b "$VF1" --vfio-vf-token="$token" -- --pf="$PF" \
	--attach="$VF0,$VF1" --eth-peer=0,02:00:00:00:00:21 --eth-peer=1,02:00:00:00:00:20 -i \
	> "$log" 2>&1
lab_expect "exit status (userspace PF)" $? -eq 0
has "$log" "PF 0: $PF, vfio backend"
has "$log" "set vf mac on PF 0 VF 1: done"
has "$log" "port reset on port 1: done"
has "$log" "MAC address: 02:00:00:00:00:21"
has "$log" "Link status: up"
lab_expect "forwarded through the userspace PF's switch" "$(accum_field "$log" RX-packets)" -gt 1000
lab_expect "dropped" "$(accum_field "$log" TX-dropped)" -eq 0

# srnic-devbind.py on the emulated 82576: VFs created and bound to vfio-pci
# in one step, shown by --status as DPDK-compatible with their PF and the srnic
# mark, moved between no driver, igbvf and vfio-pci (by address, interface
# name and glob) and removed; the PF's active interface is not unbound
# without --force, is with it, and the PF goes back to igb.
. "$SRNIC_SRC/usertools/lab/srnic-lab.sh"
set -e
devbind=$SRNIC_SRC/usertools/srnic-devbind.py
pf=$(lab_first_pf)
short=${pf#*:}
vf_glob=${short%%:*}:1[01].*

# Lines of one --status section, its title and underline left out.
status_section() {
	"$devbind" --status | awk -v t="$1" '$0 == t { on = 1; getline; next }
		on && $0 == "" { exit } on'
}

"$devbind" --create-vfs 2 --bind-vfio "$pf"
vf0=$(lab_vf "$pf" 0)
vf1=$(lab_vf "$pf" 1)
lab_expect "sriov_numvfs" "$(cat "$SYSPCI/$pf/sriov_numvfs")" -eq 2
lab_expect "VF0 driver" "$(lab_driver "$vf0")" = vfio-pci
lab_expect "VF1 driver" "$(lab_driver "$vf1")" = vfio-pci

"$devbind" --status
vfio=$(status_section "Network devices using DPDK-compatible driver")
kernel=$(status_section "Network devices using kernel driver")
for vf in $vf0 $vf1; do
	lab_expect "$vf listed under vfio-pci, with its PF and the srnic mark" \
		"$(echo "$vfio" | grep -c "^$vf '[^']* 10ca' drv=vfio-pci unused=[^ ]* \[8086:10ca VF pf=$pf .*srnic-supported")" -eq 1
done
lab_expect "PF listed under its kernel driver with vfs=2/7" \
	"$(echo "$kernel" | grep -c "^$pf '[^']* 10c9' .*drv=igb unused=.*\[8086:10c9 PF vfs=2/7 ")" -eq 1

"$devbind" --unbind "$vf0"
lab_expect "VF0 after --unbind" "$(lab_driver "$vf0")" = none
"$devbind" --bind igbvf "$vf0"
lab_expect "VF0 after --bind igbvf" "$(lab_driver "$vf0")" = igbvf
vf0_if=$(lab_netdev "$vf0")
"$devbind" --bind vfio-pci "$vf0_if"
lab_expect "VF0 after --bind vfio-pci $vf0_if" "$(lab_driver "$vf0")" = vfio-pci
group=$(basename "$(readlink "$SYSPCI/$vf0/iommu_group")")
[ -e "/dev/vfio/$group" ] || lab_fail "/dev/vfio/$group is missing"

"$devbind" --unbind "$vf_glob"
lab_expect "VF0 after --unbind '$vf_glob'" "$(lab_driver "$vf0")" = none
lab_expect "VF1 after --unbind '$vf_glob'" "$(lab_driver "$vf1")" = none
"$devbind" --bind vfio-pci "${vf1#*:}" "$vf0"
lab_expect "VF0 back on vfio-pci" "$(lab_driver "$vf0")" = vfio-pci
lab_expect "VF1 back on vfio-pci (short address)" "$(lab_driver "$vf1")" = vfio-pci

"$devbind" --remove-vfs "$pf"
lab_expect "sriov_numvfs after --remove-vfs" \
	"$(cat "$SYSPCI/$pf/sriov_numvfs")" -eq 0
[ ! -e "$SYSPCI/$vf0" ] || lab_fail "$vf0 still exists after --remove-vfs"

pf_if=$(lab_netdev "$pf")
ip link set "$pf_if" up
rc=0
err=$("$devbind" --unbind "$pf" 2>&1 >/dev/null) || rc=$?
echo "refusal: $err"
lab_expect "exit status of --unbind on the up $pf_if" "$rc" -eq 1
lab_expect "refusal lines" "$(echo "$err" | wc -l)" -eq 1
lab_expect "refusal names $pf_if" "$(echo "$err" | grep -c "($pf_if)")" -eq 1
lab_expect "PF driver after the refusal" "$(lab_driver "$pf")" = igb
"$devbind" --unbind --force "$pf_if"
lab_expect "PF after --unbind --force $pf_if" "$(lab_driver "$pf")" = none
"$devbind" --bind igb "$short"
lab_expect "PF after --bind igb" "$(lab_driver "$pf")" = igb
lab_netdev "$pf" > /dev/null

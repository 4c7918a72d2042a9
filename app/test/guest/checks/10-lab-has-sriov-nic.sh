# The lab guest has an emulated 82576 PF under Linux igb that creates VFs
# (8086:10ca, stride 2, each in its own IOMMU group) which bind to vfio-pci.
. "$SRNIC_SRC/usertools/lab/srnic-lab.sh"
set -e
pf=$(lab_first_pf)
lab_expect "PF $pf id" "$(lab_pci_id "$pf")" = 8086:10c9
lab_expect "PF driver" "$(lab_driver "$pf")" = igb
lab_expect "sriov_totalvfs" "$(cat "$SYSPCI/$pf/sriov_totalvfs")" -eq 7
vfs=$(lab_create_vfs "$pf" 4)
lab_expect "VF count" "$(echo "$vfs" | wc -l)" -eq 4
groups=""
for vf in $vfs; do
	lab_expect "VF $vf id" "$(lab_pci_id "$vf")" = 8086:10ca
	groups="$groups $(basename "$(readlink "$SYSPCI/$vf/iommu_group")")"
done
lab_expect "VF addresses" "$(echo $vfs | sed 's/0000:01://g')" = "10.0 10.2 10.4 10.6"
lab_expect "distinct IOMMU groups" "$(echo $groups | tr ' ' '\n' | sort -u | wc -l)" -eq 4
vf=$(lab_vf "$pf" 1)
lab_bind_vfio "$vf"
lab_expect "VF1 driver" "$(lab_driver "$vf")" = vfio-pci
lab_bind "$vf" igbvf
lab_expect "VF1 driver after rebind" "$(lab_driver "$vf")" = igbvf

#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs in the lab guest for devtools/run-demo.sh.
set -eu
. usertools/lab/srnic-lab.sh
pf=$(lab_first_pf)
echo "== the emulated NIC"
lspci -nn -s "$pf"
echo "PF $pf: driver $(lab_driver "$pf"), interface $(lab_netdev "$pf"), up to $(cat "$SYSPCI/$pf/sriov_totalvfs") VFs"
lab_pf_up "$pf"
echo "== creating 2 VFs through sriov_numvfs"
set -- $(lab_create_vfs "$pf" 2)
lab_set_vf_mac "$pf" 0 02:00:00:00:00:10
lab_set_vf_mac "$pf" 1 02:00:00:00:00:11
lab_bind_vfio "$1"
lab_bind_vfio "$2"
echo "== VFs and their binding"
for vf in "$@"; do
	printf '%s  %s  driver=%s  iommu_group=%s\n' "$vf" "$(lab_pci_id "$vf")" \
		"$(lab_driver "$vf")" "$(basename "$(readlink "$SYSPCI/$vf/iommu_group")")"
done
ip link show "$(lab_netdev "$pf")"

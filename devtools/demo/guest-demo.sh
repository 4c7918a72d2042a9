#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs in the lab guest for devtools/run-demo.sh: two VFs under the Linux
# igb PF, and srnic-testpmd forwarding between them for a bounded time.
set -eu
build=${1:?usage: guest-demo.sh BUILD_DIR}
seconds=${2:-10}
. usertools/lab/srnic-lab.sh
pf=$(lab_first_pf)
echo "== the emulated NIC: $(lspci -s "$pf" | cut -d' ' -f2-)"
echo "PF $pf: driver $(lab_driver "$pf"), interface $(lab_netdev "$pf"), up to $(cat "$SYSPCI/$pf/sriov_totalvfs") VFs"
lab_pf_up "$pf"
echo "== creating 2 VFs through sriov_numvfs, MACs set through the PF, bound to vfio-pci"
set -- $(lab_create_vfs "$pf" 2)
lab_set_vf_mac "$pf" 0 02:00:00:00:00:10
lab_set_vf_mac "$pf" 1 02:00:00:00:00:11
lab_bind_vfio "$1"
lab_bind_vfio "$2"
for vf in "$@"; do
	printf '%s  %s  driver=%s  iommu_group=%s\n' "$vf" "$(lab_pci_id "$vf")" \
		"$(lab_driver "$vf")" "$(basename "$(readlink "$SYSPCI/$vf/iommu_group")")"
done
lab_wait_link 5
echo "== srnic-testpmd: mac forwarding between the two VFs for $seconds s"
exec "$build/app/test-srnic/srnic-testpmd" -l 0-1 -n 1 --in-memory \
	--iova-mode=va -a "$1" -a "$2" -- --forward-mode=mac --tx-first \
	--stats-period=3 --duration="$seconds"

/* SPDX-License-Identifier: BSD-3-Clause */
/* VF-side scenarios of the PF library's guest checks (test-srnic-vf). */
#ifndef VF_PF_SCENARIOS_H
#define VF_PF_SCENARIOS_H

#include <rte_mempool.h>

/* port-vlan PVLAN_VF PEER VID: the PF gave PVLAN_VF port VLAN VID. */
void scenario_port_vlan(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b,
	struct rte_mempool *tx);

/* wire-rx VF0 VF1 VID SECONDS: VF0 joins VLAN VID, then both count the
 * frames from the wire by type for SECONDS ("rx vfN type=X n=N vlan=V"). */
void scenario_wire_rx(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b);

#endif /* VF_PF_SCENARIOS_H */

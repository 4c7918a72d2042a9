/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An ethdev port of net_srnic over a fake NIC, as probe leaves one (reset
 * handshake done, MAC known, link read) but without PCI or the periodic
 * event check: tests drive it through rte_eth_* and
 * rte_pmd_srnic_check_events(), and rte_eth_dev_close() frees it.
 */
#ifndef TEST_PORT_H
#define TEST_PORT_H

#include <stdint.h>

#include <rte_ethdev.h>

#include "fake_nic.h"

/*
 * Initialise @nic, with a PF that answers and gives the VF a MAC, and make
 * a port over it. The port id, or -1 (and a message) when the port cannot
 * be made.
 */
int test_port_create(struct fake_nic *nic, const char *name);

/* An ethdev event callback that counts its events in the int at @arg. */
int test_port_count_event(uint16_t port_id, enum rte_eth_event_type type, void *arg,
	void *ret_param);

#endif /* TEST_PORT_H */

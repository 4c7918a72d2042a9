/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port events over the fake NIC: a link change the PF pushes (STATUS.LU and
 * a PF_CONTROL ping) raises RTE_ETH_EVENT_INTR_LSC once, a look that finds
 * the link as it was raises none, and the link ethdev reports follows. A
 * PF reset that blanked the VF's BAR is seen, and the port reset repairs it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/pci_regs.h>

#include <rte_ethdev.h>

#include "fake_nic.h"
#include "igb_mbx.h"
#include "rte_pmd_srnic.h"
#include "test_eal.h"
#include "test_port.h"

#define LINK_1G_FULL	(IGB_STATUS_LU | IGB_STATUS_FD | IGB_STATUS_SPEED_1000)

static struct fake_nic nic;
static int port_id;
static int lsc_events;
static int reset_events;

static int
setup(void **state)
{
	(void)state;
	port_id = test_port_create(&nic, "srnic_events");
	if (port_id < 0)
		return -1;
	lsc_events = 0;
	reset_events = 0;
	rte_eth_dev_callback_register(port_id, RTE_ETH_EVENT_INTR_LSC, test_port_count_event,
		&lsc_events);
	rte_eth_dev_callback_register(port_id, RTE_ETH_EVENT_INTR_RESET, test_port_count_event,
		&reset_events);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	assert_int_equal(rte_eth_dev_close(port_id), 0);
	fake_nic_fini(&nic);
	return 0;
}

/* The PF's link goes to @status and it pings its VFs, clear to send as
 * Linux igb does for a VF that finished its reset. */
static void
pf_pushes_link(uint32_t status, uint32_t flags)
{
	const uint32_t ping = IGB_MSG_PF_CONTROL | flags;

	fake_nic_set_reg(&nic, IGB_VF_STATUS, status);
	fake_nic_pf_send(&nic, &ping, 1);
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
}

static int
link_status(void)
{
	struct rte_eth_link link;

	assert_int_equal(rte_eth_link_get_nowait(port_id, &link), 0);
	return link.link_status;
}

static void
each_link_change_raises_one_lsc(void **state)
{
	struct rte_eth_link link;

	(void)state;
	assert_int_equal(link_status(), RTE_ETH_LINK_DOWN);
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 1);
	assert_int_equal(rte_eth_link_get_nowait(port_id, &link), 0);
	assert_int_equal(link.link_status, RTE_ETH_LINK_UP);
	assert_int_equal(link.link_speed, RTE_ETH_SPEED_NUM_1G);
	assert_int_equal(link.link_duplex, RTE_ETH_LINK_FULL_DUPLEX);
	pf_pushes_link(0, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 2);
	assert_int_equal(link_status(), RTE_ETH_LINK_DOWN);
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 3);
	assert_int_equal(link_status(), RTE_ETH_LINK_UP);
	assert_int_equal(reset_events, 0);
}

static void
no_lsc_when_the_link_did_not_change(void **state)
{
	(void)state;
	/* Looks with nothing new, and a ping that leaves the link down. */
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	pf_pushes_link(0, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 0);
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 1);
	/* Again with the link up: a second ping, then looks without one. */
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	assert_int_equal(lsc_events, 1);
	assert_int_equal(link_status(), RTE_ETH_LINK_UP);
}

static void
pf_holding_the_vf_link_down_raises_one_lsc(void **state)
{
	(void)state;
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 1);
	/* Neither CTS nor NACK: the PF holds this VF's link down while the
	 * port's own stays up. */
	pf_pushes_link(LINK_1G_FULL, 0);
	assert_int_equal(lsc_events, 2);
	assert_int_equal(link_status(), RTE_ETH_LINK_DOWN);
	pf_pushes_link(LINK_1G_FULL, 0);
	assert_int_equal(lsc_events, 2);
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 3);
	assert_int_equal(reset_events, 0);
}

static void
pf_asking_for_a_reset_takes_the_link_down_once(void **state)
{
	(void)state;
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 1);
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_NACK);
	assert_int_equal(lsc_events, 2);
	assert_int_equal(reset_events, 1);
	assert_int_equal(link_status(), RTE_ETH_LINK_DOWN);
	/* Until the reset, the link stays down whatever the PF says. */
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 2);
	assert_int_equal(reset_events, 1);
}

/* A PF reset (vfio-pci resetting the PF when srnic-pfd stopped) took the
 * VF's memory space and bus master: its BAR reads 0, so the mailbox shows
 * nothing. The look still sees it, and the port reset turns the bits back
 * on before its handshake, which then succeeds. */
static void
pf_reset_that_took_the_pci_command_is_seen_and_repaired(void **state)
{
	const int resets_before = nic.resets;

	(void)state;
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	assert_int_equal(lsc_events, 1);
	nic.pci_command = 0;
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	assert_int_equal(reset_events, 1);
	assert_int_equal(lsc_events, 2);
	assert_int_equal(rte_pmd_srnic_reset_needed(port_id), 1);
	assert_int_equal(link_status(), RTE_ETH_LINK_DOWN);
	/* Further looks raise nothing new. */
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	assert_int_equal(reset_events, 1);

	assert_int_equal(rte_eth_dev_reset(port_id), 0);
	assert_int_equal(nic.pci_command, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	assert_int_equal(nic.resets, resets_before + 1);
	assert_int_equal(rte_pmd_srnic_reset_needed(port_id), 0);
	assert_int_equal(link_status(), RTE_ETH_LINK_UP);
}

/* A STATUS of 0 with the command register intact is a link down, not a
 * reset. */
static void
zero_status_with_memory_space_is_only_link_down(void **state)
{
	(void)state;
	pf_pushes_link(LINK_1G_FULL, IGB_MSG_CTS);
	fake_nic_set_reg(&nic, IGB_VF_STATUS, 0);
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	assert_int_equal(reset_events, 0);
	assert_int_equal(rte_pmd_srnic_reset_needed(port_id), 0);
	assert_int_equal(link_status(), RTE_ETH_LINK_DOWN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(each_link_change_raises_one_lsc),
		T(no_lsc_when_the_link_did_not_change),
		T(pf_holding_the_vf_link_down_raises_one_lsc),
		T(pf_asking_for_a_reset_takes_the_link_down_once),
		T(pf_reset_that_took_the_pci_command_is_seen_and_repaired),
		T(zero_status_with_memory_space_is_only_link_down),
#undef T
	};

	test_eal_init("test_srnic_events");
	return cmocka_run_group_tests_name("srnic_events", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VLAN filter entries shared out among VFs (pf_vlan_budget.c) against
 * the fake PF: seven VFs asking for all they can still leave a port VLAN
 * for every VF and room for the administrator's filters; a VF past its
 * share is NACKed, counted and logged; a VF that resets finds its share
 * where it left it; a share that cannot fit the VF count is refused; and
 * the VLVF registers say what the library thinks they say throughout.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_eal.h"
#include "test_pf.h"

static struct fake_pf fake;
static struct srnic_pf *pf;
static uint32_t add;		/* SET_VLAN, add: main sets it */

static int
setup_seven(void **state)
{
	(void)state;
	pf = test_pf_open(&fake, SRNIC_PF_MAX_VFS, NULL, NULL);
	assert_non_null(pf);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	test_pf_close(&fake, pf);
	pf = NULL;
	return 0;
}

static uint32_t
vlan_add(uint16_t vf, uint16_t vid)
{
	return test_pf_request(&fake, pf, vf, 2, add, vid, 0);
}

static void
vf_reset(uint16_t vf)
{
	assert_int_equal(test_pf_request(&fake, pf, vf, 1, IGB_MSG_VF_RESET, 0, 0),
		IGB_MSG_VF_RESET | IGB_MSG_ACK);
}

/* VF @vf asks for VLANs @first, @first + 1, ... until one is NACKed, at
 * most @max; returns how many were ACKed. */
static uint16_t
ask_until_nacked(uint16_t vf, uint16_t first, uint16_t max)
{
	uint16_t n;

	for (n = 0; n < max; n++)
		if (vlan_add(vf, first + n) != test_pf_ack_cts(add))
			break;
	return n;
}

/* VLVF entries the registers say are in use. */
static int
vlvf_in_use(void)
{
	int i, n = 0;

	for (i = 0; i < IGB_VLVF_ENTRIES; i++)
		if (fake_pf_reg(&fake, IGB_VLVF(i)) & IGB_VLVF_VIEN)
			n++;
	return n;
}

/* Every (pool, VLAN) pair the registers hold is one the library lists for
 * that VF (a filter or its port VLAN), and the other way round. */
static void
registers_match_the_bookkeeping(void)
{
	struct srnic_pf_vf_info info;
	int i, pairs = 0, listed = 0;
	uint16_t vf, k;

	for (i = 0; i < IGB_VLVF_ENTRIES; i++) {
		uint32_t v = fake_pf_reg(&fake, IGB_VLVF(i));

		if (v & IGB_VLVF_VIEN)
			pairs += __builtin_popcount((v & IGB_VLVF_POOLSEL_MASK) >>
				IGB_VLVF_POOLSEL_SHIFT);
	}
	for (vf = 0; vf < pf->nb_vfs; vf++) {
		assert_int_equal(srnic_pf_vf_info_get(pf, vf, &info), 0);
		for (k = 0; k < info.nb_vlans; k++)
			assert_true(test_pf_vlan_reaches_pool(&fake, info.vlans[k], vf));
		listed += info.nb_vlans;
		if (info.port_vlan != 0) {
			assert_true(test_pf_vlan_reaches_pool(&fake, info.port_vlan, vf));
			listed++;
		}
	}
	assert_int_equal(pairs, listed);
	assert_int_equal(vlvf_in_use(), IGB_VLVF_ENTRIES - pf_vlvf_free_count(&pf->vfio.filt));
}

static void
seven_greedy_vfs_leave_a_port_vlan_for_every_vf(void **state)
{
	uint16_t vf;

	(void)state;
	/* 32 entries, 7 VFs: 7 kept for port VLANs, 3 for each VF, 4 spare. */
	for (vf = 0; vf < SRNIC_PF_MAX_VFS; vf++) {
		vf_reset(vf);
		assert_int_equal(ask_until_nacked(vf, 100 * (vf + 1), 32), 3);
	}
	assert_int_equal(vlvf_in_use(), 21);
	registers_match_the_bookkeeping();
	/* The administrator's own filters go past a full share into the spare. */
	for (vf = 0; vf < 4; vf++)
		assert_int_equal(srnic_pf_vf_vlan_filter(pf, vf, 3000 + vf, true), 0);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf, 4, 3004, true), -ENOSPC);
	assert_int_equal(vlvf_in_use(), 25);
	registers_match_the_bookkeeping();
	/* The last VFs first: nobody's filters have made room for them. */
	for (vf = SRNIC_PF_MAX_VFS; vf-- > 0;) {
		assert_int_equal(srnic_pf_set_vf_vlan(pf, vf, 4000 + vf, 1), 0);
		assert_int_equal(fake_pf_reg(&fake, IGB_VMVIR(vf)) & 0xFFF, 4000 + vf);
		registers_match_the_bookkeeping();
	}
	/* A port VLAN replaces the VF's filters: one entry each. */
	assert_int_equal(vlvf_in_use(), SRNIC_PF_MAX_VFS);
	/* Moving a port VLAN to another VLAN needs no more than its entry. */
	assert_int_equal(srnic_pf_set_vf_vlan(pf, 3, 4093, 0), 0);
	assert_true(test_pf_vlan_reaches_pool(&fake, 4093, 3));
	assert_false(test_pf_vlan_reaches_pool(&fake, 4003, 3));
	registers_match_the_bookkeeping();
}

static void
a_vf_past_its_share_is_nacked_counted_and_logged(void **state)
{
	struct srnic_pf_vf_stats st;
	char *buf = NULL;
	size_t len = 0;
	FILE *log = open_memstream(&buf, &len);

	(void)state;
	vf_reset(2);
	assert_int_equal(ask_until_nacked(2, 10, 3), 3);
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_WARNING);
	rte_openlog_stream(log);
	assert_int_equal(vlan_add(2, 13), test_pf_nack_cts(add));
	rte_openlog_stream(NULL);
	fclose(log);
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_ERR);
	assert_non_null(strstr(buf, "VF 2: already has 3 VLAN filters, its share of the 32 "
		"entries with 7 VFs; VLAN 13 NACKed"));
	free(buf);
	assert_int_equal(srnic_pf_vf_stats_get(pf, 2, &st), 0);
	assert_int_equal(st.nacks, 1);
	assert_int_equal(st.acks, 4);		/* the reset and three VLANs */
	assert_false(test_pf_vlan_reaches_pool(&fake, 13, 2));
	/* Removing one of its own makes room again. */
	assert_int_equal(test_pf_request(&fake, pf, 2, 2, IGB_MSG_SET_VLAN, 10, 0),
		test_pf_ack_cts(IGB_MSG_SET_VLAN));
	assert_int_equal(vlan_add(2, 13), test_pf_ack_cts(add));
}

static void
a_resetting_vf_finds_its_share_when_it_comes_back(void **state)
{
	uint16_t vf;

	(void)state;
	vf_reset(0);
	assert_int_equal(ask_until_nacked(0, 100, 32), 3);
	/* VF 0 resets: its entries are released... */
	fake_vf_flr(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(vlvf_in_use(), 0);
	/* ...and everybody else takes all they can meanwhile, the
	 * administrator included. */
	for (vf = 1; vf < SRNIC_PF_MAX_VFS; vf++) {
		vf_reset(vf);
		assert_int_equal(ask_until_nacked(vf, 100 * (vf + 1), 32), 3);
	}
	for (vf = 1; vf < 5; vf++)
		assert_int_equal(srnic_pf_vf_vlan_filter(pf, vf, 3000 + vf, true), 0);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf, 5, 3005, true), -ENOSPC);
	assert_int_equal(vlvf_in_use(), 22);
	/* VF 0 is back and gets its three, and the port VLANs still fit. */
	vf_reset(0);
	assert_int_equal(ask_until_nacked(0, 200, 32), 3);
	assert_true(test_pf_vlan_reaches_pool(&fake, 202, 0));
	for (vf = 0; vf < SRNIC_PF_MAX_VFS; vf++)
		assert_int_equal(srnic_pf_set_vf_vlan(pf, 6 - vf, 4000 + vf, 0), 0);
	registers_match_the_bookkeeping();
}

static void
a_share_that_cannot_fit_the_vfs_is_refused(void **state)
{
	struct srnic_pf_opts opts = { .size = sizeof(opts), .vlans_per_vf = 4 };
	char *buf = NULL;
	size_t len = 0;
	FILE *log;
	int err = 0;

	(void)state;
	teardown(state);
	/* 7 x (4 + 1) = 35 > 32. */
	log = open_memstream(&buf, &len);
	rte_openlog_stream(log);
	assert_null(test_pf_open(&fake, 7, &opts, &err));
	rte_openlog_stream(NULL);
	fclose(log);
	assert_int_equal(err, -EINVAL);
	assert_non_null(strstr(buf, "vlans_per_vf = 4 does not fit 7 VFs: 7 x (4 VLAN filters "
		"+ 1 port VLAN) = 35 of the 32 VLAN filter entries; use at most 3"));
	free(buf);
	fake_pf_fini(&fake);
	/* 6 x (4 + 1) = 30 fits: 4 filters a VF, 2 spare. */
	pf = test_pf_open(&fake, 6, &opts, NULL);
	assert_non_null(pf);
	vf_reset(5);
	assert_int_equal(ask_until_nacked(5, 100, 32), 4);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf, 5, 200, true), 0);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf, 5, 201, true), 0);
	assert_int_equal(srnic_pf_vf_vlan_filter(pf, 5, 202, true), -ENOSPC);
	/* A seventh VF would not fit either: refused before sysfs is touched. */
	assert_int_equal(srnic_pf_vfs_create(pf, 7), -EINVAL);
	assert_int_equal(srnic_pf_vf_count(pf), 6);
}

static void
more_vfs_drop_filters_past_the_new_shares(void **state)
{
	uint16_t vf;

	(void)state;
	teardown(state);
	pf = test_pf_open(&fake, 2, NULL, NULL);
	assert_non_null(pf);
	vf_reset(0);
	vf_reset(1);
	/* Two VFs: 8 each, 14 spare. */
	assert_int_equal(ask_until_nacked(0, 100, 32), 8);
	for (vf = 0; vf < 10; vf++)
		assert_int_equal(srnic_pf_vf_vlan_filter(pf, 1, 300 + vf, true), 0);
	/* Seven VFs (sysfs went through zero): 3 each, 4 spare; VF 1's 10
	 * would take 7 spare entries. */
	pf->nb_vfs = 7;
	assert_int_equal(pf->ops->vfs_changed(pf, 2), 0);
	assert_int_equal(pf->vf[0].nb_vlans, 0);
	assert_int_equal(pf->vf[1].nb_vlans, 0);
	assert_int_equal(vlvf_in_use(), 0);
	for (vf = 2; vf < SRNIC_PF_MAX_VFS; vf++) {
		vf_reset(vf);
		assert_int_equal(ask_until_nacked(vf, 100 * vf, 32), 3);
	}
	registers_match_the_bookkeeping();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup_seven, teardown)
		T(seven_greedy_vfs_leave_a_port_vlan_for_every_vf),
		T(a_vf_past_its_share_is_nacked_counted_and_logged),
		T(a_resetting_vf_finds_its_share_when_it_comes_back),
		T(a_share_that_cannot_fit_the_vfs_is_refused),
		T(more_vfs_drop_filters_past_the_new_shares),
#undef T
	};

	add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);
	test_eal_init("test_pf_vlan_budget");
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_ERR);
	return cmocka_run_group_tests_name("pf_vlan_budget", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PF's shared filter tables on a plain memory BAR: receive address
 * entries (taken from the top, moved with their pool, shared, run out),
 * VLAN pool filters (shared, freed with their last pool, run out) with the
 * VLAN bitmap following them, the multicast table as the union of the
 * pools' lists, and the unicast table all ones while a pool wants it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pf_filters.h"

static struct srnic_bar bar;
static struct pf_filters filt;

static uint32_t
reg(uint32_t off)
{
	return srnic_read32(&bar, off);
}

static int
setup(void **state)
{
	(void)state;
	memset(&bar, 0, sizeof(bar));
	bar.base = calloc(1, IGB_PF_BAR0_SIZE);
	bar.len = IGB_PF_BAR0_SIZE;
	/* Stale contents that init must clear. */
	memset(bar.base + IGB_VFTA(0), 0xFF, 4 * IGB_VFTA_REGS);
	memset(bar.base + IGB_RAL(3), 0xFF, 8);
	pf_filters_init(&filt, &bar, IGB_RAR_ENTRIES_82576);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(bar.base);
	return 0;
}

static const uint8_t mac_a[6] = { 0x02, 0, 0, 0, 0, 0xa };
static const uint8_t mac_b[6] = { 0x02, 0, 0, 0, 0, 0xb };

static void
init_clears_every_table(void **state)
{
	(void)state;
	assert_int_equal(reg(IGB_VFTA(5)), 0);
	assert_int_equal(reg(IGB_RAH(3)), 0);
	assert_int_equal(pf_rar_free_count(&filt), IGB_RAR_ENTRIES_82576 - 1);
	assert_int_equal(pf_vlvf_free_count(&filt), IGB_VLVF_ENTRIES);
}

static void
rar_entries_come_from_the_top_and_move_with_their_pool(void **state)
{
	(void)state;
	assert_int_equal(pf_rar_claim(&filt, 0, mac_a), 23);
	assert_int_equal(pf_rar_claim(&filt, 1, mac_b), 22);
	assert_int_equal(reg(IGB_RAL(23)), 0x00000002u);
	assert_int_equal(reg(IGB_RAH(23)), IGB_RAH_AV | (1u << IGB_RAH_POOL_SHIFT) | 0x0a00);
	assert_int_equal(pf_rar_pools(&filt, mac_b), 1u << 1);
	/* Pool 0 changes address: same entry, old address gone. */
	assert_int_equal(pf_rar_claim(&filt, 0, (const uint8_t[6]){ 2, 0, 0, 0, 1, 0xc }), 23);
	assert_int_equal(pf_rar_pools(&filt, mac_a), 0);
	assert_int_equal(pf_rar_claim(&filt, 1, mac_b), 22);	/* no-op */
	pf_rar_release(&filt, 1);
	assert_int_equal(reg(IGB_RAH(22)), 0);
	assert_int_equal(pf_rar_free_count(&filt), IGB_RAR_ENTRIES_82576 - 2);
}

static void
rar_entry_shared_by_two_pools_is_freed_by_the_last(void **state)
{
	(void)state;
	assert_int_equal(pf_rar_claim(&filt, 2, mac_a), 23);
	assert_int_equal(pf_rar_claim(&filt, 3, mac_a), 23);
	assert_int_equal(reg(IGB_RAH(23)) & IGB_RAH_POOL_MASK, 0xCu << IGB_RAH_POOL_SHIFT);
	pf_rar_release(&filt, 2);
	assert_int_equal(reg(IGB_RAH(23)) & IGB_RAH_POOL_MASK, 0x8u << IGB_RAH_POOL_SHIFT);
	pf_rar_release(&filt, 3);
	assert_int_equal(reg(IGB_RAH(23)), 0);
}

/* A pool has one address: joining an address another pool holds, or
 * taking a free entry, leaves the pool's old entry (freed when it was the
 * only one there). */
static void
rar_a_pool_that_moves_leaves_its_old_entry(void **state)
{
	const uint8_t mac_c[6] = { 0x02, 0, 0, 0, 0, 0xc };

	(void)state;
	assert_int_equal(pf_rar_claim(&filt, 1, mac_a), 23);
	assert_int_equal(pf_rar_claim(&filt, 2, mac_b), 22);
	/* Pool 2 joins pool 1's address: B's entry goes. */
	assert_int_equal(pf_rar_claim(&filt, 2, mac_a), 23);
	assert_int_equal(pf_rar_pools(&filt, mac_b), 0);
	assert_int_equal(reg(IGB_RAH(22)), 0);
	assert_int_equal(pf_rar_pools(&filt, mac_a), (1u << 1) | (1u << 2));
	/* Pool 2 takes a new address: it leaves the shared entry to pool 1. */
	assert_int_equal(pf_rar_claim(&filt, 2, mac_c), 22);
	assert_int_equal(pf_rar_pools(&filt, mac_a), 1u << 1);
	assert_int_equal(pf_rar_pools(&filt, mac_c), 1u << 2);
	assert_int_equal(pf_rar_free_count(&filt), IGB_RAR_ENTRIES_82576 - 3);
}

static void
rar_runs_out_with_enospc_and_changes_nothing(void **state)
{
	uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0 };
	uint8_t p;

	(void)state;
	pf_filters_init(&filt, &bar, 4);	/* RAR0 (PF) + 3 */
	for (p = 0; p < 3; p++) {
		mac[5] = p + 1;
		assert_true(pf_rar_claim(&filt, p, mac) > 0);
	}
	mac[5] = 9;
	assert_int_equal(pf_rar_claim(&filt, 4, mac), -ENOSPC);
	assert_int_equal(pf_rar_pools(&filt, mac), 0);
	assert_int_equal(pf_rar_free_count(&filt), 0);
	/* A pool that has an entry can still move to a new address. */
	assert_int_equal(pf_rar_claim(&filt, 1, mac), 2);
}

static bool
vfta_bit(uint16_t vid)
{
	return (reg(IGB_VFTA(vid >> 5)) >> (vid & 31)) & 1;
}

static void
vlvf_entries_are_shared_and_freed_with_the_last_pool(void **state)
{
	(void)state;
	assert_int_equal(pf_vlvf_add(&filt, 100, 0), 0);
	assert_int_equal(pf_vlvf_add(&filt, 100, 2), 0);
	assert_int_equal(reg(IGB_VLVF(0)), IGB_VLVF_VIEN | (0x5u << IGB_VLVF_POOLSEL_SHIFT) | 100);
	assert_true(vfta_bit(100));
	assert_true(pf_vlvf_has(&filt, 100, 2));
	assert_false(pf_vlvf_has(&filt, 100, 1));
	assert_int_equal(pf_vlvf_del(&filt, 100, 1), -ENOENT);
	assert_int_equal(pf_vlvf_del(&filt, 100, 0), 0);
	assert_true(vfta_bit(100));
	assert_int_equal(pf_vlvf_del(&filt, 100, 2), 0);
	assert_false(vfta_bit(100));
	assert_int_equal(reg(IGB_VLVF(0)), 0);
}

static void
vlvf_runs_out_after_32_vlans(void **state)
{
	uint16_t vid;

	(void)state;
	for (vid = 1; vid <= IGB_VLVF_ENTRIES; vid++)
		assert_int_equal(pf_vlvf_add(&filt, vid, vid % 7), 0);
	assert_int_equal(pf_vlvf_add(&filt, 4000, 0), -ENOSPC);
	assert_false(vfta_bit(4000));
	assert_int_equal(pf_vlvf_add(&filt, 5, 6), 0);	/* sharing needs no entry */
	pf_vlvf_release(&filt, 3);			/* VLANs 3, 10, 17, 24, 31 */
	assert_int_equal(pf_vlvf_free_count(&filt), 5);
	assert_int_equal(pf_vlvf_add(&filt, 4000, 0), 0);
	assert_true(vfta_bit(4000));
	assert_false(vfta_bit(10));
}

static void
mta_is_the_union_of_every_pool_list(void **state)
{
	const uint16_t a[2] = { 0xFB0, 0x010 }, b[1] = { 0xFB0 };

	(void)state;
	pf_mta_set(&filt, 0, a, 2);
	pf_mta_set(&filt, 1, b, 1);
	assert_int_equal(reg(IGB_MTA(0x7D)), 1u << 0x10);
	assert_int_equal(reg(IGB_MTA(0)), 1u << 0x10);
	pf_mta_set(&filt, 0, NULL, 0);
	assert_int_equal(reg(IGB_MTA(0x7D)), 1u << 0x10);	/* pool 1 still has it */
	assert_int_equal(reg(IGB_MTA(0)), 0);
	pf_mta_set(&filt, 1, NULL, 0);
	assert_int_equal(reg(IGB_MTA(0x7D)), 0);
}

static void
uta_is_all_ones_while_any_pool_wants_it(void **state)
{
	(void)state;
	pf_uta_set(&filt, 1, true);
	pf_uta_set(&filt, 4, true);
	assert_int_equal(reg(IGB_UTA(0)), UINT32_MAX);
	pf_uta_set(&filt, 1, false);
	assert_int_equal(reg(IGB_UTA(127)), UINT32_MAX);
	pf_uta_set(&filt, 4, false);
	assert_int_equal(reg(IGB_UTA(127)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(init_clears_every_table),
		T(rar_entries_come_from_the_top_and_move_with_their_pool),
		T(rar_entry_shared_by_two_pools_is_freed_by_the_last),
		T(rar_a_pool_that_moves_leaves_its_old_entry),
		T(rar_runs_out_with_enospc_and_changes_nothing),
		T(vlvf_entries_are_shared_and_freed_with_the_last_pool),
		T(vlvf_runs_out_after_32_vlans),
		T(mta_is_the_union_of_every_pool_list),
		T(uta_is_all_ones_while_any_pool_wants_it),
#undef T
	};

	return cmocka_run_group_tests_name("pf_filters", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The userspace PF's mailbox server and policy against a register file
 * that plays the NIC and the VFs: the reset handshake, clear-to-send,
 * malformed requests (NACKed, counted, no effect elsewhere), the Linux igb
 * policy (administrator MAC and trust, port VLAN), filter exhaustion,
 * function-level resets, pings on link changes, application callbacks and
 * rate-limited logging.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "test_eal.h"
#include "test_pf.h"

static struct fake_pf fake;
static struct srnic_pf *pf;

static void
open_pf(uint16_t nb_vfs, const struct srnic_pf_opts *opts)
{
	pf = test_pf_open(&fake, nb_vfs, opts, NULL);
	assert_non_null(pf);
}

static int
setup(void **state)
{
	(void)state;
	open_pf(3, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	test_pf_close(&fake, pf);
	return 0;
}

/* VF @vf sends @n words; the server runs once; word 0 of the answer, or 0. */
static uint32_t
request(uint16_t vf, int n, uint32_t w0, uint32_t w1, uint32_t w2)
{
	return test_pf_request(&fake, pf, vf, n, w0, w1, w2);
}

static void
vf_reset(uint16_t vf)
{
	assert_int_equal(request(vf, 1, IGB_MSG_VF_RESET, 0, 0),
		IGB_MSG_VF_RESET | IGB_MSG_ACK);
}

static uint32_t
mac_w1(const uint8_t m[6])
{
	return (uint32_t)m[0] | (uint32_t)m[1] << 8 | (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24;
}

static uint32_t
mac_w2(const uint8_t m[6])
{
	return (uint32_t)m[4] | (uint32_t)m[5] << 8;
}

/* RAR entry holding @mac, or -1. */
static int
rar_index(const uint8_t mac[6])
{
	int i;

	for (i = 0; i < IGB_RAR_ENTRIES_82576; i++)
		if ((fake_pf_reg(&fake, IGB_RAH(i)) & IGB_RAH_AV) &&
		    fake_pf_reg(&fake, IGB_RAL(i)) == mac_w1(mac) &&
		    (fake_pf_reg(&fake, IGB_RAH(i)) & 0xFFFF) == mac_w2(mac))
			return i;
	return -1;
}

static struct srnic_pf_vf_stats
stats(uint16_t vf)
{
	struct srnic_pf_vf_stats s;

	assert_int_equal(srnic_pf_vf_stats_get(pf, vf, &s), 0);
	return s;
}

static void
init_programs_pools_switching_and_releases_the_vfs(void **state)
{
	(void)state;
	assert_int_equal(fake.resets, 1);
	assert_int_equal(fake_pf_reg(&fake, IGB_MRQC) & IGB_MRQC_MODE_MASK, IGB_MRQC_MODE_VMDQ);
	/* Loopback on; MAC and VLAN anti-spoof for VFs 0..2 only. */
	assert_int_equal(fake_pf_reg(&fake, IGB_DTXSWC), IGB_TXSWC_LOOPBACK_EN | 0x0707);
	assert_int_equal(fake_pf_reg(&fake, IGB_VT_CTL),
		(7u << IGB_VT_CTL_DEF_PL_SHIFT) | IGB_VT_CTL_DIS_DEF_POOL | IGB_VT_CTL_VM_REPL_EN);
	assert_true(fake_pf_reg(&fake, IGB_RCTL) & IGB_RCTL_VFE);
	assert_true(fake_pf_reg(&fake, IGB_RCTL) & IGB_RCTL_EN);
	assert_int_equal(fake_pf_reg(&fake, IGB_RXDCTL(0)), 0);	/* VF 0's queue, off */
	/* The PF's MAC stays in RAR0, in the PF's pool (7). */
	assert_int_equal(rar_index(test_pf_perm_mac), 0);
	assert_int_equal(fake_pf_reg(&fake, IGB_RAH(0)) & IGB_RAH_POOL_MASK,
		1u << (IGB_RAH_POOL_SHIFT + 7));
	/* Pools stay closed until each VF's reset handshake. */
	assert_int_equal(fake_pf_reg(&fake, IGB_VFRE), 0);
	assert_true(fake_pf_reg(&fake, IGB_CTRL_EXT) & IGB_CTRL_EXT_PFRSTD);
	assert_int_equal(fake.v2p[0] & (IGB_V2P_RSTI | IGB_V2P_RSTD), IGB_V2P_RSTD);
	assert_true(fake_pf_reg(&fake, IGB_CTRL) & IGB_CTRL_SLU);
}

static void
reset_handshake_gives_the_mac_and_opens_the_pool(void **state)
{
	struct srnic_pf_vf_info info;
	int seen = fake.nb_posted[1], idx;

	(void)state;
	assert_int_equal(srnic_pf_vf_info_get(pf, 1, &info), 0);
	assert_false(info.cts);
	assert_false(info.mac_admin);
	/* Made from the PF's MAC: locally administered, per VF. */
	assert_int_equal(info.mac.addr_bytes[0], 0x02);
	assert_int_equal(info.mac.addr_bytes[5], 0x11);
	vf_reset(1);
	assert_int_equal(fake.nb_posted[1], seen + 1);
	assert_int_equal(fake.posted[1][1], mac_w1(info.mac.addr_bytes));
	assert_int_equal(fake.posted[1][2], mac_w2(info.mac.addr_bytes));
	idx = rar_index(info.mac.addr_bytes);
	assert_true(idx > 0);
	assert_int_equal(fake_pf_reg(&fake, IGB_RAH(idx)) & IGB_RAH_POOL_MASK,
		1u << (IGB_RAH_POOL_SHIFT + 1));
	assert_int_equal(fake_pf_reg(&fake, IGB_VFRE), 1u << 1);
	assert_int_equal(fake_pf_reg(&fake, IGB_VFTE), 1u << 1);
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(1)) & IGB_VMOLR_BAM);
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(1)) & IGB_VMOLR_AUPE);
	assert_int_equal(srnic_pf_vf_info_get(pf, 1, &info), 0);
	assert_true(info.cts);
	assert_int_equal(stats(1).resets, 1);
	assert_int_equal(stats(1).acks, 1);
}

static void
requests_before_reset_are_nacked_once_an_interval(void **state)
{
	uint32_t w0 = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);

	(void)state;
	assert_int_equal(request(0, 2, w0, 100, 0), w0 | IGB_MSG_NACK);
	assert_int_equal(request(0, 2, w0, 100, 0), 0);		/* dropped */
	test_pf_now_ms += 2001;
	assert_int_equal(request(0, 2, w0, 100, 0), w0 | IGB_MSG_NACK);
	assert_int_equal(stats(0).nacks, 2);
	assert_int_equal(stats(0).dropped, 1);
	assert_int_equal(stats(0).refused_not_ready, 3);
	assert_int_equal(stats(0).refused_by_policy, 0);
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), IGB_VLVF_ENTRIES);
	/* A reset request is always served. */
	vf_reset(0);
	assert_int_equal(request(0, 2, w0, 100, 0), test_pf_ack_cts(w0));
}

static void
malformed_requests_are_nacked_counted_and_change_nothing(void **state)
{
	static const struct {
		int n;
		uint32_t w0, w1, w2;
	} bad[] = {
		{ 1, 0x0007, 0, 0 },					/* unknown id */
		{ 1, 0x0100, 0, 0 },					/* PF's own id */
		{ 2, IGB_MSG_SET_VLAN | IGB_MSG_ACK, 5, 0 },		/* reply flags */
		{ 3, IGB_MSG_SET_MAC_ADDR, 0x00005e01, 0x0100 },	/* multicast MAC */
		{ 3, IGB_MSG_SET_MAC_ADDR, 0, 0 },			/* zero MAC */
		{ 3, 0x00020002, 0x33221102, 0x5544 },			/* extra filter */
		{ 2, IGB_MSG_SET_VLAN, 5000, 0 },			/* VLAN range */
		{ 2, 0x00020004, 10, 0 },				/* VLAN info */
		{ 2, IGB_MSG_SET_LPE, 20000, 0 },			/* frame size */
		{ 2, IGB_MSG_SET_LPE, 10, 0 },
		{ 1, 0x00040006, 0, 0 },				/* promisc flags */
		{ 2, 0x00010003, 0x1000, 0 },				/* hash > 12 bits */
	};
	static uint32_t before[IGB_PF_BAR0_SIZE / 4];
	size_t i;

	(void)state;
	vf_reset(0);
	vf_reset(1);
	memcpy(before, fake.regs, sizeof(before));
	for (i = 0; i < RTE_DIM(bad); i++)
		assert_int_equal(request(0, bad[i].n, bad[i].w0, bad[i].w1, bad[i].w2),
			test_pf_nack_cts(bad[i].w0 & (IGB_MSG_ID_MASK | IGB_MSG_INFO_MASK)));
	assert_int_equal(stats(0).bad_msgs, RTE_DIM(bad));
	assert_int_equal(stats(0).nacks, RTE_DIM(bad));
	/* One reason each: malformed, not also refused by policy. */
	assert_int_equal(stats(0).refused_by_policy, 0);
	assert_int_equal(stats(0).refused_not_ready, 0);
	assert_int_equal(stats(1).bad_msgs, 0);
	/* Nothing outside the mailbox registers moved. */
	for (i = 0; i < IGB_PF_BAR0_SIZE / 4; i++) {
		uint32_t off = (uint32_t)i * 4;

		if (off >= IGB_PF_VMBMEM(0) && off < IGB_VFRE)
			continue;	/* buffers, P2V, MBVFICR, VFLRE */
		if (off == IGB_ICR)
			continue;
		if (before[i] != fake.regs[i])
			fail_msg("register 0x%05x changed: 0x%08x -> 0x%08x", off, before[i],
				fake.regs[i]);
	}
}

static void
admin_mac_stays_unless_the_vf_is_trusted(void **state)
{
	const struct rte_ether_addr admin = {{ 0x02, 0, 0, 0, 0, 0x10 }};
	const uint8_t want[6] = { 0x02, 0x5a, 0, 0, 0, 1 };
	uint32_t w0 = IGB_MSG_SET_MAC_ADDR;
	struct srnic_pf_vf_info info;

	(void)state;
	assert_int_equal(srnic_pf_set_vf_mac(pf, 0, &admin), 0);
	vf_reset(0);
	assert_int_equal(fake.posted[0][1], mac_w1(admin.addr_bytes));
	assert_int_equal(request(0, 3, w0, mac_w1(want), mac_w2(want)), test_pf_nack_cts(w0));
	assert_int_equal(stats(0).refused_by_policy, 1);
	assert_true(rar_index(admin.addr_bytes) > 0);
	assert_int_equal(rar_index(want), -1);
	assert_int_equal(srnic_pf_set_vf_trust(pf, 0, true), 0);
	assert_int_equal(request(0, 3, w0, mac_w1(want), mac_w2(want)), test_pf_ack_cts(w0));
	assert_int_equal(rar_index(admin.addr_bytes), -1);
	assert_true(rar_index(want) > 0);
	srnic_pf_vf_info_get(pf, 0, &info);
	assert_memory_equal(info.mac.addr_bytes, want, 6);
	/* Without an administrator MAC no trust is needed. */
	vf_reset(1);
	assert_int_equal(request(1, 3, w0, mac_w1(admin.addr_bytes), mac_w2(admin.addr_bytes)),
		test_pf_ack_cts(w0));
}

static void
a_vf_cannot_take_the_mac_of_another_function(void **state)
{
	struct srnic_pf_vf_info v0;
	uint32_t w0 = IGB_MSG_SET_MAC_ADDR;

	(void)state;
	vf_reset(0);
	vf_reset(1);
	srnic_pf_vf_info_get(pf, 0, &v0);
	assert_int_equal(request(1, 3, w0, mac_w1(v0.mac.addr_bytes), mac_w2(v0.mac.addr_bytes)),
		test_pf_nack_cts(w0));
	assert_int_equal(request(1, 3, w0, mac_w1(test_pf_perm_mac), mac_w2(test_pf_perm_mac)),
		test_pf_nack_cts(w0));
	assert_int_equal(fake_pf_reg(&fake, IGB_RAH(rar_index(v0.mac.addr_bytes))) &
		IGB_RAH_POOL_MASK, 1u << IGB_RAH_POOL_SHIFT);
	/* Nor can the administrator give one MAC to two VFs. */
	assert_int_equal(srnic_pf_set_vf_mac(pf, 1, &v0.mac), -EADDRINUSE);
}

static void
port_vlan_tags_strips_and_refuses_vf_vlan_filters(void **state)
{
	uint32_t add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);
	int i, found = 0;

	(void)state;
	vf_reset(0);
	assert_int_equal(request(0, 2, add, 200, 0), test_pf_ack_cts(add));
	assert_int_equal(srnic_pf_set_vf_vlan(pf, 0, 100, 3), 0);
	assert_int_equal(fake_pf_reg(&fake, IGB_VMVIR(0)),
		100u | (3u << IGB_VMVIR_PRIO_SHIFT) | IGB_VMVIR_VLANA_DEFAULT);
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_AUPE);
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_STRVLAN);
	for (i = 0; i < IGB_VLVF_ENTRIES; i++) {
		uint32_t v = fake_pf_reg(&fake, IGB_VLVF(i));

		if (v & IGB_VLVF_VIEN) {
			found++;
			assert_int_equal(v & IGB_VLVF_VLANID_MASK, 100);
			assert_int_equal(v & IGB_VLVF_POOLSEL_MASK, 1u << IGB_VLVF_POOLSEL_SHIFT);
		}
	}
	assert_int_equal(found, 1);		/* VLAN 200 went with the port VLAN */
	assert_true(fake_pf_reg(&fake, IGB_VFTA(100 >> 5)) & (1u << (100 & 31)));
	assert_false(fake_pf_reg(&fake, IGB_VFTA(200 >> 5)) & (1u << (200 & 31)));
	assert_int_equal(request(0, 2, add, 300, 0), test_pf_nack_cts(add));
	assert_int_equal(srnic_pf_vf_vlan_filter(pf, 0, 300, true), -EPERM);
	/* It survives the VF's reset; removing it restores untagged traffic. */
	vf_reset(0);
	assert_int_equal(fake_pf_reg(&fake, IGB_VMVIR(0)) & 0xFFF, 100);
	assert_int_equal(srnic_pf_set_vf_vlan(pf, 0, 0, 0), 0);
	assert_int_equal(fake_pf_reg(&fake, IGB_VMVIR(0)), 0);
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_AUPE);
	assert_int_equal(request(0, 2, add, 300, 0), test_pf_ack_cts(add));
}

static bool
vlan_reaches_pool(uint16_t vid, uint16_t pool)
{
	return test_pf_vlan_reaches_pool(&fake, vid, pool);
}

static void
port_vlan_the_vf_already_filters_keeps_the_vf_in_that_vlan(void **state)
{
	uint32_t add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);

	(void)state;
	vf_reset(0);
	assert_int_equal(request(0, 2, add, 100, 0), test_pf_ack_cts(add));
	assert_int_equal(request(0, 2, add, 200, 0), test_pf_ack_cts(add));
	assert_int_equal(srnic_pf_set_vf_vlan(pf, 0, 100, 0), 0);
	assert_true(vlan_reaches_pool(100, 0));
	assert_false(vlan_reaches_pool(200, 0));
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), IGB_VLVF_ENTRIES - 1);
	vf_reset(0);
	assert_true(vlan_reaches_pool(100, 0));
	/* Removing the port VLAN takes the VF out of it, once. */
	assert_int_equal(srnic_pf_set_vf_vlan(pf, 0, 0, 0), 0);
	assert_false(vlan_reaches_pool(100, 0));
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), IGB_VLVF_ENTRIES);
}

static void
vf_reset_puts_the_vf_back_in_its_port_vlan(void **state)
{
	(void)state;
	vf_reset(1);
	assert_int_equal(srnic_pf_set_vf_vlan(pf, 1, 300, 2), 0);
	/* However the VF lost the entry, its reset restores it. */
	pf_vlvf_del(&pf->vfio.filt, 300, 1);
	assert_false(vlan_reaches_pool(300, 1));
	vf_reset(1);
	assert_true(vlan_reaches_pool(300, 1));
	assert_int_equal(fake_pf_reg(&fake, IGB_VMVIR(1)) & 0xFFF, 300);
}

static void
vlan_filters_are_shared_limited_per_vf_and_run_out(void **state)
{
	uint32_t add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);
	uint32_t del = IGB_MSG_SET_VLAN;
	struct srnic_pf_opts opts = { .size = sizeof(opts), .vlans_per_vf = 15 };
	uint16_t vid;

	(void)state;
	/* Default share with 3 VFs: 8 a VF. */
	vf_reset(0);
	for (vid = 1; vid <= 8; vid++)
		assert_int_equal(request(0, 2, add, vid, 0), test_pf_ack_cts(add));
	assert_int_equal(request(0, 2, add, 9, 0), test_pf_nack_cts(add));
	/* Two VFs on one VLAN share an entry. */
	vf_reset(1);
	assert_int_equal(request(1, 2, add, 5, 0), test_pf_ack_cts(add));
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), IGB_VLVF_ENTRIES - 8);
	teardown(state);

	/* Two VFs with 15 each: all but the two port VLAN entries. */
	open_pf(2, &opts);
	vf_reset(0);
	vf_reset(1);
	for (vid = 1; vid <= 15; vid++)
		assert_int_equal(request(0, 2, add, vid, 0), test_pf_ack_cts(add));
	for (vid = 101; vid <= 114; vid++)
		assert_int_equal(request(1, 2, add, vid, 0), test_pf_ack_cts(add));
	/* A shared VLAN still counts against the VF's share. */
	assert_int_equal(request(1, 2, add, 7, 0), test_pf_ack_cts(add));
	assert_int_equal(request(1, 2, add, 115, 0), test_pf_nack_cts(add));
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), 3);
	/* Another VF freeing one gives nothing; freeing its own does. */
	assert_int_equal(request(0, 2, del, 15, 0), test_pf_ack_cts(del));
	assert_int_equal(request(1, 2, add, 115, 0), test_pf_nack_cts(add));
	assert_int_equal(request(1, 2, del, 7, 0), test_pf_ack_cts(del));
	assert_int_equal(request(1, 2, add, 115, 0), test_pf_ack_cts(add));
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), 3);
}

static void
multicast_list_fills_the_hash_table_and_overflow_means_all(void **state)
{
	uint32_t two = igb_msg_word0(IGB_MSG_SET_MULTICAST, 2);
	uint32_t over = igb_msg_word0(IGB_MSG_SET_MULTICAST, IGB_MC_OVERFLOW | 30);

	(void)state;
	vf_reset(2);
	assert_int_equal(request(2, 2, two, 0x0FB0 | (0x0010u << 16), 0), test_pf_ack_cts(two));
	assert_true(fake_pf_reg(&fake, IGB_MTA(0x7D)) & (1u << 0x10));
	assert_true(fake_pf_reg(&fake, IGB_MTA(0)) & (1u << 0x10));
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(2)) & IGB_VMOLR_ROMPE);
	assert_int_equal(request(2, 1, over, 0, 0), test_pf_ack_cts(over));
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(2)) & IGB_VMOLR_MPME);
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(2)) & IGB_VMOLR_ROMPE);
	assert_int_equal(fake_pf_reg(&fake, IGB_MTA(0x7D)), 0);
	/* Not allowed: refused, and taking it away ends it. */
	assert_int_equal(srnic_pf_set_vf_rxmode(pf, 2, SRNIC_PF_RXMODE_BROADCAST), 0);
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(2)) & IGB_VMOLR_MPME);
	assert_int_equal(request(2, 2, two, 0x0FB0, 0), test_pf_nack_cts(two));
	assert_int_equal(srnic_pf_set_vf_rxmode(pf, 2, 0), 0);
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(2)) & IGB_VMOLR_BAM);
}

static void
unicast_promiscuous_only_when_allowed(void **state)
{
	uint32_t uc = igb_msg_word0(IGB_MSG_SET_PROMISC, IGB_PROMISC_UNICAST);
	uint32_t mc = igb_msg_word0(IGB_MSG_SET_PROMISC, IGB_PROMISC_MULTICAST);
	struct srnic_pf_vf_info info;

	(void)state;
	vf_reset(0);
	assert_int_equal(request(0, 1, uc, 0, 0), test_pf_nack_cts(uc));
	assert_int_equal(request(0, 1, mc, 0, 0), test_pf_ack_cts(mc));
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_MPME);
	assert_int_equal(srnic_pf_set_vf_rxmode(pf, 0, SRNIC_PF_RXMODE_DEFAULT |
		SRNIC_PF_RXMODE_PROMISC), 0);
	assert_int_equal(request(0, 1, uc | mc, 0, 0), test_pf_ack_cts(uc | mc));
	assert_true(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_ROPE);
	assert_int_equal(fake_pf_reg(&fake, IGB_UTA(17)), UINT32_MAX);
	srnic_pf_vf_info_get(pf, 0, &info);
	assert_int_equal(info.rxmode, SRNIC_PF_RXMODE_DEFAULT | SRNIC_PF_RXMODE_PROMISC);
	assert_int_equal(srnic_pf_set_vf_rxmode(pf, 0, SRNIC_PF_RXMODE_DEFAULT), 0);
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_ROPE);
	assert_int_equal(fake_pf_reg(&fake, IGB_UTA(17)), 0);
}

static void
frame_size_request_sets_the_pool_limit(void **state)
{
	uint32_t w0 = IGB_MSG_SET_LPE;

	(void)state;
	vf_reset(1);
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(1)) & IGB_VMOLR_LPE);
	assert_int_equal(request(1, 2, w0, 9022, 0), test_pf_ack_cts(w0));
	assert_int_equal(fake_pf_reg(&fake, IGB_VMOLR(1)) & (IGB_VMOLR_LPE | IGB_VMOLR_RLPML_MASK),
		IGB_VMOLR_LPE | 9022);
	/* Linux igbvf clears its extra unicast filters on every mode change. */
	assert_int_equal(request(1, 3, 0x00010002, 0, 0), test_pf_ack_cts(0x00010002));
}

static void
flr_closes_the_pool_and_forgets_the_requests(void **state)
{
	uint32_t add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);
	struct srnic_pf_vf_info info;

	(void)state;
	vf_reset(0);
	assert_int_equal(request(0, 2, add, 42, 0), test_pf_ack_cts(add));
	srnic_pf_poll(pf);	/* takes the VF's acknowledgement */
	fake_vf_flr(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake_pf_reg(&fake, IGB_VFRE) & 1, 0);
	assert_int_equal(fake_pf_reg(&fake, IGB_VFLRE), 0);
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), IGB_VLVF_ENTRIES);
	srnic_pf_vf_info_get(pf, 0, &info);
	assert_false(info.cts);
	assert_true(rar_index(info.mac.addr_bytes) > 0);	/* its MAC stays */
	assert_int_equal(request(0, 2, add, 42, 0), add | IGB_MSG_NACK);
	assert_int_equal(stats(0).flrs, 1);
}

static void
reset_request_covers_the_flr_that_came_with_it(void **state)
{
	const uint32_t w = IGB_MSG_VF_RESET;
	int seen = fake.nb_posted[2];

	(void)state;
	/* The VF reset itself (FLR) and sent VF_RESET before the PF looked. */
	fake_vf_flr(&fake, 2);
	fake_vf_send(&fake, 2, &w, 1);
	srnic_pf_poll(pf);
	srnic_pf_poll(pf);
	assert_int_equal(fake_vf_last(&fake, 2, seen), IGB_MSG_VF_RESET | IGB_MSG_ACK);
	assert_true(fake_pf_reg(&fake, IGB_VFRE) & (1u << 2));
	assert_int_equal(stats(2).flrs, 1);
}

static enum srnic_pf_verdict
deny_vlans_handle_lpe(struct srnic_pf *p, const struct srnic_pf_event *ev, void *arg)
{
	int *calls = arg;

	(void)p;
	calls[ev->type]++;
	if (ev->type != SRNIC_PF_EVENT_VF_MSG)
		return SRNIC_PF_ALLOW;
	if (ev->msg->id == SRNIC_PF_MSG_SET_VLAN) {
		assert_int_equal(ev->msg->vlan, 77);
		return SRNIC_PF_DENY;
	}
	if (ev->msg->id == SRNIC_PF_MSG_SET_LPE)
		return SRNIC_PF_HANDLED;
	return SRNIC_PF_ALLOW;
}

static void
callbacks_allow_deny_or_handle_each_request(void **state)
{
	uint32_t add = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);
	int calls[3] = { 0 };

	(void)state;
	assert_int_equal(srnic_pf_callback_register(pf, deny_vlans_handle_lpe, calls), 0);
	vf_reset(0);
	assert_int_equal(calls[SRNIC_PF_EVENT_VF_RESET], 1);
	assert_int_equal(request(0, 2, add, 77, 0), test_pf_nack_cts(add));
	assert_int_equal(stats(0).refused_by_app, 1);
	assert_int_equal(stats(0).refused_by_policy, 0);
	assert_int_equal(pf_vlvf_free_count(&pf->vfio.filt), IGB_VLVF_ENTRIES);
	assert_int_equal(request(0, 2, IGB_MSG_SET_LPE, 3000, 0), test_pf_ack_cts(IGB_MSG_SET_LPE));
	assert_false(fake_pf_reg(&fake, IGB_VMOLR(0)) & IGB_VMOLR_LPE);
	assert_int_equal(request(0, 1, IGB_MSG_SET_PROMISC, 0, 0),
		test_pf_ack_cts(IGB_MSG_SET_PROMISC));
	assert_int_equal(calls[SRNIC_PF_EVENT_VF_MSG], 4);
	/* Malformed requests never reach the application. */
	request(0, 2, IGB_MSG_SET_VLAN, 9999, 0);
	assert_int_equal(calls[SRNIC_PF_EVENT_VF_MSG], 4);
	fake_vf_flr(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(calls[SRNIC_PF_EVENT_VF_RESET], 2);
	assert_int_equal(srnic_pf_callback_unregister(pf, deny_vlans_handle_lpe, calls), 0);
	assert_int_equal(srnic_pf_callback_unregister(pf, deny_vlans_handle_lpe, calls), -ENOENT);
}

static void
link_changes_ping_every_vf_with_cts_where_due(void **state)
{
	int seen0 = fake.nb_posted[0], seen1 = fake.nb_posted[1];

	(void)state;
	vf_reset(0);
	/* VF 1 has no reset yet, but reads what the PF posts. */
	fake_vf_ack(&fake, 1);
	seen0 = fake.nb_posted[0];
	fake_pf_set_reg(&fake, IGB_STATUS, 0);
	fake_pf_set_reg(&fake, IGB_ICR, IGB_ICR_LSC);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen0 + 1);
	assert_int_equal(fake.nb_posted[1], seen1 + 1);
	fake_vf_ack(&fake, 0);
	fake_vf_ack(&fake, 1);
	fake_pf_set_reg(&fake, IGB_STATUS, IGB_STATUS_LU);
	fake_pf_set_reg(&fake, IGB_ICR, IGB_ICR_LSC);
	srnic_pf_poll(pf);
	assert_int_equal(fake_vf_last(&fake, 0, seen0 + 1), IGB_MSG_PF_CONTROL | IGB_MSG_CTS);
	assert_int_equal(fake_vf_last(&fake, 1, seen1 + 1), IGB_MSG_PF_CONTROL);
}

static void
link_state_down_withholds_clear_to_send(void **state)
{
	int seen;

	(void)state;
	vf_reset(0);
	seen = fake.nb_posted[0];
	assert_int_equal(srnic_pf_set_vf_link_state(pf, 0, SRNIC_PF_LINK_DOWN), 0);
	assert_int_equal(fake_vf_last(&fake, 0, seen), IGB_MSG_PF_CONTROL);
	assert_int_equal(request(0, 2, IGB_MSG_SET_LPE, 1522, 0), IGB_MSG_SET_LPE | IGB_MSG_ACK);
	seen = fake.nb_posted[0];
	assert_int_equal(srnic_pf_set_vf_link_state(pf, 0, SRNIC_PF_LINK_AUTO), 0);
	assert_int_equal(fake_vf_last(&fake, 0, seen), IGB_MSG_PF_CONTROL | IGB_MSG_CTS);
}

/* A control message that finds a request from the VF in the buffer waits:
 * overwriting the request would leave the VF waiting for its ACK until it
 * times out. The request is answered first, then the message is sent. */
static void
control_message_waits_for_a_pending_request(void **state)
{
	const uint32_t w[2] = { IGB_MSG_SET_LPE, 1522 };
	int seen;

	(void)state;
	vf_reset(0);
	seen = fake.nb_posted[0];
	fake_vf_send(&fake, 0, w, 2);
	assert_int_equal(srnic_pf_set_vf_link_state(pf, 0, SRNIC_PF_LINK_DOWN), 0);
	assert_int_equal(fake.nb_posted[0], seen);
	assert_int_equal(fake_pf_reg(&fake, IGB_PF_VMBMEM(0)), IGB_MSG_SET_LPE);
	assert_int_equal(fake_pf_reg(&fake, IGB_P2VMAILBOX(0)) & IGB_P2V_PFU, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 1);
	assert_int_equal(stats(0).acks, 2);
	/* The reply is the PF's own unread message: it waits for that too. */
	fake_vf_ack(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 2);
	assert_int_equal(fake_vf_last(&fake, 0, seen + 1), IGB_MSG_PF_CONTROL);
	/* Sent once: the next look has nothing more to send. */
	fake_vf_ack(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 2);
}

/*
 * A link notice right after a VF's reset reply, before the VF has read it:
 * posted at once, it would overwrite the reply, and the VF would find a
 * control message where its MAC should be and fail its handshake. It waits
 * for the VF's acknowledgement, then says what is true at that time.
 */
static void
control_message_waits_until_the_vf_reads_the_reset_reply(void **state)
{
	const uint32_t w = IGB_MSG_VF_RESET;
	int seen = fake.nb_posted[0];

	(void)state;
	fake_vf_send(&fake, 0, &w, 1);
	srnic_pf_poll(pf);
	assert_int_equal(fake_vf_last(&fake, 0, seen), IGB_MSG_VF_RESET | IGB_MSG_ACK);
	/* The port goes down and up again while the reply sits unread. */
	fake_pf_set_reg(&fake, IGB_STATUS, 0);
	fake_pf_set_reg(&fake, IGB_ICR, IGB_ICR_LSC);
	srnic_pf_poll(pf);
	fake_pf_set_reg(&fake, IGB_STATUS, IGB_STATUS_LU);
	fake_pf_set_reg(&fake, IGB_ICR, IGB_ICR_LSC);
	srnic_pf_poll(pf);
	assert_int_equal(srnic_pf_set_vf_link_state(pf, 0, SRNIC_PF_LINK_AUTO), 0);
	assert_int_equal(fake.nb_posted[0], seen + 1);
	assert_int_equal(fake_pf_reg(&fake, IGB_PF_VMBMEM(0)), IGB_MSG_VF_RESET | IGB_MSG_ACK);
	assert_int_equal(fake_pf_reg(&fake, IGB_P2VMAILBOX(0)) & IGB_P2V_PFU, 0);
	/* Read and acknowledged: one notice, which says the link is up. */
	fake_vf_ack(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 2);
	assert_int_equal(fake_vf_last(&fake, 0, seen + 1), IGB_MSG_PF_CONTROL | IGB_MSG_CTS);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 2);
	/* After an FLR the notice waits for the new driver's reset, and
	 * then for the reply to be read. */
	assert_int_equal(srnic_pf_set_vf_link_state(pf, 0, SRNIC_PF_LINK_DOWN), 0);
	fake_vf_flr(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 2);
	assert_int_equal(request(0, 1, IGB_MSG_VF_RESET, 0, 0), IGB_MSG_VF_RESET | IGB_MSG_ACK);
	assert_int_equal(fake.nb_posted[0], seen + 3);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen + 4);
	assert_int_equal(fake_vf_last(&fake, 0, seen + 3), IGB_MSG_PF_CONTROL);
}

/* The fake NIC's hook: the VF reads and acknowledges every message the
 * moment it is posted, as a VF polling on another CPU may. */
static void
vf_acknowledges_at_once(void *arg, uint16_t vf, const uint32_t *w)
{
	(void)arg;
	(void)w;
	fake_vf_ack(&fake, vf);
}

/* The VF acknowledged the last reply and sent a request; it acknowledges
 * the new reply while the PF is still in the same round. That new
 * acknowledgement counts: the next control message goes out at once. */
static void
acknowledgement_right_after_a_reply_is_not_lost(void **state)
{
	const uint32_t w[2] = { IGB_MSG_SET_LPE, 1522 };
	int seen;

	(void)state;
	vf_reset(0);
	fake.on_post = vf_acknowledges_at_once;
	fake_vf_send(&fake, 0, w, 2);
	srnic_pf_poll(pf);
	fake.on_post = NULL;
	assert_true(fake_pf_reg(&fake, IGB_MBVFICR) & IGB_MBVFICR_VFACK(0));
	seen = fake.nb_posted[0];
	assert_int_equal(srnic_pf_set_vf_link_state(pf, 0, SRNIC_PF_LINK_DOWN), 0);
	assert_int_equal(fake.nb_posted[0], seen + 1);
	assert_int_equal(fake_vf_last(&fake, 0, seen), IGB_MSG_PF_CONTROL);
}

static void
ack_from_a_vf_before_reset_gets_one_bare_nack(void **state)
{
	int seen = fake.nb_posted[1];

	(void)state;
	fake_vf_ack(&fake, 1);
	srnic_pf_poll(pf);
	assert_int_equal(fake_vf_last(&fake, 1, seen), IGB_MSG_NACK);
	fake_vf_ack(&fake, 1);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[1], seen + 1);
	/* A VF that may talk just acknowledged: nothing to say. */
	vf_reset(0);
	seen = fake.nb_posted[0];
	fake_vf_ack(&fake, 0);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[0], seen);
}

static void
admin_mac_change_asks_a_running_vf_to_reset(void **state)
{
	const struct rte_ether_addr mac = {{ 0x02, 0, 0, 0, 0, 0x42 }};
	int seen;

	(void)state;
	vf_reset(2);
	seen = fake.nb_posted[2];
	assert_int_equal(srnic_pf_set_vf_mac(pf, 2, &mac), 0);
	assert_int_equal(fake_vf_last(&fake, 2, seen), IGB_MSG_PF_CONTROL | IGB_MSG_NACK);
	vf_reset(2);
	assert_int_equal(fake.posted[2][1], mac_w1(mac.addr_bytes));
}

static void
mailbox_held_by_the_vf_is_counted_not_fatal(void **state)
{
	(void)state;
	vf_reset(0);
	fake.vf_lock[0] = true;
	assert_int_equal(request(0, 2, IGB_MSG_SET_LPE, 1522, 0), 0);
	assert_true(stats(0).mbx_busy > 0);
	fake.vf_lock[0] = false;
	assert_int_equal(request(0, 2, IGB_MSG_SET_LPE, 1522, 0), test_pf_ack_cts(IGB_MSG_SET_LPE));
}

static void
notices_from_functions_that_are_not_vfs_are_ignored(void **state)
{
	(void)state;
	fake_pf_set_reg(&fake, IGB_MBVFICR, IGB_MBVFICR_VFREQ(6) | IGB_MBVFICR_VFACK(5));
	fake_pf_set_reg(&fake, IGB_VFLRE, 1u << 6);
	srnic_pf_poll(pf);
	assert_int_equal(fake.nb_posted[6], 0);
	assert_int_equal(fake.nb_posted[5], 0);
	assert_int_equal(fake_pf_reg(&fake, IGB_MBVFICR), 0);
	assert_int_equal(srnic_pf_vf_stats_get(pf, 6, &(struct srnic_pf_vf_stats){ 0 }), -ENODEV);
}

static int
count_lines(const char *buf, const char *needle)
{
	int n = 0;

	while ((buf = strstr(buf, needle)) != NULL) {
		n++;
		buf++;
	}
	return n;
}

static void
refusals_are_logged_at_most_once_an_interval(void **state)
{
	uint32_t uc = igb_msg_word0(IGB_MSG_SET_PROMISC, IGB_PROMISC_UNICAST);
	char *buf = NULL;
	size_t len = 0;
	FILE *log = open_memstream(&buf, &len);
	int i;

	(void)state;
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_WARNING);
	rte_openlog_stream(log);
	vf_reset(0);
	for (i = 0; i < 50; i++)
		request(0, 1, uc, 0, 0);
	test_pf_now_ms += 2001;
	request(0, 1, uc, 0, 0);
	rte_openlog_stream(NULL);
	fclose(log);
	assert_int_equal(count_lines(buf, "unicast promiscuous is not allowed"), 2);
	assert_non_null(strstr(buf, "49 more refusals not logged"));
	assert_int_equal(stats(0).nacks, 51);	/* every one answered */
	free(buf);
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_ERR);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
without_the_interrupt_wait_backs_off_and_work_resets_it(void **state)
{
	double t0, first, later;
	int i;

	(void)state;
	/* The model has no vfio device, so no interrupt: back-off polling. */
	assert_int_equal(srnic_pf_event_fd(pf), -ENOTSUP);
	t0 = seconds();
	assert_int_equal(srnic_pf_wait(pf, -1), 1);
	first = seconds() - t0;
	for (i = 0; i < 8; i++)
		srnic_pf_wait(pf, -1);
	t0 = seconds();
	srnic_pf_wait(pf, -1);
	later = seconds() - t0;
	assert_true(later > 0.050 && later > 10 * first);	/* grew to 64 ms */
	t0 = seconds();
	assert_int_equal(srnic_pf_wait(pf, 5), 1);		/* the caller's limit wins */
	assert_true(seconds() - t0 < 0.040);
	vf_reset(0);						/* work: back to 1 ms */
	t0 = seconds();
	srnic_pf_wait(pf, -1);
	assert_true(seconds() - t0 < 0.030);
}

static void
service_thread_answers_without_the_application_polling(void **state)
{
	const uint32_t w = IGB_MSG_VF_RESET;
	int seen = fake.nb_posted[1], i;

	(void)state;
	assert_int_equal(srnic_pf_service_start(pf), 0);
	assert_int_equal(srnic_pf_service_start(pf), -EALREADY);
	fake_vf_send(&fake, 1, &w, 1);
	for (i = 0; i < 200 && fake_vf_last(&fake, 1, seen) == 0; i++)
		rte_delay_us_sleep(5000);
	assert_int_equal(srnic_pf_service_stop(pf), 0);
	assert_int_equal(fake_vf_last(&fake, 1, seen), IGB_MSG_VF_RESET | IGB_MSG_ACK);
	assert_int_equal(srnic_pf_service_stop(pf), -ENOENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(init_programs_pools_switching_and_releases_the_vfs),
		T(reset_handshake_gives_the_mac_and_opens_the_pool),
		T(requests_before_reset_are_nacked_once_an_interval),
		T(malformed_requests_are_nacked_counted_and_change_nothing),
		T(admin_mac_stays_unless_the_vf_is_trusted),
		T(a_vf_cannot_take_the_mac_of_another_function),
		T(port_vlan_tags_strips_and_refuses_vf_vlan_filters),
		T(port_vlan_the_vf_already_filters_keeps_the_vf_in_that_vlan),
		T(vf_reset_puts_the_vf_back_in_its_port_vlan),
		T(vlan_filters_are_shared_limited_per_vf_and_run_out),
		T(multicast_list_fills_the_hash_table_and_overflow_means_all),
		T(unicast_promiscuous_only_when_allowed),
		T(frame_size_request_sets_the_pool_limit),
		T(flr_closes_the_pool_and_forgets_the_requests),
		T(reset_request_covers_the_flr_that_came_with_it),
		T(callbacks_allow_deny_or_handle_each_request),
		T(link_changes_ping_every_vf_with_cts_where_due),
		T(link_state_down_withholds_clear_to_send),
		T(control_message_waits_for_a_pending_request),
		T(control_message_waits_until_the_vf_reads_the_reset_reply),
		T(acknowledgement_right_after_a_reply_is_not_lost),
		T(ack_from_a_vf_before_reset_gets_one_bare_nack),
		T(admin_mac_change_asks_a_running_vf_to_reset),
		T(mailbox_held_by_the_vf_is_counted_not_fatal),
		T(notices_from_functions_that_are_not_vfs_are_ignored),
		T(refusals_are_logged_at_most_once_an_interval),
		T(without_the_interrupt_wait_backs_off_and_work_resets_it),
		T(service_thread_answers_without_the_application_polling),
#undef T
	};

	test_eal_init("test_pf_mbx_server");
	rte_log_set_level(srnic_pf_logtype, RTE_LOG_ERR);
	return cmocka_run_group_tests_name("pf_mbx_server", tests, NULL, NULL);
}

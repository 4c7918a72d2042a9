/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mailbox messages: what a VF encodes, and how the receiving side checks
 * every field before use: good messages decode, malformed ones are refused
 * with the reason.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "srnic_mbx_proto.h"

static const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

static struct srnic_mbx_msg
words(uint16_t len, uint32_t w0, uint32_t w1, uint32_t w2)
{
	struct srnic_mbx_msg m;

	memset(&m, 0, sizeof(m));
	m.len = len;
	m.w[0] = w0;
	m.w[1] = w1;
	m.w[2] = w2;
	return m;
}

static void
set_mac_round_trips_and_refuses_non_unicast(void **state)
{
	const uint8_t mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 }, zero[6] = { 0 };
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;

	(void)state;
	assert_int_equal(srnic_mbx_enc_set_mac(&m, mac), 0);
	assert_int_equal(m.len, 3);
	assert_int_equal(m.w[0], IGB_MSG_SET_MAC_ADDR);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_memory_equal(req.mac, mac, 6);
	assert_int_equal(srnic_mbx_enc_set_mac(&m, mcast), -EINVAL);
	assert_int_equal(srnic_mbx_enc_set_mac(&m, zero), -EINVAL);
	m = words(3, IGB_MSG_SET_MAC_ADDR, 0x00005e01, 0x0100);	/* 01:5e:00:00:00:01 */
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_MAC);
	m = words(3, IGB_MSG_SET_MAC_ADDR, 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_MAC);
	m = words(2, IGB_MSG_SET_MAC_ADDR, 0x33221102, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_LEN);
	m = words(3, igb_msg_word0(IGB_MSG_SET_MAC_ADDR, IGB_MAC_INFO_ADD_EXTRA), 0x33221102,
		0x5544);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_INFO);
	/* Linux igbvf's "clear extra filters": valid, no MAC to check. */
	m = words(3, igb_msg_word0(IGB_MSG_SET_MAC_ADDR, IGB_MAC_INFO_CLEAR_EXTRA), 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_int_equal(req.info, IGB_MAC_INFO_CLEAR_EXTRA);
}

static void
multicast_carries_hashes_two_per_word(void **state)
{
	const uint8_t macs[3][6] = {
		{ 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb },
		{ 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 },
		{ 0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa },
	};
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;

	(void)state;
	assert_int_equal(srnic_mbx_enc_set_multicast(&m, macs, 3), 0);
	assert_int_equal(m.w[0], 0x00030003u);
	assert_int_equal(m.w[1], 0x0FB0u | (0x010u << 16));
	assert_int_equal(m.w[2], 0xFAFu);
	assert_int_equal(m.len, 3);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_int_equal(req.mc.count, 3);
	assert_false(req.mc.all);
	assert_int_equal(req.mc.hash[2], 0xFAF);
}

static void
more_than_thirty_groups_ask_for_all_multicast(void **state)
{
	uint8_t macs[40][6];
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;
	int i;

	(void)state;
	for (i = 0; i < 40; i++) {
		uint8_t g[6] = { 0x01, 0x00, 0x5e, 0x00, (uint8_t)i, (uint8_t)(i * 3) };

		memcpy(macs[i], g, 6);
	}
	assert_int_equal(srnic_mbx_enc_set_multicast(&m, (const uint8_t (*)[6])macs, 40), 0);
	assert_int_equal(igb_msg_info(m.w[0]) & IGB_MC_OVERFLOW, IGB_MC_OVERFLOW);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_true(req.mc.all);
	/* A Linux VF sends a plain count above 30 for the same request. */
	m = words(16, igb_msg_word0(IGB_MSG_SET_MULTICAST, 31), 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_true(req.mc.all);
}

static void
multicast_refuses_short_lists_and_wide_hashes(void **state)
{
	const uint8_t uni[1][6] = { { 0x02, 0, 0, 0, 0, 1 } };
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;

	(void)state;
	assert_int_equal(srnic_mbx_enc_set_multicast(&m, uni, 1), -EINVAL);
	m = words(2, igb_msg_word0(IGB_MSG_SET_MULTICAST, 5), 0x00010002, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_LEN);
	m = words(2, igb_msg_word0(IGB_MSG_SET_MULTICAST, 1), 0x1000, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_HASH);
}

static void
vlan_lpe_and_promisc_check_their_ranges(void **state)
{
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;

	(void)state;
	assert_int_equal(srnic_mbx_enc_set_vlan(&m, 4095, true), 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_int_equal(req.vlan.vid, 4095);
	assert_true(req.vlan.add);
	assert_int_equal(srnic_mbx_enc_set_vlan(&m, 4096, true), -EINVAL);
	m = words(2, IGB_MSG_SET_VLAN, 4096, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_VLAN);
	m = words(2, igb_msg_word0(IGB_MSG_SET_VLAN, 0x80), 10, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_INFO);
	assert_int_equal(srnic_mbx_enc_set_lpe(&m, 9728), 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_int_equal(req.max_frame, 9728);
	assert_int_equal(srnic_mbx_enc_set_lpe(&m, 9729), -EINVAL);
	m = words(2, IGB_MSG_SET_LPE, 100000, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_SIZE);
	assert_int_equal(srnic_mbx_enc_set_promisc(&m, IGB_PROMISC_MULTICAST), 0);
	assert_int_equal(m.w[0], 0x00020006u);
	assert_int_equal(srnic_mbx_enc_set_promisc(&m, 0x04), -EINVAL);
	m = words(1, igb_msg_word0(IGB_MSG_SET_PROMISC, 0x10), 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_INFO);
}

static void
unknown_ids_and_reply_flags_are_refused(void **state)
{
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;

	(void)state;
	m = words(1, 0x0009, 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_ID);
	m = words(1, IGB_MSG_VF_RESET | IGB_MSG_ACK, 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_FLAGS);
	m = words(1, IGB_MSG_VF_RESET | IGB_MSG_CTS, 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_FLAGS);
	m = words(0, IGB_MSG_VF_RESET, 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_BAD_LEN);
	m = words(1, IGB_MSG_VF_RESET, 0, 0);
	assert_int_equal(srnic_mbx_parse_request(&m, &req), SRNIC_MBX_OK);
	assert_string_equal(srnic_mbx_bad_str(SRNIC_MBX_BAD_VLAN), "VLAN id out of range");
}

static void
replies_encode_and_decode(void **state)
{
	struct srnic_mbx_msg m;
	uint8_t back[6];
	bool has;

	(void)state;
	srnic_mbx_enc_reset_reply(&m, mac);
	assert_int_equal(m.w[0], 0x80000001u);
	assert_int_equal(srnic_mbx_dec_reset_reply(&m, back, &has), 0);
	assert_true(has);
	assert_memory_equal(back, mac, 6);
	srnic_mbx_enc_reset_reply(&m, NULL);
	assert_int_equal(m.w[0], 0x40000001u);
	assert_int_equal(srnic_mbx_dec_reset_reply(&m, back, &has), 0);
	assert_false(has);
	m.w[0] = 0x80000002u;
	assert_int_equal(srnic_mbx_dec_reset_reply(&m, back, &has), -EPROTO);
	assert_int_equal(srnic_mbx_reply_word0(0x00010004, true, true), 0xA0010004u);
	assert_int_equal(srnic_mbx_reply_status(0x00010004, 0xA0010004u), 0);
	assert_int_equal(srnic_mbx_reply_status(0x00010004, 0x60010004u), -EPERM);
	assert_int_equal(srnic_mbx_reply_status(0x00010004, 0x80010005u), -EPROTO);
	assert_int_equal(srnic_mbx_reply_status(0x00010004, 0x00010004u), -EPROTO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_mac_round_trips_and_refuses_non_unicast),
		cmocka_unit_test(multicast_carries_hashes_two_per_word),
		cmocka_unit_test(more_than_thirty_groups_ask_for_all_multicast),
		cmocka_unit_test(multicast_refuses_short_lists_and_wide_hashes),
		cmocka_unit_test(vlan_lpe_and_promisc_check_their_ranges),
		cmocka_unit_test(unknown_ids_and_reply_flags_are_refused),
		cmocka_unit_test(replies_encode_and_decode),
	};

	return cmocka_run_group_tests_name("srnic_mbx_proto", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The igb facts in drivers/common/srnic match the hardware reference:
 * register offsets, descriptor layouts, mailbox word packing, hashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "igb_desc.h"
#include "igb_mbx.h"
#include "igb_regs.h"

static void
rx_descriptor_writeback_fields_sit_where_hardware_writes_them(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct igb_rx_desc_wb, pkt_info), 0);
	assert_int_equal(offsetof(struct igb_rx_desc_wb, hash), 4);
	assert_int_equal(offsetof(struct igb_rx_desc_wb, status_error), 8);
	assert_int_equal(offsetof(struct igb_rx_desc_wb, length), 12);
	assert_int_equal(offsetof(struct igb_rx_desc_wb, vlan), 14);
	assert_int_equal(offsetof(struct igb_rx_desc_read, hdr_addr), 8);
	assert_int_equal(IGB_RXD_ERR_FRAME, 0x97000000u);
}

static void
tx_descriptor_command_bits_match_the_reference(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct igb_tx_desc_data, cmd_type_len), 8);
	assert_int_equal(offsetof(struct igb_tx_desc_data, olinfo_status), 12);
	assert_int_equal(IGB_TXD_DTYP_DATA, 0x00300000u);
	assert_int_equal(IGB_TXD_CMD_EOP | IGB_TXD_CMD_IFCS | IGB_TXD_CMD_RS |
			 IGB_TXD_CMD_DEXT, 0x2B000000u);
	assert_int_equal(IGB_TXD_DTYP_CTXT, 0x00200000u);
	assert_int_equal(60u << IGB_TXD_PAYLEN_SHIFT, 0x000F0000u);
}

static void
vf_queue_registers_step_by_0x100(void **state)
{
	(void)state;
	assert_int_equal(IGB_VF_RDBAL(0), 0x2800);
	assert_int_equal(IGB_VF_RDT(1), 0x2918);
	assert_int_equal(IGB_VF_RXDCTL(1), 0x2928);
	assert_int_equal(IGB_VF_TDT(0), 0x3818);
	assert_int_equal(IGB_VF_TDWBAH(1), 0x393C);
	assert_int_equal(IGB_VF_V2PMAILBOX, 0x0C40);
	assert_int_equal(IGB_VF_GOTC, 0x0F34);
}

static void
rar_entries_above_15_use_the_second_window(void **state)
{
	(void)state;
	assert_int_equal(IGB_RAL(0), 0x5400);
	assert_int_equal(IGB_RAH(0), 0x5404);
	assert_int_equal(IGB_RAL(15), 0x5478);
	assert_int_equal(IGB_RAL(16), 0x54E0);
	assert_int_equal(IGB_RAH(23), 0x551C);
	assert_int_equal(IGB_RAH_AV | (1u << (IGB_RAH_POOL_SHIFT + 3)), 0x80200000u);
}

static void
pf_pool_registers_index_by_pool(void **state)
{
	(void)state;
	assert_int_equal(IGB_P2VMAILBOX(3), 0x0C0C);
	assert_int_equal(IGB_PF_VMBMEM(2), 0x0880);
	assert_int_equal(IGB_VMOLR(7), 0x5AEC);
	assert_int_equal(IGB_VLVF(31), 0x5D7C);
	assert_int_equal(IGB_VMVIR(1), 0x3704);
	assert_int_equal(IGB_RXDCTL(8), 0xC228);
	assert_int_equal(IGB_POOL_QUEUE(2, 1), 10);
	assert_int_equal(IGB_PVFGPRC(1), 0x10110);
}

static void
pf_link_and_interrupt_fields_match_the_reference(void **state)
{
	uint32_t write_bmcr = IGB_MDIC_OP_WRITE | (IGB_PHY_ADDR << IGB_MDIC_PHY_SHIFT) |
		(IGB_PHY_BMCR << IGB_MDIC_REG_SHIFT) | IGB_BMCR_AUTOEN | IGB_BMCR_ANRESTART;

	(void)state;
	assert_int_equal(IGB_MDIC, 0x20);
	assert_int_equal(write_bmcr, 0x04201200u);
	assert_int_equal((IGB_IVAR_VALID | 0u) << IGB_IVAR_MISC_OTHER_SHIFT, 0x8000u);
	assert_int_equal(IGB_MBVFICR_VFREQ(7) | IGB_MBVFICR_VFACK(0), 0x00010080u);
	assert_int_equal(IGB_ICR_VMMB, 0x100u);
	assert_int_equal(IGB_MAX_JUMBO_FRAME, 0x2600);
}

static void
mac_packs_into_mailbox_words_in_memory_order(void **state)
{
	const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	uint32_t words[2];
	uint8_t back[6];

	(void)state;
	igb_msg_put_mac(words, mac);
	assert_int_equal(words[0], 0x33221102u);
	assert_int_equal(words[1], 0x00005544u);
	igb_msg_get_mac(words, back);
	assert_memory_equal(back, mac, 6);
}

static void
message_word0_carries_id_info_and_flags(void **state)
{
	uint32_t w = igb_msg_word0(IGB_MSG_SET_VLAN, IGB_VLAN_INFO_ADD);

	(void)state;
	assert_int_equal(w, 0x00010004u);
	assert_int_equal(igb_msg_id(w | IGB_MSG_ACK | IGB_MSG_CTS), IGB_MSG_SET_VLAN);
	assert_int_equal(igb_msg_info(w | IGB_MSG_NACK), IGB_VLAN_INFO_ADD);
	assert_int_equal(IGB_MSG_ACK | IGB_MSG_VF_RESET, 0x80000001u);
	assert_int_equal(IGB_MSG_NACK | IGB_MSG_VF_RESET, 0x40000001u);
}

static void
multicast_hash_uses_the_last_twelve_address_bits(void **state)
{
	const uint8_t mdns[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
	const uint8_t ipv6_all[6] = { 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 };
	uint16_t h = igb_mc_hash(mdns);

	(void)state;
	assert_int_equal(h, 0xFB0);
	assert_int_equal(igb_mta_reg(h), 0x7D);
	assert_int_equal(igb_mta_bit(h), 0x10);
	assert_int_equal(igb_mc_hash(ipv6_all), 0x010);
}

static void
only_82576_and_i350_functions_are_recognised(void **state)
{
	(void)state;
	assert_true(igb_is_sriov_pf(0x8086, 0x10C9));
	assert_true(igb_is_sriov_pf(0x8086, 0x1521));
	assert_false(igb_is_sriov_pf(0x8086, 0x1533));	/* i210: no SR-IOV */
	assert_true(igb_is_i350_pf(0x1521));
	assert_false(igb_is_i350_pf(0x10C9));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rx_descriptor_writeback_fields_sit_where_hardware_writes_them),
		cmocka_unit_test(tx_descriptor_command_bits_match_the_reference),
		cmocka_unit_test(vf_queue_registers_step_by_0x100),
		cmocka_unit_test(rar_entries_above_15_use_the_second_window),
		cmocka_unit_test(pf_pool_registers_index_by_pool),
		cmocka_unit_test(pf_link_and_interrupt_fields_match_the_reference),
		cmocka_unit_test(mac_packs_into_mailbox_words_in_memory_order),
		cmocka_unit_test(message_word0_carries_id_info_and_flags),
		cmocka_unit_test(multicast_hash_uses_the_last_twelve_address_bits),
		cmocka_unit_test(only_82576_and_i350_functions_are_recognised),
	};

	return cmocka_run_group_tests_name("igb_facts", tests, NULL, NULL);
}

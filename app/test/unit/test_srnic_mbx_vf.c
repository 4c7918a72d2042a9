/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VF side of the mailbox against a register file that plays the PF:
 * locking, posted writes and reads, read-to-clear bits kept until used,
 * the reset handshake, NACKs, replies to other messages, and timeouts that
 * stick until the next successful reset.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <rte_cycles.h>

#include "srnic_mbx_vf.h"
#include "test_eal.h"

enum pf_mode { PF_ACK, PF_NACK, PF_WRONG_ID, PF_SILENT };

/* What the PF side shows and does, as the hardware and a PF driver would. */
struct fake_pf {
	uint32_t live;			/* VFU, PFU, RSTI */
	uint32_t r2c;			/* PFSTS, PFACK, RSTD: cleared by a read */
	uint32_t buf[IGB_MBX_WORDS];
	uint32_t ctrl;
	int rsti_reads;			/* reads that still show RSTI after a reset */
	int rsti_hold;			/* RSTI reads a VF reset causes */
	enum pf_mode mode;
	bool pf_holds_lock;
	bool give_mac;
	uint32_t received[8][IGB_MBX_WORDS];
	int nb_received;
	uint32_t eimc;
	uint32_t eiac;
};

static struct fake_pf pf;
static struct srnic_bar bar;
static struct srnic_vf_mbx mbx;
static const uint8_t pf_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x10 };

static void
pf_answer(void)
{
	uint32_t w0 = pf.buf[0];

	if (pf.nb_received < 8)
		memcpy(pf.received[pf.nb_received++], pf.buf, sizeof(pf.buf));
	if (pf.mode == PF_SILENT)
		return;
	pf.r2c |= IGB_V2P_PFACK;
	memset(pf.buf, 0, sizeof(pf.buf));
	switch (pf.mode) {
	case PF_ACK:
		pf.buf[0] = w0 | IGB_MSG_ACK | IGB_MSG_CTS;
		break;
	case PF_NACK:
		pf.buf[0] = w0 | IGB_MSG_NACK | IGB_MSG_CTS;
		break;
	default:
		pf.buf[0] = (w0 + 1) | IGB_MSG_ACK;
		break;
	}
	if (igb_msg_id(w0) == IGB_MSG_VF_RESET) {
		pf.buf[0] = IGB_MSG_VF_RESET | (pf.give_mac ? IGB_MSG_ACK : IGB_MSG_NACK);
		if (pf.give_mac)
			igb_msg_put_mac(&pf.buf[1], pf_mac);
	}
	pf.r2c |= IGB_V2P_PFSTS;
}

static uint32_t
pf_read(void *ctx, uint32_t off)
{
	uint32_t v;

	(void)ctx;
	if (off == IGB_VF_V2PMAILBOX) {
		if (pf.rsti_reads > 0 && --pf.rsti_reads == 0) {
			pf.live &= ~IGB_V2P_RSTI;
			pf.r2c |= IGB_V2P_RSTD;
		}
		v = pf.live | pf.r2c;
		pf.r2c = 0;
		return v;
	}
	if (off >= IGB_VF_VMBMEM && off < IGB_VF_VMBMEM + 4 * IGB_MBX_WORDS)
		return pf.buf[(off - IGB_VF_VMBMEM) / 4];
	if (off == IGB_VF_CTRL)
		return pf.ctrl;
	return 0;
}

static void
pf_write(void *ctx, uint32_t off, uint32_t val)
{
	(void)ctx;
	if (off == IGB_VF_V2PMAILBOX) {
		if ((val & IGB_V2P_VFU) && !pf.pf_holds_lock)
			pf.live |= IGB_V2P_VFU;
		if (val & (IGB_V2P_REQ | IGB_V2P_ACK))
			pf.live &= ~IGB_V2P_VFU;
		if (val & IGB_V2P_REQ)
			pf_answer();
		return;
	}
	if (off >= IGB_VF_VMBMEM && off < IGB_VF_VMBMEM + 4 * IGB_MBX_WORDS) {
		pf.buf[(off - IGB_VF_VMBMEM) / 4] = val;
		return;
	}
	if (off == IGB_VF_EIMC)
		pf.eimc = val;
	if (off == IGB_VF_EIAC)
		pf.eiac = val;
	if (off == IGB_VF_CTRL)
		pf.ctrl = val;
	if (off == IGB_VF_CTRL && (val & IGB_VF_CTRL_RST)) {
		pf.rsti_reads = pf.rsti_hold;
		if (pf.rsti_hold > 0)
			pf.live |= IGB_V2P_RSTI;
	}
}

static const struct srnic_bar_hooks hooks = { .read32 = pf_read, .write32 = pf_write };

static int
setup(void **state)
{
	(void)state;
	memset(&pf, 0, sizeof(pf));
	pf.give_mac = true;
	pf.rsti_hold = 3;
	bar.hooks = &hooks;
	srnic_vf_mbx_init(&mbx, &bar, "test");
	return 0;
}

static int
reset_ok(void)
{
	uint8_t mac[6];
	bool has_mac;

	return srnic_vf_mbx_reset(&mbx, mac, &has_mac);
}

static void
reset_handshake_takes_the_mac_the_pf_gives(void **state)
{
	uint8_t mac[6];
	bool has_mac = false;

	(void)state;
	assert_int_equal(srnic_vf_mbx_reset(&mbx, mac, &has_mac), 0);
	assert_true(has_mac);
	assert_memory_equal(mac, pf_mac, 6);
	assert_int_equal(pf.nb_received, 1);
	assert_int_equal(pf.received[0][0], IGB_MSG_VF_RESET);
	assert_int_equal(mbx.pf_resets, 1);	/* the RSTD after RSTI was seen */
}

static void
reset_nack_means_the_pf_has_no_mac(void **state)
{
	uint8_t mac[6];
	bool has_mac = true;

	(void)state;
	pf.give_mac = false;
	assert_int_equal(srnic_vf_mbx_reset(&mbx, mac, &has_mac), 0);
	assert_false(has_mac);
}

static void
pf_that_stays_in_reset_gives_eagain(void **state)
{
	(void)state;
	pf.rsti_hold = 1000000;
	assert_int_equal(reset_ok(), -EAGAIN);
	assert_int_equal(pf.nb_received, 0);	/* nothing sent to a PF in reset */
}

static void
requests_map_ack_nack_and_foreign_replies(void **state)
{
	struct srnic_mbx_msg req, reply;

	(void)state;
	assert_int_equal(reset_ok(), 0);
	srnic_mbx_enc_set_vlan(&req, 100, true);
	assert_int_equal(srnic_vf_mbx_request(&mbx, &req, &reply, 1), 0);
	assert_int_equal(pf.received[1][0], 0x00010004u);
	assert_int_equal(pf.received[1][1], 100);
	pf.mode = PF_NACK;
	assert_int_equal(srnic_vf_mbx_request(&mbx, &req, &reply, 1), -EPERM);
	pf.mode = PF_WRONG_ID;
	assert_int_equal(srnic_vf_mbx_request(&mbx, &req, &reply, 1), -EPROTO);
	assert_int_equal(mbx.acked, 2);	/* reset reply + first request */
	assert_int_equal(mbx.nacked, 1);
}

static void
silent_pf_times_out_once_then_fails_fast_until_reset(void **state)
{
	struct srnic_mbx_msg req, reply;
	uint64_t t0, hz = rte_get_timer_hz();

	(void)state;
	assert_int_equal(reset_ok(), 0);
	pf.mode = PF_SILENT;
	srnic_mbx_enc_set_lpe(&req, 1522);
	t0 = rte_get_timer_cycles();
	assert_int_equal(srnic_vf_mbx_request(&mbx, &req, &reply, 1), -ETIMEDOUT);
	assert_true(rte_get_timer_cycles() - t0 >= hz * 9 / 10);
	assert_true(mbx.timed_out);
	t0 = rte_get_timer_cycles();
	assert_int_equal(srnic_vf_mbx_request(&mbx, &req, &reply, 1), -ETIMEDOUT);
	assert_true(rte_get_timer_cycles() - t0 < hz / 10);
	assert_int_equal(pf.nb_received, 2);	/* the second was never sent */
	assert_int_equal(mbx.timeouts, 1);
	pf.mode = PF_ACK;
	assert_int_equal(reset_ok(), 0);
	assert_false(mbx.timed_out);
	assert_int_equal(srnic_vf_mbx_request(&mbx, &req, &reply, 1), 0);
}

static void
lock_held_by_the_pf_gives_ebusy(void **state)
{
	struct srnic_mbx_msg req;

	(void)state;
	assert_int_equal(reset_ok(), 0);
	pf.pf_holds_lock = true;
	srnic_mbx_enc_set_promisc(&req, IGB_PROMISC_MULTICAST);
	assert_int_equal(srnic_vf_mbx_write_posted(&mbx, &req), -EBUSY);
}

static void
read_to_clear_bits_are_kept_until_used(void **state)
{
	struct srnic_mbx_msg msg;

	(void)state;
	assert_int_equal(reset_ok(), 0);
	/* One read shows both a PF message and an ACK: looking for the ACK
	 * must not lose the message. */
	pf.r2c = IGB_V2P_PFACK | IGB_V2P_PFSTS;
	pf.buf[0] = IGB_MSG_PF_CONTROL | IGB_MSG_CTS;
	assert_true(srnic_vf_mbx_check(&mbx, IGB_V2P_PFACK));
	assert_false(srnic_vf_mbx_check(&mbx, IGB_V2P_PFACK));
	assert_int_equal(srnic_vf_mbx_read_pending(&mbx, &msg, 1), 0);
	assert_int_equal(msg.w[0], IGB_MSG_PF_CONTROL | IGB_MSG_CTS);
	assert_int_equal(srnic_vf_mbx_read_pending(&mbx, &msg, 1), -EAGAIN);
	assert_int_equal(mbx.pf_msgs, 1);
}

static void
reset_masks_the_vf_interrupts_and_sets_ctrl_rst(void **state)
{
	(void)state;
	pf.ctrl = 0x100;
	pf.eiac = 0xFF;
	assert_int_equal(reset_ok(), 0);
	assert_int_equal(pf.eimc, IGB_VF_VECTOR_MASK);
	assert_int_equal(pf.eiac, 0);
	/* Read-modify-write: other CTRL bits are kept. */
	assert_int_equal(pf.ctrl, 0x100 | IGB_VF_CTRL_RST);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup(fn, setup)
		T(reset_handshake_takes_the_mac_the_pf_gives),
		T(reset_nack_means_the_pf_has_no_mac),
		T(pf_that_stays_in_reset_gives_eagain),
		T(requests_map_ack_nack_and_foreign_replies),
		T(silent_pf_times_out_once_then_fails_fast_until_reset),
		T(lock_held_by_the_pf_gives_ebusy),
		T(read_to_clear_bits_are_kept_until_used),
		T(reset_masks_the_vf_interrupts_and_sets_ctrl_rst),
#undef T
	};

	test_eal_init("test_srnic_mbx_vf");
	return cmocka_run_group_tests_name("srnic_mbx_vf", tests, NULL, NULL);
}

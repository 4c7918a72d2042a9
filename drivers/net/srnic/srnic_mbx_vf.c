/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "srnic_mbx_vf.h"

void
srnic_vf_mbx_init(struct srnic_vf_mbx *mbx, const struct srnic_bar *bar, const char *name)
{
	memset(mbx, 0, sizeof(*mbx));
	mbx->bar = bar;
	mbx->name = name;
}

/* A read clears PFSTS, PFACK and RSTD: keep what it showed for later. */
static uint32_t
read_v2p(struct srnic_vf_mbx *mbx)
{
	uint32_t v = srnic_read32(mbx->bar, IGB_VF_V2PMAILBOX);

	mbx->sticky |= v & IGB_V2P_R2C_BITS;
	return v;
}

bool
srnic_vf_mbx_check(struct srnic_vf_mbx *mbx, uint32_t bit)
{
	uint32_t v = read_v2p(mbx);

	if (bit & IGB_V2P_R2C_BITS) {
		if (!(mbx->sticky & bit))
			return false;
		mbx->sticky &= ~bit;
		return true;
	}
	return (v & bit) != 0;
}

uint32_t
srnic_vf_mbx_peek(struct srnic_vf_mbx *mbx)
{
	return read_v2p(mbx) | mbx->sticky;
}

/* Wait until @bit shows up, polling every SRNIC_MBX_POLL_US without
 * spinning the CPU; false after mbx->timeout_us. */
static bool
poll_for(struct srnic_vf_mbx *mbx, uint32_t bit, uint32_t timeout_us)
{
	uint64_t deadline = rte_get_timer_cycles() +
		(uint64_t)timeout_us * rte_get_timer_hz() / 1000000;

	for (;;) {
		if (srnic_vf_mbx_check(mbx, bit))
			return true;
		if (rte_get_timer_cycles() > deadline)
			return false;
		rte_delay_us_sleep(SRNIC_MBX_POLL_US);
	}
}

static int
lock(struct srnic_vf_mbx *mbx)
{
	srnic_write32(mbx->bar, IGB_VF_V2PMAILBOX, IGB_V2P_VFU);
	return (read_v2p(mbx) & IGB_V2P_VFU) ? 0 : -EBUSY;
}

static int
write_msg(struct srnic_vf_mbx *mbx, const struct srnic_mbx_msg *m)
{
	uint16_t i;
	int ret;

	ret = lock(mbx);
	if (ret < 0)
		return ret;
	/* Drop a stale ACK or message notice so the wait below sees ours. */
	(void)srnic_vf_mbx_check(mbx, IGB_V2P_PFACK);
	(void)srnic_vf_mbx_check(mbx, IGB_V2P_PFSTS);
	for (i = 0; i < m->len; i++)
		srnic_write32(mbx->bar, IGB_VF_VMBMEM + 4 * i, m->w[i]);
	/* REQ tells the PF and releases VFU in one write. */
	srnic_write32(mbx->bar, IGB_VF_V2PMAILBOX, IGB_V2P_REQ);
	mbx->sent++;
	return 0;
}

static int
read_msg(struct srnic_vf_mbx *mbx, struct srnic_mbx_msg *m, uint16_t len)
{
	uint16_t i;
	int ret;

	ret = lock(mbx);
	if (ret < 0)
		return ret;
	memset(m, 0, sizeof(*m));
	for (i = 0; i < len && i < IGB_MBX_WORDS; i++)
		m->w[i] = srnic_read32(mbx->bar, IGB_VF_VMBMEM + 4 * i);
	m->len = i;
	/* ACK tells the PF the buffer is free again and releases VFU. */
	srnic_write32(mbx->bar, IGB_VF_V2PMAILBOX, IGB_V2P_ACK);
	return 0;
}

static int
timed_out(struct srnic_vf_mbx *mbx)
{
	/* As Linux igbvf: no more waiting until a reset succeeds, so a dead
	 * PF costs one timeout, not one per request. */
	mbx->timed_out = true;
	mbx->timeout_us = 0;
	mbx->timeouts++;
	return -ETIMEDOUT;
}

int
srnic_vf_mbx_write_posted(struct srnic_vf_mbx *mbx, const struct srnic_mbx_msg *m)
{
	int ret;

	if (mbx->timeout_us == 0)
		return -ETIMEDOUT;
	ret = write_msg(mbx, m);
	if (ret < 0)
		return ret;
	if (!poll_for(mbx, IGB_V2P_PFACK, mbx->timeout_us))
		return timed_out(mbx);
	return 0;
}

int
srnic_vf_mbx_read_posted(struct srnic_vf_mbx *mbx, struct srnic_mbx_msg *m, uint16_t len)
{
	if (mbx->timeout_us == 0)
		return -ETIMEDOUT;
	if (!poll_for(mbx, IGB_V2P_PFSTS, mbx->timeout_us))
		return timed_out(mbx);
	return read_msg(mbx, m, len);
}

int
srnic_vf_mbx_read_pending(struct srnic_vf_mbx *mbx, struct srnic_mbx_msg *m, uint16_t len)
{
	if (!srnic_vf_mbx_check(mbx, IGB_V2P_PFSTS))
		return -EAGAIN;
	mbx->pf_msgs++;
	return read_msg(mbx, m, len);
}

int
srnic_vf_mbx_request(struct srnic_vf_mbx *mbx, const struct srnic_mbx_msg *req,
	struct srnic_mbx_msg *reply, uint16_t reply_len)
{
	int ret;

	ret = srnic_vf_mbx_write_posted(mbx, req);
	if (ret < 0)
		return ret;
	ret = srnic_vf_mbx_read_posted(mbx, reply, reply_len);
	if (ret < 0)
		return ret;
	ret = srnic_mbx_reply_status(req->w[0], reply->w[0]);
	if (ret == 0)
		mbx->acked++;
	else if (ret == -EPERM)
		mbx->nacked++;
	return ret;
}

/* After CTRL.RST the PF holds RSTI while it is (or was) resetting and shows
 * RSTD once when it is done; wait until neither is seen. */
static int
wait_pf_ready(struct srnic_vf_mbx *mbx)
{
	uint64_t deadline = rte_get_timer_cycles() +
		(uint64_t)SRNIC_VF_RESET_TIMEOUT_US * rte_get_timer_hz() / 1000000;

	for (;;) {
		uint32_t v = read_v2p(mbx);

		if (!(v & (IGB_V2P_RSTI | IGB_V2P_RSTD)))
			break;
		if (rte_get_timer_cycles() > deadline)
			return -EAGAIN;
		rte_delay_us_sleep(IGB_VF_RESET_POLL_US);
	}
	if (mbx->sticky & IGB_V2P_RSTD)
		mbx->pf_resets++;
	mbx->sticky = 0;
	return 0;
}

int
srnic_vf_mbx_reset(struct srnic_vf_mbx *mbx, uint8_t mac[6], bool *has_mac)
{
	struct srnic_mbx_msg req, reply;
	uint32_t ctrl;
	int ret;

	/* Polling driver: mask and stop auto-clearing every VF vector. */
	srnic_write32(mbx->bar, IGB_VF_EIMC, IGB_VF_VECTOR_MASK);
	srnic_write32(mbx->bar, IGB_VF_EIAC, 0);
	ctrl = srnic_read32(mbx->bar, IGB_VF_CTRL);
	srnic_write32(mbx->bar, IGB_VF_CTRL, ctrl | IGB_VF_CTRL_RST);

	mbx->timeout_us = 0;
	ret = wait_pf_ready(mbx);
	if (ret < 0)
		return ret;
	mbx->timeout_us = SRNIC_MBX_TIMEOUT_US;
	mbx->timed_out = false;

	srnic_mbx_enc_reset(&req);
	ret = srnic_vf_mbx_write_posted(mbx, &req);
	if (ret < 0)
		return ret;
	/* Linux igbvf gives the PF this long to program the VF's filters. */
	rte_delay_us_sleep(SRNIC_VF_RESET_REPLY_DELAY_US);
	ret = srnic_vf_mbx_read_posted(mbx, &reply, IGB_VF_RESET_REPLY_WORDS);
	if (ret < 0)
		return ret;
	ret = srnic_mbx_dec_reset_reply(&reply, mac, has_mac);
	if (ret == 0)
		mbx->acked++;
	return ret;
}

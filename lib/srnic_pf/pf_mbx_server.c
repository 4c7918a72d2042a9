/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PF side of the VF mailbox (vfio backend): take each VF's request out
 * of its buffer, check it with the codec before anything reads it, apply
 * the clear-to-send rule, ask the application's callbacks, hand it to
 * pf_policy, and answer ACK or NACK. Also VF function-level resets, the
 * VFs' acknowledgements and the PF's control messages (pings).
 *
 * Nothing a VF writes is trusted: a malformed request is NACKed and
 * counted, and only touches that VF's counters.
 */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "pf_priv.h"

/* Linux retries the PF lock 10 times, 1 ms apart; a VF holds it for a few
 * register accesses, so shorter waits are enough. */
#define LOCK_TRIES		10
#define LOCK_WAIT_US		200

static int
mbx_lock(struct srnic_pf *pf, uint16_t vf)
{
	int i;

	for (i = 0; i < LOCK_TRIES; i++) {
		pf_wr(pf, IGB_P2VMAILBOX(vf), IGB_P2V_PFU);
		/* The NIC grants PFU only while the VF does not hold VFU. */
		if (pf_rd(pf, IGB_P2VMAILBOX(vf)) & IGB_P2V_PFU)
			return 0;
		rte_delay_us_sleep(LOCK_WAIT_US);
	}
	pf->vf[vf].stats.mbx_busy++;
	pf_vf_refusal(pf, vf, "holds its mailbox lock; message not exchanged");
	return -EBUSY;
}

static int
mbx_read(struct srnic_pf *pf, uint16_t vf, struct srnic_mbx_msg *m)
{
	uint16_t i;
	int ret;

	ret = mbx_lock(pf, vf);
	if (ret < 0)
		return ret;
	/* The hardware does not say how long the message is: take the whole
	 * buffer and let the codec decide what the words mean. */
	for (i = 0; i < IGB_MBX_WORDS; i++)
		m->w[i] = pf_rd(pf, IGB_PF_VMBMEM(vf) + 4 * i);
	m->len = IGB_MBX_WORDS;
	/* ACK tells the VF its message was taken, and drops PFU. */
	pf_wr(pf, IGB_P2VMAILBOX(vf), IGB_P2V_ACK);
	return 0;
}

/*
 * Post @m to the VF. A reply follows the request it answers, so nothing
 * else can be in the buffer. An unsolicited message (@yield) must not
 * overwrite what the other side has not taken yet: a request the VF posted
 * before the lock was taken (the VF would wait for its ACK until it times
 * out), or the PF's own last message while the VF has not acknowledged it
 * (a reset reply overwritten by a link notice fails the VF's handshake).
 * Then it gives the lock back and says -EAGAIN.
 */
static int
mbx_write(struct srnic_pf *pf, uint16_t vf, const struct srnic_mbx_msg *m, bool yield)
{
	uint32_t icr;
	uint16_t i;
	int ret;

	ret = mbx_lock(pf, vf);
	if (ret < 0)
		return ret;
	if (yield) {
		icr = pf_rd(pf, IGB_MBVFICR);
		if ((icr & IGB_MBVFICR_VFREQ(vf)) ||
		    (pf->vf[vf].unread && !(icr & IGB_MBVFICR_VFACK(vf)))) {
			pf_wr(pf, IGB_P2VMAILBOX(vf), 0);
			return -EAGAIN;
		}
	}
	/* Notices pending for this buffer refer to what is overwritten now. */
	pf_wr(pf, IGB_MBVFICR, IGB_MBVFICR_VFREQ(vf) | IGB_MBVFICR_VFACK(vf));
	for (i = 0; i < m->len; i++)
		pf_wr(pf, IGB_PF_VMBMEM(vf) + 4 * i, m->w[i]);
	/* STS posts the message to the VF (its interrupt), and drops PFU. */
	pf_wr(pf, IGB_P2VMAILBOX(vf), IGB_P2V_STS);
	pf->vf[vf].unread = true;
	return 0;
}

bool
pf_mbx_cts(const struct srnic_pf *pf, uint16_t vf)
{
	const struct pf_vf *v = &pf->vf[vf];

	return v->cts && v->link_state != SRNIC_PF_LINK_DOWN;
}

static void
reply(struct srnic_pf *pf, uint16_t vf, uint32_t req_w0, bool ack)
{
	struct srnic_mbx_msg m;

	memset(&m, 0, sizeof(m));
	m.w[0] = srnic_mbx_reply_word0(req_w0, ack, pf_mbx_cts(pf, vf));
	m.len = 1;
	if (mbx_write(pf, vf, &m, false) < 0)
		return;
	PF_LOG(DEBUG, pf, "VF %u: request 0x%08x -> 0x%08x (t=%lu)", vf, req_w0, m.w[0],
		(unsigned long)pf->now_ms());
	if (ack)
		pf->vf[vf].stats.acks++;
	else
		pf->vf[vf].stats.nacks++;
}

int
pf_mbx_ping(struct srnic_pf *pf, uint16_t vf, bool nack)
{
	struct srnic_mbx_msg m;
	int ret;

	memset(&m, 0, sizeof(m));
	m.w[0] = IGB_MSG_PF_CONTROL;
	if (nack)
		m.w[0] |= IGB_MSG_NACK;
	else if (pf_mbx_cts(pf, vf))
		m.w[0] |= IGB_MSG_CTS;
	m.len = 1;
	ret = mbx_write(pf, vf, &m, true);
	if (ret == -EAGAIN) {
		/* Sent by the service once the buffer is free. */
		pf->vf[vf].deferred_ping = m.w[0];
		PF_LOG(DEBUG, pf, "VF %u: control message 0x%08x waits for the mailbox "
			"(t=%lu)", vf, m.w[0], (unsigned long)pf->now_ms());
		return 0;
	}
	pf->vf[vf].deferred_ping = 0;
	PF_LOG(DEBUG, pf, "VF %u: control message 0x%08x (t=%lu)", vf, m.w[0],
		(unsigned long)pf->now_ms());
	if (ret == 0)
		pf->vf[vf].stats.pings++;
	return ret;
}

/* Control messages that waited for the buffer, where it is free now; the
 * message is built again, so it says what is true now. */
static void
send_deferred_pings(struct srnic_pf *pf)
{
	uint16_t vf;

	for (vf = 0; vf < pf->nb_vfs; vf++)
		if (pf->vf[vf].deferred_ping != 0)
			pf_mbx_ping(pf, vf, (pf->vf[vf].deferred_ping & IGB_MSG_NACK) != 0);
}

void
pf_mbx_ping_all(struct srnic_pf *pf)
{
	uint16_t vf;

	for (vf = 0; vf < pf->nb_vfs; vf++)
		pf_mbx_ping(pf, vf, false);
}

/* True at most once per nack interval for VF @vf (pre-CTS answers). */
static bool
nack_due(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];
	uint64_t now = pf->now_ms();

	if (v->last_nack_ms != 0 && now - v->last_nack_ms < pf->opts.nack_interval_ms)
		return false;
	v->last_nack_ms = now != 0 ? now : 1;
	return true;
}

/* Before its reset handshake a VF may only reset (hardware reference 7.6):
 * anything else gets one NACK per interval and is otherwise dropped. */
static void
before_cts(struct srnic_pf *pf, uint16_t vf, uint32_t w0, enum srnic_mbx_bad bad)
{
	struct pf_vf *v = &pf->vf[vf];

	if (bad != SRNIC_MBX_OK)
		v->stats.bad_msgs++;
	else
		v->stats.refused_not_ready++;
	if (!nack_due(pf, vf)) {
		v->stats.dropped++;
		return;
	}
	reply(pf, vf, w0, false);
	pf_vf_refusal(pf, vf, "request 0x%08x before its reset handshake; NACKed (a VF "
		"must send VF_RESET first)", w0);
}

static void
handle_reset(struct srnic_pf *pf, uint16_t vf, const struct srnic_pf_vf_msg *msg)
{
	struct srnic_pf_event ev = { .type = SRNIC_PF_EVENT_VF_MSG, .vf = vf, .msg = msg };
	struct pf_vf *v = &pf->vf[vf];
	struct srnic_mbx_msg m;
	uint32_t bit = 1u << vf;
	bool ok = true;

	v->stats.resets++;
	/* The FLR that came with this reset may not have been serviced yet:
	 * this request covers it, and must not be undone by it later. */
	if (pf_rd(pf, IGB_VFLRE) & bit) {
		pf_wr(pf, IGB_VFLRE, bit);
		v->stats.flrs++;
	}
	if (pf_event(pf, &ev) == SRNIC_PF_DENY) {
		v->stats.refused_by_app++;
		pf_vf_refusal(pf, vf, "reset refused by the application; NACKed");
		pf_policy_vf_flr(pf, vf);
		ok = false;
	} else if (pf_policy_vf_reset(pf, vf) < 0) {
		v->stats.refused_by_policy++;
		ok = false;
	}
	/* Linux igbvf compares this word exactly: no CTS, no info bits. */
	srnic_mbx_enc_reset_reply(&m, ok ? v->mac.addr_bytes : NULL);
	PF_LOG(DEBUG, pf, "VF %u: reset -> 0x%08x (t=%lu)", vf, m.w[0],
		(unsigned long)pf->now_ms());
	if (mbx_write(pf, vf, &m, false) == 0) {
		if (ok)
			v->stats.acks++;
		else
			v->stats.nacks++;
	}
	ev.type = SRNIC_PF_EVENT_VF_RESET;
	ev.msg = NULL;
	ev.flag = false;
	if (ok)
		pf_event(pf, &ev);
}

static void
to_public(const struct srnic_mbx_msg *m, const struct srnic_mbx_req *req,
	struct srnic_pf_vf_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->id = (enum srnic_pf_msg_id)req->id;
	msg->info = req->info;
	msg->words = m->w;
	switch (req->id) {
	case IGB_MSG_SET_MAC_ADDR:
		if (req->info == IGB_MAC_INFO_PRIMARY)
			memcpy(msg->mac.addr_bytes, req->mac, 6);
		break;
	case IGB_MSG_SET_MULTICAST:
		msg->nb_mc = req->mc.count;
		msg->all_multi = req->mc.all;
		memcpy(msg->mc_hash, req->mc.hash, sizeof(req->mc.hash));
		break;
	case IGB_MSG_SET_VLAN:
		msg->vlan = req->vlan.vid;
		msg->vlan_add = req->vlan.add;
		break;
	case IGB_MSG_SET_LPE:
		msg->max_frame = req->max_frame;
		break;
	case IGB_MSG_SET_PROMISC:
		msg->promisc_unicast = (req->promisc & IGB_PROMISC_UNICAST) != 0;
		msg->promisc_multicast = (req->promisc & IGB_PROMISC_MULTICAST) != 0;
		break;
	default:
		break;
	}
}

static int
apply(struct srnic_pf *pf, uint16_t vf, const struct srnic_mbx_req *req)
{
	switch (req->id) {
	case IGB_MSG_SET_MAC_ADDR:
		/* No extra unicast filters are offered: clearing them holds. */
		if (req->info == IGB_MAC_INFO_CLEAR_EXTRA)
			return 0;
		return pf_policy_req_mac(pf, vf, req->mac);
	case IGB_MSG_SET_MULTICAST:
		return pf_policy_req_multicast(pf, vf, req->mc.hash, req->mc.count, req->mc.all);
	case IGB_MSG_SET_VLAN:
		return pf_policy_req_vlan(pf, vf, req->vlan.vid, req->vlan.add);
	case IGB_MSG_SET_LPE:
		return pf_policy_req_lpe(pf, vf, req->max_frame);
	case IGB_MSG_SET_PROMISC:
		return pf_policy_req_promisc(pf, vf, req->promisc & IGB_PROMISC_UNICAST,
			req->promisc & IGB_PROMISC_MULTICAST);
	default:
		return -EPROTO;
	}
}

static void
handle_request(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];
	struct srnic_pf_event ev = { .type = SRNIC_PF_EVENT_VF_MSG, .vf = vf };
	struct srnic_pf_vf_msg msg;
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;
	enum srnic_mbx_bad bad;
	enum srnic_pf_verdict verdict;
	bool ok;

	if (mbx_read(pf, vf, &m) < 0)
		return;
	v->stats.msgs++;
	bad = srnic_mbx_parse_request(&m, &req);
	if (bad == SRNIC_MBX_OK)
		to_public(&m, &req, &msg);
	if (bad == SRNIC_MBX_OK && req.id == IGB_MSG_VF_RESET) {
		handle_reset(pf, vf, &msg);
		return;
	}
	if (!v->cts) {
		before_cts(pf, vf, m.w[0], bad);
		return;
	}
	if (bad != SRNIC_MBX_OK) {
		v->stats.bad_msgs++;
		pf_vf_refusal(pf, vf, "malformed request 0x%08x 0x%08x: %s; NACKed", m.w[0],
			m.w[1], srnic_mbx_bad_str(bad));
		reply(pf, vf, m.w[0], false);
		return;
	}
	ev.msg = &msg;
	verdict = pf_event(pf, &ev);
	if (verdict == SRNIC_PF_DENY) {
		v->stats.refused_by_app++;
		pf_vf_refusal(pf, vf, "request 0x%08x refused by the application; NACKed",
			m.w[0]);
		reply(pf, vf, m.w[0], false);
		return;
	}
	ok = verdict == SRNIC_PF_HANDLED || apply(pf, vf, &req) == 0;
	if (!ok)
		v->stats.refused_by_policy++;
	reply(pf, vf, m.w[0], ok);
}

/* The VF read a PF message. A VF that is not clear to send is told, at
 * most once per interval, that it must reset first (a bare NACK). */
static void
handle_ack(struct srnic_pf *pf, uint16_t vf)
{
	struct srnic_mbx_msg m;

	PF_LOG(DEBUG, pf, "VF %u: acknowledged (t=%lu)", vf, (unsigned long)pf->now_ms());
	if (pf->vf[vf].cts || !nack_due(pf, vf))
		return;
	memset(&m, 0, sizeof(m));
	m.w[0] = IGB_MSG_NACK;
	m.len = 1;
	if (mbx_write(pf, vf, &m, false) == 0)
		pf->vf[vf].stats.nacks++;
}

static int
service_flrs(struct srnic_pf *pf, uint32_t vf_mask)
{
	uint32_t flr = pf_rd(pf, IGB_VFLRE);
	struct srnic_pf_event ev = { .type = SRNIC_PF_EVENT_VF_RESET, .flag = true };
	uint16_t vf;
	int n = 0;

	if (flr == 0)
		return 0;
	pf_wr(pf, IGB_VFLRE, flr);
	for (vf = 0; vf < pf->nb_vfs; vf++) {
		if (!(flr & vf_mask & (1u << vf)))
			continue;
		pf->vf[vf].stats.flrs++;
		PF_LOG(DEBUG, pf, "VF %u: function-level reset (t=%lu)", vf,
			(unsigned long)pf->now_ms());
		pf_policy_vf_flr(pf, vf);
		ev.vf = vf;
		pf_event(pf, &ev);
		n++;
	}
	return n;
}

int
pf_mbx_service(struct srnic_pf *pf)
{
	uint32_t vf_mask = (1u << pf->nb_vfs) - 1, icr;
	uint16_t vf;
	int n;

	/* Resets first: a request read after them belongs to the new VF. */
	n = service_flrs(pf, vf_mask);
	icr = pf_rd(pf, IGB_MBVFICR);
	if (icr == 0) {
		send_deferred_pings(pf);
		return n;
	}
	/* Notices from functions that are not VFs now mean nothing. */
	if (icr & ~(vf_mask | (vf_mask << 16)))
		pf_wr(pf, IGB_MBVFICR, icr & ~(vf_mask | (vf_mask << 16)));
	for (vf = 0; vf < pf->nb_vfs; vf++) {
		uint32_t bits = icr & (IGB_MBVFICR_VFREQ(vf) | IGB_MBVFICR_VFACK(vf));

		if (bits == 0)
			continue;
		/* Clear the notices before anything is read or posted: a VF on
		 * another CPU may acknowledge the reply below at once, and
		 * clearing later would wipe that new acknowledgement. */
		pf_wr(pf, IGB_MBVFICR, bits);
		/* Either notice means the PF's last message is gone from the
		 * buffer: read and acknowledged, or overwritten by a request. */
		pf->vf[vf].unread = false;
		/* An acknowledgement that came with a request was for an
		 * earlier message: the reply now in the buffer says enough. */
		if (bits & IGB_MBVFICR_VFREQ(vf))
			handle_request(pf, vf);
		else
			handle_ack(pf, vf);
		n++;
	}
	send_deferred_pings(pf);
	return n;
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The model's events: VFs post requests, acknowledge, reset; the PF polls;
 * the administrator calls the API. After a poll every VF's request is
 * accounted for from the messages the fake NIC saw the PF post.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf_model.h"

#define ID_INFO		(IGB_MSG_ID_MASK | IGB_MSG_INFO_MASK)

void
model_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "stateful PF invariant broken: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

static bool
is_ping(uint32_t w0)
{
	return igb_msg_id(w0) == IGB_MSG_PF_CONTROL;
}

/* The fake NIC tells of every message the PF posts. */
static void
on_post(void *arg, uint16_t vf, const uint32_t *w)
{
	struct model *m = arg;
	struct model_vf *v = &m->vf[vf];
	uint8_t mac[6];
	unsigned int i;

	MODEL_CHECK(vf < m->nb_vfs, "message 0x%08x posted to function %u, which is not a VF",
		w[0], vf);
	MODEL_CHECK(!v->req_pending || m->fake.nb_taken[vf] != v->taken_before,
		"VF %u: message 0x%08x overwrote its request 0x%08x before the PF took it",
		vf, w[0], v->req[0]);
	MODEL_CHECK(m->in_poll || is_ping(w[0]),
		"VF %u: 0x%08x posted by an administrator's call is not a control message",
		vf, w[0]);
	if (is_ping(w[0])) {
		MODEL_CHECK(!(w[0] & IGB_MSG_CTS) || v->link_state != SRNIC_PF_LINK_DOWN,
			"VF %u: control message 0x%08x says CTS, but its link is down", vf, w[0]);
		/* What the PF posts unasked may not take the place of an
		 * answer that the VF has not read. */
		MODEL_CHECK(!v->pf_unread, "VF %u: control message 0x%08x overwrote 0x%08x, "
			"which the VF had not acknowledged", vf, w[0], v->pf_last);
	}
	v->pf_unread = true;
	v->pf_last = w[0];
	if (v->acks_at_once) {
		/* The PF may see this acknowledgement in this poll (the post
		 * came before it read the notices) or in the next. */
		model_vf_ack(m, vf);
		v->acked_in_poll = m->in_poll;
	}
	if (!m->in_poll)
		return;
	/* What a poll posted is matched with the requests after it. */
	MODEL_CHECK(v->nb_posts < MODEL_POSTS, "VF %u: more than %d messages in one poll", vf,
		MODEL_POSTS);
	v->posts[v->nb_posts++] = w[0];
	if (w[0] == (IGB_MSG_VF_RESET | IGB_MSG_ACK)) {
		/* The reset reply hands the VF its MAC. */
		for (i = 0; i < 6; i++)
			mac[i] = (uint8_t)(w[1 + i / 4] >> (8 * (i % 4)));
		MODEL_CHECK(memcmp(mac, v->mac, 6) == 0, "VF %u: reset reply carries "
			"%02x:%02x:%02x:%02x:%02x:%02x, not its MAC", vf, mac[0], mac[1], mac[2],
			mac[3], mac[4], mac[5]);
	}
}

/*
 * Opening a PF resets and initialises the fake NIC, which costs far more
 * than a short input: each configuration is opened once, and later inputs
 * start from a copy of the PF and the registers as they were then.
 */
struct snapshot {
	bool valid;
	struct srnic_pf pf;
	struct fake_pf fake;
	uint32_t regs[IGB_PF_BAR0_SIZE / 4];
	uint64_t now_ms;
};

static struct snapshot *snapshots[MODEL_VFS + 1][SRNIC_PF_VLAN_ENTRIES];

static void
fresh_open(struct model *m, uint16_t nb_vfs, uint16_t vlans_per_vf, struct snapshot *s)
{
	struct srnic_pf_opts opts = { .size = sizeof(opts), .vlans_per_vf = vlans_per_vf };
	int err = 0;

	if (m->pf != NULL)
		model_close(m);
	test_pf_now_ms = 1000000;
	m->pf = test_pf_open(&m->fake, nb_vfs, &opts, &err);
	MODEL_CHECK(m->pf != NULL, "cannot open a PF with %u VFs, %u VLANs each: %d", nb_vfs,
		vlans_per_vf, err);
	s->pf = *m->pf;
	s->fake = m->fake;
	memcpy(s->regs, m->fake.regs, sizeof(s->regs));
	s->now_ms = test_pf_now_ms;
	s->valid = true;
}

static void
restore(struct model *m, const struct snapshot *s)
{
	uint32_t *regs = m->fake.regs;

	/* Both hold the addresses of m's fake NIC, which stays where it is. */
	*m->pf = s->pf;
	m->fake = s->fake;
	m->fake.regs = regs;
	memcpy(regs, s->regs, sizeof(s->regs));
	test_pf_now_ms = s->now_ms;
}

void
model_open(struct model *m, uint16_t nb_vfs, uint16_t vlans_per_vf)
{
	struct snapshot **s = &snapshots[nb_vfs][vlans_per_vf];
	uint16_t vf;

	if (*s == NULL) {
		*s = calloc(1, sizeof(**s));
		MODEL_CHECK(*s != NULL, "no memory for a snapshot");
	}
	if ((*s)->valid && m->pf != NULL)
		restore(m, *s);
	else
		fresh_open(m, nb_vfs, vlans_per_vf, *s);
	m->nb_vfs = nb_vfs;
	m->in_poll = false;
	memset(m->vf, 0, sizeof(m->vf));
	for (vf = 0; vf < FAKE_PF_VFS; vf++) {
		struct model_vf *v = &m->vf[vf];

		if (vf < MODEL_VFS)
			memcpy(v->mac, m->pf->vf[vf].mac.addr_bytes, 6);
		v->rxmode_allowed = SRNIC_PF_RXMODE_DEFAULT;
		v->spoofchk = SRNIC_PF_SPOOFCHK_ALL;
		v->link_state = SRNIC_PF_LINK_AUTO;
		v->taken_before = m->fake.nb_taken[vf];
		/* The pings of the first link-up, which no VF has read. */
		v->pf_unread = vf < nb_vfs && m->fake.nb_posted[vf] > 0;
		v->pf_last = m->fake.posted[vf][0];
	}
	/* The pings of the first link-up went out in test_pf_open. */
	m->fake.on_post = on_post;
	m->fake.on_post_arg = m;
}

void
model_close(struct model *m)
{
	test_pf_close(&m->fake, m->pf);
	m->pf = NULL;
}

void
model_vf_send(struct model *m, uint16_t vf, const uint32_t *w, int n)
{
	struct model_vf *v = &m->vf[vf];
	int i;

	fake_vf_send(&m->fake, vf, w, n);
	/* What the PF will read: the words sent and what was left before. */
	for (i = 0; i < IGB_MBX_WORDS; i++)
		v->req[i] = fake_pf_reg(&m->fake, IGB_PF_VMBMEM(vf) + 4 * i);
	v->req_pending = vf < m->nb_vfs;
	v->pf_unread = false;
}

void
model_vf_ack(struct model *m, uint16_t vf)
{
	fake_vf_ack(&m->fake, vf);
	m->vf[vf].ack_pending = true;
	m->vf[vf].pf_unread = false;
}

void
model_vf_flr(struct model *m, uint16_t vf)
{
	fake_vf_flr(&m->fake, vf);
}

/* The answer to VF @vf's request, from the messages posted in the poll. */
static void
account_request(struct model *m, uint16_t vf)
{
	struct model_vf *v = &m->vf[vf];
	uint32_t req0 = v->req[0], reply = 0;
	bool valid = model_req_valid(v->req), granted, bare_nack = false;
	int i, replies = 0;

	for (i = 0; i < v->nb_posts; i++) {
		uint32_t w = v->posts[i];

		if (is_ping(w))
			continue;
		if (w == IGB_MSG_NACK && v->ack_pending) {
			bare_nack = true;	/* "reset first", to an acknowledgement */
			continue;
		}
		MODEL_CHECK(v->req_pending && igb_msg_id(w) == igb_msg_id(req0) &&
			(w & (IGB_MSG_ACK | IGB_MSG_NACK)), "VF %u: PF posted 0x%08x, which "
			"answers no request (pending: %s 0x%08x)", vf, w,
			v->req_pending ? "yes" : "no", req0);
		replies++;
		reply = w;
	}
	if (v->req_pending && valid && igb_msg_id(req0) == IGB_MSG_VF_RESET) {
		/* With no application to refuse it, a reset always succeeds. */
		MODEL_CHECK(replies == 1 && reply == (IGB_MSG_VF_RESET | IGB_MSG_ACK),
			"VF %u: VF_RESET 0x%08x got %d replies, last 0x%08x", vf, req0, replies,
			reply);
		model_forget_requests(v);
		v->cts = true;
	} else if (v->req_pending && !v->cts) {
		/* Before its reset a VF gets at most one NACK an interval. */
		MODEL_CHECK(replies == 0 || (replies == 1 && reply == ((req0 & ID_INFO) |
			IGB_MSG_NACK)), "VF %u: request 0x%08x before its reset got %d replies, "
			"last 0x%08x", vf, req0, replies, reply);
	} else if (v->req_pending) {
		MODEL_CHECK(replies == 1, "VF %u: request 0x%08x got %d replies", vf, req0,
			replies);
		MODEL_CHECK((reply & ID_INFO) == (req0 & ID_INFO) &&
			!(reply & IGB_MSG_CTS) == (v->link_state == SRNIC_PF_LINK_DOWN),
			"VF %u: reply 0x%08x to 0x%08x has the wrong info or CTS", vf, reply, req0);
		granted = valid && model_req_granted(m, vf, v->req);
		MODEL_CHECK(!(reply & IGB_MSG_ACK) == !granted, "VF %u: request 0x%08x 0x%08x "
			"0x%08x %s, but the rules say %s", vf, req0, v->req[1], v->req[2],
			(reply & IGB_MSG_ACK) ? "ACKed" : "NACKed", granted ? "ACK" : "NACK");
		if (granted)
			model_req_apply(m, vf, v->req);
	} else {
		MODEL_CHECK(replies == 0, "VF %u: %d replies with no request", vf, replies);
	}
	MODEL_CHECK(!bare_nack || !v->cts, "VF %u: told to reset although clear to send", vf);
}

void
model_poll(struct model *m)
{
	uint32_t flr = fake_pf_reg(&m->fake, IGB_VFLRE);
	uint16_t vf;
	int taken;

	for (vf = 0; vf < FAKE_PF_VFS; vf++)
		m->vf[vf].nb_posts = 0;
	m->in_poll = true;
	srnic_pf_poll(m->pf);
	m->in_poll = false;
	for (vf = 0; vf < FAKE_PF_VFS; vf++) {
		struct model_vf *v = &m->vf[vf];

		taken = m->fake.nb_taken[vf] - v->taken_before;
		v->taken_before = m->fake.nb_taken[vf];
		if (vf >= m->nb_vfs) {
			MODEL_CHECK(taken == 0, "function %u is no VF, yet the PF took its message",
				vf);
			continue;
		}
		/* Function-level resets are served before any request. */
		if (flr & (1u << vf)) {
			model_forget_requests(v);
			v->cts = false;
		}
		if (m->fake.vf_lock[vf]) {
			/* The VF holds its buffer: nothing goes in or out. */
			MODEL_CHECK(taken == 0 && v->nb_posts == 0, "VF %u holds its lock, yet "
				"the PF took %d and posted %d messages", vf, taken, v->nb_posts);
		} else {
			/* Each waiting VF is served once a poll: none twice, none
			 * left behind. */
			MODEL_CHECK(taken == (v->req_pending ? 1 : 0), "VF %u: request %s, taken "
				"%d times in one poll", vf, v->req_pending ? "waiting" : "none",
				taken);
			account_request(m, vf);
		}
		v->req_pending = false;
		v->ack_pending = v->acked_in_poll;
		v->acked_in_poll = false;
	}
}

#define EXPECT_RET(ret, expect, what, vf) \
	MODEL_CHECK(((ret) == 0) == (expect), "VF %u: %s returned %d, expected %s", (vf), \
		(what), (ret), (expect) ? "success" : "failure")

void
model_admin_mac(struct model *m, uint16_t vf, const uint8_t mac[6])
{
	struct rte_ether_addr a;
	bool expect = vf < m->nb_vfs && model_mac_unicast(mac) && !model_mac_taken(m, vf, mac);
	int ret;

	memcpy(a.addr_bytes, mac, 6);
	ret = srnic_pf_set_vf_mac(m->pf, vf, &a);
	EXPECT_RET(ret, expect, "srnic_pf_set_vf_mac", vf);
	if (ret == 0) {
		memcpy(m->vf[vf].mac, mac, 6);
		m->vf[vf].mac_admin = true;
	}
}

void
model_admin_vlan(struct model *m, uint16_t vf, uint16_t vid, uint8_t qos)
{
	struct model_vf *v = &m->vf[vf];
	/* One entry is kept for each VF's port VLAN: it always fits. */
	bool expect = vf < m->nb_vfs && vid <= 4094 && qos <= 7;
	int ret = srnic_pf_set_vf_vlan(m->pf, vf, vid, qos);

	EXPECT_RET(ret, expect, "srnic_pf_set_vf_vlan", vf);
	if (ret != 0)
		return;
	if (vid != 0)
		v->nb_vlans = 0;
	v->port_vlan = vid;
	v->port_qos = vid != 0 ? qos : 0;
}

void
model_admin_trust(struct model *m, uint16_t vf, bool on)
{
	int ret = srnic_pf_set_vf_trust(m->pf, vf, on);

	EXPECT_RET(ret, vf < m->nb_vfs, "srnic_pf_set_vf_trust", vf);
	if (ret == 0)
		m->vf[vf].trusted = on;
}

void
model_admin_link_state(struct model *m, uint16_t vf, enum srnic_pf_link_state st)
{
	struct model_vf *v = &m->vf[vf];
	enum srnic_pf_link_state old = v->link_state;
	bool expect = vf < m->nb_vfs && st <= SRNIC_PF_LINK_DOWN;
	int ret;

	/* The VF is told at once, by a ping in the call: the model must know. */
	if (expect)
		v->link_state = st;
	ret = srnic_pf_set_vf_link_state(m->pf, vf, st);
	EXPECT_RET(ret, expect, "srnic_pf_set_vf_link_state", vf);
	if (ret != 0)
		v->link_state = old;
}

void
model_admin_rxmode(struct model *m, uint16_t vf, uint32_t allowed)
{
	struct model_vf *v = &m->vf[vf];
	const uint32_t known = SRNIC_PF_RXMODE_BROADCAST | SRNIC_PF_RXMODE_MULTICAST |
		SRNIC_PF_RXMODE_PROMISC;
	int ret = srnic_pf_set_vf_rxmode(m->pf, vf, allowed);

	EXPECT_RET(ret, vf < m->nb_vfs && !(allowed & ~known), "srnic_pf_set_vf_rxmode", vf);
	if (ret != 0)
		return;
	v->rxmode_allowed = allowed;
	/* A mode taken away ends at once. */
	if (!(allowed & SRNIC_PF_RXMODE_MULTICAST)) {
		v->nb_mc = 0;
		v->mc_all = false;
		v->promisc_mc = false;
	}
	if (!(allowed & SRNIC_PF_RXMODE_PROMISC))
		v->promisc_uc = false;
}

void
model_admin_spoofchk(struct model *m, uint16_t vf, uint32_t checks)
{
	int ret = srnic_pf_set_vf_spoofchk(m->pf, vf, checks);

	EXPECT_RET(ret, vf < m->nb_vfs && !(checks & ~SRNIC_PF_SPOOFCHK_ALL),
		"srnic_pf_set_vf_spoofchk", vf);
	if (ret == 0)
		m->vf[vf].spoofchk = checks;
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: the userspace PF's mailbox server and policy over the
 * fake NIC, with up to seven VFs. The input is read as a PF configuration
 * then a sequence of events: VF requests (well-formed ones built from a
 * few bytes, or raw words), VF acknowledgements (later, or the moment a
 * message is posted), function-level resets, a VF holding its mailbox
 * lock, polls, the administrator's calls, link changes and the clock
 * moving. After every event pf_invariants.c and the reply accounting of
 * pf_model.c check the PF against the model.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_log.h>

#include "pf_model.h"

struct input {
	const uint8_t *p;
	size_t left;
};

/* The next byte; zeros once the input runs out. */
static uint8_t
next(struct input *in)
{
	if (in->left == 0)
		return 0;
	in->left--;
	return *in->p++;
}

static uint32_t
next32(struct input *in)
{
	uint32_t v = next(in);

	v |= (uint32_t)next(in) << 8;
	v |= (uint32_t)next(in) << 16;
	return v | (uint32_t)next(in) << 24;
}

/* The PF's waits are real sleeps; the model's time is test_pf_now_ms. */
void
rte_delay_us_sleep(unsigned int us)
{
	(void)us;
}

/* Addresses worth trying: the PF's, the VFs' own, a few free ones, and
 * ones no VF may have. */
static void
pick_mac(const struct model *m, struct input *in, uint8_t mac[6])
{
	static const uint8_t bad[3][6] = {
		{ 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 },
		{ 0 },
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	uint8_t k = next(in) % 16, i;

	if (k == 0) {
		memcpy(mac, test_pf_perm_mac, 6);
	} else if (k <= MODEL_VFS) {
		memcpy(mac, m->vf[k - 1].mac, 6);
	} else if (k <= 11) {
		const uint8_t free_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, k };

		memcpy(mac, free_mac, 6);
	} else if (k <= 14) {
		memcpy(mac, bad[k - 12], 6);
	} else {
		for (i = 0; i < 6; i++)
			mac[i] = next(in);
	}
}

/* Few VLANs so that VFs share them and fill their shares; and the edges. */
static uint16_t
pick_vid(struct input *in)
{
	static const uint16_t edges[] = { 4094, 4095, 4096, 0xFFFF };
	uint8_t b = next(in);

	return b < 240 ? b % 48 : edges[b % 4];
}

/* A multicast hash, now and then out of its 12 bits. */
static uint16_t
pick_hash(struct input *in)
{
	uint8_t lo = next(in), hi = next(in);

	return (uint16_t)(lo | (hi & 0x0F) << 8 | (hi >= 0xF0 ? 0x1000 : 0));
}

static void
put_mac(uint32_t *w, const uint8_t mac[6])
{
	w[1] = (uint32_t)mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 |
		(uint32_t)mac[3] << 24;
	w[2] = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
}

/* A request as a VF driver would build it (sometimes bent a little):
 * returns how many words it has. */
static int
build_request(const struct model *m, struct input *in, uint32_t *w)
{
	static const uint32_t frames[] = { 63, 64, 1518, 9018, 9728, 9729 };
	uint8_t kind = next(in), info = next(in), mac[6];
	int n = 1, i;

	switch (kind % 7) {
	case 0:
		w[0] = IGB_MSG_VF_RESET;
		break;
	case 1:
		w[0] = igb_msg_word0(IGB_MSG_SET_MAC_ADDR, info % 4 == 3 ? info : info % 2);
		pick_mac(m, in, mac);
		put_mac(w, mac);
		n = IGB_MAC_MSG_WORDS;
		break;
	case 2:
		w[0] = igb_msg_word0(IGB_MSG_SET_MULTICAST, info);
		for (i = 1; i < IGB_MBX_WORDS; i++)
			w[i] = pick_hash(in) | (uint32_t)pick_hash(in) << 16;
		n = 1 + (info % 32 + 1) / 2;
		break;
	case 3:
		w[0] = igb_msg_word0(IGB_MSG_SET_VLAN, info % 4 == 3 ? info : info % 2);
		w[1] = pick_vid(in);
		n = 2;
		break;
	case 4:
		w[0] = IGB_MSG_SET_LPE;
		w[1] = frames[info % 6];
		n = 2;
		break;
	case 5:
		w[0] = igb_msg_word0(IGB_MSG_SET_PROMISC, info % 8 == 7 ? info : info % 4);
		break;
	default:
		/* Anything at all. */
		n = next(in) % (IGB_MBX_WORDS + 1);
		for (i = 0; i < n; i++)
			w[i] = next32(in);
		break;
	}
	/* Some VFs set reply flags in their requests. */
	if (kind >= 240)
		w[0] |= (uint32_t)(kind & 7) << 29;
	/* Ids 0 and PF_CONTROL look like the PF's own messages in the reply
	 * count: those the codec fuzzer covers. */
	if (igb_msg_id(w[0]) == 0 || igb_msg_id(w[0]) == IGB_MSG_PF_CONTROL)
		w[0] |= 0x0FFF;
	return n;
}

enum event {
	EV_REQUEST,
	EV_REQUEST_AND_POLL,
	EV_RESET_AND_POLL,
	EV_ACK,
	EV_FLR,
	EV_POLL,
	EV_LOCK,
	EV_ADMIN_MAC,
	EV_ADMIN_VLAN,
	EV_ADMIN_VLAN_FILTER,
	EV_ADMIN_TRUST,
	EV_ADMIN_LINK_STATE,
	EV_ADMIN_RXMODE,
	EV_ADMIN_SPOOFCHK,
	EV_LINK,
	EV_CLOCK,
	EV_ACK_AT_ONCE,
	EV_MAX
};

static void
link_toggle(struct model *m)
{
	uint32_t status = fake_pf_reg(&m->fake, IGB_STATUS);

	fake_pf_set_reg(&m->fake, IGB_STATUS, status ^ IGB_STATUS_LU);
	fake_pf_set_reg(&m->fake, IGB_ICR, fake_pf_reg(&m->fake, IGB_ICR) | IGB_ICR_LSC);
}

static void
step(struct model *m, struct input *in)
{
	uint8_t ev = next(in) % EV_MAX, vf = next(in) % FAKE_PF_VFS, arg, mac[6];
	uint32_t w[IGB_MBX_WORDS] = { 0 };
	int n;

	switch (ev) {
	case EV_REQUEST:
		n = build_request(m, in, w);
		model_vf_send(m, vf, w, n);
		break;
	case EV_REQUEST_AND_POLL:
		/* A request answered at once: one event instead of two, so
		 * that sequences of requests and administrator's calls, whose
		 * order the rules depend on, are found sooner. */
		n = build_request(m, in, w);
		model_vf_send(m, vf, w, n);
		model_poll(m);
		break;
	case EV_RESET_AND_POLL:
		/* The common start of a VF's life, in one event. */
		w[0] = IGB_MSG_VF_RESET;
		model_vf_send(m, vf, w, 1);
		model_poll(m);
		break;
	case EV_ACK:
		model_vf_ack(m, vf);
		break;
	case EV_FLR:
		model_vf_flr(m, vf);
		break;
	case EV_POLL:
		model_poll(m);
		break;
	case EV_LOCK:
		m->fake.vf_lock[vf] = !m->fake.vf_lock[vf];
		break;
	case EV_ADMIN_MAC:
		pick_mac(m, in, mac);
		model_admin_mac(m, vf, mac);
		break;
	case EV_ADMIN_VLAN:
		arg = next(in);
		model_admin_vlan(m, vf, arg < 128 ? 0 : pick_vid(in), arg % 9);
		break;
	case EV_ADMIN_VLAN_FILTER:
		arg = next(in);
		model_admin_vlan_filter(m, vf, pick_vid(in), arg & 1);
		break;
	case EV_ADMIN_TRUST:
		model_admin_trust(m, vf, next(in) & 1);
		break;
	case EV_ADMIN_LINK_STATE:
		model_admin_link_state(m, vf, (enum srnic_pf_link_state)(next(in) % 4));
		break;
	case EV_ADMIN_RXMODE:
		model_admin_rxmode(m, vf, next(in) % 9);
		break;
	case EV_ADMIN_SPOOFCHK:
		model_admin_spoofchk(m, vf, next(in) % 5);
		break;
	case EV_LINK:
		link_toggle(m);
		break;
	case EV_ACK_AT_ONCE:
		m->vf[vf].acks_at_once = !m->vf[vf].acks_at_once;
		break;
	case EV_CLOCK:
		/* Past the NACK interval and the link check now and then. */
		test_pf_now_ms += (uint64_t)next(in) * 16;
		break;
	default:
		break;
	}
	model_check_invariants(m);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Refusals are logged; millions of them are not worth printing. */
	rte_log_set_global_level(RTE_LOG_EMERG);
	return 0;
}

/* Every VF through its reset handshake, as drivers that just started. */
static void
vfs_up(struct model *m)
{
	const uint32_t reset = IGB_MSG_VF_RESET;
	uint16_t vf;

	for (vf = 0; vf < m->nb_vfs; vf++)
		model_vf_send(m, vf, &reset, 1);
	model_poll(m);
	for (vf = 0; vf < m->nb_vfs; vf++)
		model_vf_ack(m, vf);
	model_poll(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct model m;
	struct input in = { data, size };
	uint16_t nb_vfs = 1 + next(&in) % MODEL_VFS;
	/* 0: the default share; else one that fits nb_vfs VFs. */
	uint16_t share = next(&in) % (SRNIC_PF_VLAN_ENTRIES / nb_vfs);
	/* Half the inputs start with the VFs up: the rules on requests are
	 * then one event away instead of a handshake away. In half, an FLR
	 * leaves the VF's pool bits to the PF to clear. */
	uint8_t start = next(&in);
	bool up = start & 1;

	model_open(&m, nb_vfs, share);
	m.fake.flr_keeps_pools = start & 2;
	model_check_invariants(&m);
	if (up)
		vfs_up(&m);
	while (in.left > 0)
		step(&m, &in);
	/* The PF stays open: the next input starts from a snapshot. */
	return 0;
}

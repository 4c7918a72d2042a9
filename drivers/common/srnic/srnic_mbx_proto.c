/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "srnic_mbx_proto.h"

/* Largest frame the 82576 accepts and a VF may ask for (SET_LPE). */
#define LPE_MAX_FRAME	9728
#define LPE_MIN_FRAME	64

static void
msg_init(struct srnic_mbx_msg *m, uint16_t id, uint8_t info, uint16_t len)
{
	memset(m, 0, sizeof(*m));
	m->w[0] = igb_msg_word0(id, info);
	m->len = len;
}

bool
srnic_mbx_mac_is_unicast(const uint8_t mac[6])
{
	static const uint8_t zero[6];

	return (mac[0] & 0x01) == 0 && memcmp(mac, zero, sizeof(zero)) != 0;
}

void
srnic_mbx_enc_reset(struct srnic_mbx_msg *m)
{
	msg_init(m, IGB_MSG_VF_RESET, 0, 1);
}

int
srnic_mbx_enc_set_mac(struct srnic_mbx_msg *m, const uint8_t mac[6])
{
	if (!srnic_mbx_mac_is_unicast(mac))
		return -EINVAL;
	msg_init(m, IGB_MSG_SET_MAC_ADDR, IGB_MAC_INFO_PRIMARY, IGB_MAC_MSG_WORDS);
	igb_msg_put_mac(&m->w[1], mac);
	return 0;
}

int
srnic_mbx_enc_set_multicast(struct srnic_mbx_msg *m, const uint8_t (*macs)[6], uint32_t n)
{
	uint32_t i;

	if (n > IGB_MC_MAX_HASHES) {
		/* The overflow flag asks for all multicast; a PF that reads the
		 * whole info byte as a count sees more than 30 and agrees. */
		msg_init(m, IGB_MSG_SET_MULTICAST, IGB_MC_OVERFLOW | IGB_MC_MAX_HASHES,
			IGB_MBX_WORDS);
		n = IGB_MC_MAX_HASHES;
	} else {
		msg_init(m, IGB_MSG_SET_MULTICAST, (uint8_t)n, 1 + (n + 1) / 2);
	}
	for (i = 0; i < n; i++) {
		if ((macs[i][0] & 0x01) == 0)
			return -EINVAL;		/* not a multicast address */
		m->w[1 + i / 2] |= (uint32_t)igb_mc_hash(macs[i]) << (16 * (i & 1));
	}
	return 0;
}

int
srnic_mbx_enc_set_vlan(struct srnic_mbx_msg *m, uint16_t vid, bool add)
{
	if (vid > IGB_VLAN_ID_MAX)
		return -EINVAL;
	msg_init(m, IGB_MSG_SET_VLAN, add ? IGB_VLAN_INFO_ADD : 0, 2);
	m->w[1] = vid;
	return 0;
}

int
srnic_mbx_enc_set_lpe(struct srnic_mbx_msg *m, uint32_t max_frame)
{
	if (max_frame < LPE_MIN_FRAME || max_frame > LPE_MAX_FRAME)
		return -EINVAL;
	msg_init(m, IGB_MSG_SET_LPE, 0, 2);
	m->w[1] = max_frame;
	return 0;
}

int
srnic_mbx_enc_set_promisc(struct srnic_mbx_msg *m, uint8_t flags)
{
	if (flags & ~(IGB_PROMISC_UNICAST | IGB_PROMISC_MULTICAST))
		return -EINVAL;
	msg_init(m, IGB_MSG_SET_PROMISC, flags, 1);
	return 0;
}

int
srnic_mbx_reply_status(uint32_t req_word0, uint32_t reply_word0)
{
	if (igb_msg_id(reply_word0) != igb_msg_id(req_word0))
		return -EPROTO;
	if (reply_word0 & IGB_MSG_ACK)
		return 0;
	if (reply_word0 & IGB_MSG_NACK)
		return -EPERM;
	return -EPROTO;
}

int
srnic_mbx_dec_reset_reply(const struct srnic_mbx_msg *m, uint8_t mac[6], bool *has_mac)
{
	int ret = srnic_mbx_reply_status(IGB_MSG_VF_RESET, m->w[0]);

	if (ret == -EPROTO)
		return ret;
	*has_mac = false;
	memset(mac, 0, 6);
	if (ret == 0) {
		igb_msg_get_mac(&m->w[1], mac);
		*has_mac = srnic_mbx_mac_is_unicast(mac);
	}
	return 0;
}

const char *
srnic_mbx_bad_str(enum srnic_mbx_bad why)
{
	static const char *const names[SRNIC_MBX_BAD_MAX] = {
		[SRNIC_MBX_OK] = "ok",
		[SRNIC_MBX_BAD_FLAGS] = "reply flags in a request",
		[SRNIC_MBX_BAD_ID] = "unknown message id",
		[SRNIC_MBX_BAD_LEN] = "message too short",
		[SRNIC_MBX_BAD_INFO] = "bad info field",
		[SRNIC_MBX_BAD_MAC] = "not a unicast MAC",
		[SRNIC_MBX_BAD_VLAN] = "VLAN id out of range",
		[SRNIC_MBX_BAD_HASH] = "bad multicast hash list",
		[SRNIC_MBX_BAD_SIZE] = "frame size out of range",
	};

	return why < SRNIC_MBX_BAD_MAX ? names[why] : "?";
}

static enum srnic_mbx_bad
parse_multicast(const struct srnic_mbx_msg *m, struct srnic_mbx_req *req)
{
	uint8_t count = req->info;
	uint32_t i;

	/* Overflow flag, or a count beyond what fits: all multicast, as the
	 * Linux PF does. The hash words are then not used. */
	if ((count & IGB_MC_OVERFLOW) || count > IGB_MC_MAX_HASHES) {
		req->mc.all = true;
		req->mc.count = 0;
		return SRNIC_MBX_OK;
	}
	if (m->len < 1 + (count + 1) / 2)
		return SRNIC_MBX_BAD_LEN;
	req->mc.all = false;
	req->mc.count = count;
	for (i = 0; i < count; i++) {
		uint16_t h = (m->w[1 + i / 2] >> (16 * (i & 1))) & 0xFFFF;

		if (h > 0xFFF)
			return SRNIC_MBX_BAD_HASH;
		req->mc.hash[i] = h;
	}
	return SRNIC_MBX_OK;
}

enum srnic_mbx_bad
srnic_mbx_parse_request(const struct srnic_mbx_msg *m, struct srnic_mbx_req *req)
{
	uint32_t w0;

	memset(req, 0, sizeof(*req));
	if (m->len < 1)
		return SRNIC_MBX_BAD_LEN;
	w0 = m->w[0];
	req->id = igb_msg_id(w0);
	req->info = igb_msg_info(w0);
	if (w0 & (IGB_MSG_ACK | IGB_MSG_NACK | IGB_MSG_CTS))
		return SRNIC_MBX_BAD_FLAGS;

	switch (req->id) {
	case IGB_MSG_VF_RESET:
		return SRNIC_MBX_OK;
	case IGB_MSG_SET_MAC_ADDR:
		if (m->len < IGB_MAC_MSG_WORDS)
			return SRNIC_MBX_BAD_LEN;
		/* Linux igbvf asks to clear extra unicast filters on every
		 * receive-mode change; with none offered that is a valid no-op
		 * request, and its MAC words carry nothing. */
		if (req->info == IGB_MAC_INFO_CLEAR_EXTRA)
			return SRNIC_MBX_OK;
		if (req->info != IGB_MAC_INFO_PRIMARY)
			return SRNIC_MBX_BAD_INFO;	/* extra filters: not offered */
		igb_msg_get_mac(&m->w[1], req->mac);
		return srnic_mbx_mac_is_unicast(req->mac) ? SRNIC_MBX_OK : SRNIC_MBX_BAD_MAC;
	case IGB_MSG_SET_MULTICAST:
		return parse_multicast(m, req);
	case IGB_MSG_SET_VLAN:
		if (m->len < 2)
			return SRNIC_MBX_BAD_LEN;
		if (req->info & ~IGB_VLAN_INFO_ADD)
			return SRNIC_MBX_BAD_INFO;
		if (m->w[1] > IGB_VLAN_ID_MAX)
			return SRNIC_MBX_BAD_VLAN;
		req->vlan.vid = (uint16_t)m->w[1];
		req->vlan.add = req->info & IGB_VLAN_INFO_ADD;
		return SRNIC_MBX_OK;
	case IGB_MSG_SET_LPE:
		if (m->len < 2)
			return SRNIC_MBX_BAD_LEN;
		if (m->w[1] < LPE_MIN_FRAME || m->w[1] > LPE_MAX_FRAME)
			return SRNIC_MBX_BAD_SIZE;
		req->max_frame = m->w[1];
		return SRNIC_MBX_OK;
	case IGB_MSG_SET_PROMISC:
		if (req->info & ~(IGB_PROMISC_UNICAST | IGB_PROMISC_MULTICAST))
			return SRNIC_MBX_BAD_INFO;
		req->promisc = req->info;
		return SRNIC_MBX_OK;
	default:
		return SRNIC_MBX_BAD_ID;
	}
}

uint32_t
srnic_mbx_reply_word0(uint32_t req_word0, bool ack, bool cts)
{
	uint32_t w = req_word0 & (IGB_MSG_ID_MASK | IGB_MSG_INFO_MASK);

	return w | (ack ? IGB_MSG_ACK : IGB_MSG_NACK) | (cts ? IGB_MSG_CTS : 0);
}

void
srnic_mbx_enc_reset_reply(struct srnic_mbx_msg *m, const uint8_t *mac)
{
	msg_init(m, IGB_MSG_VF_RESET, 0, IGB_VF_RESET_REPLY_WORDS);
	m->w[0] = srnic_mbx_reply_word0(m->w[0], mac != NULL, false);
	if (mac != NULL)
		igb_msg_put_mac(&m->w[1], mac);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: a VF can put any 16 words in the mailbox. Whatever the
 * validator accepts must be within the protocol's ranges and carried by the
 * words the message has; nothing may crash. (The PF's server always hands
 * over the whole buffer, so only this target sees short messages.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "srnic_mbx_proto.h"

/* Words a request of this id and info needs, as the protocol defines it. */
static uint16_t
words_needed(const struct srnic_mbx_req *req)
{
	switch (req->id) {
	case IGB_MSG_SET_MAC_ADDR:
		return IGB_MAC_MSG_WORDS;
	case IGB_MSG_SET_MULTICAST:
		if ((req->info & IGB_MC_OVERFLOW) || req->info > IGB_MC_MAX_HASHES)
			return 1;
		return (uint16_t)(1 + (req->info + 1) / 2);
	case IGB_MSG_SET_VLAN:
	case IGB_MSG_SET_LPE:
		return 2;
	default:
		return 1;
	}
}

static void
check_accepted(const struct srnic_mbx_msg *m, const struct srnic_mbx_req *req)
{
	uint8_t i;

	if (m->len < words_needed(req))
		abort();	/* read words the VF did not send */

	switch (req->id) {
	case IGB_MSG_SET_MAC_ADDR:
		/* "Clear extra filters" carries no address; the primary must
		 * be a unicast one. */
		if (req->info != IGB_MAC_INFO_CLEAR_EXTRA &&
		    (req->info != IGB_MAC_INFO_PRIMARY || !srnic_mbx_mac_is_unicast(req->mac)))
			abort();
		break;
	case IGB_MSG_SET_MULTICAST:
		if (req->mc.count > IGB_MC_MAX_HASHES || (req->mc.all && req->mc.count))
			abort();
		for (i = 0; i < req->mc.count; i++)
			if (req->mc.hash[i] > 0xFFF)
				abort();
		break;
	case IGB_MSG_SET_VLAN:
		if (req->vlan.vid > IGB_VLAN_ID_MAX)
			abort();
		break;
	case IGB_MSG_SET_LPE:
		if (req->max_frame < 64 || req->max_frame > 9728)
			abort();
		break;
	case IGB_MSG_SET_PROMISC:
		if (req->promisc & ~(IGB_PROMISC_UNICAST | IGB_PROMISC_MULTICAST))
			abort();
		break;
	case IGB_MSG_VF_RESET:
		break;
	default:
		abort();	/* an unknown id was accepted */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct srnic_mbx_msg m;
	struct srnic_mbx_req req;
	uint8_t mac[6];
	bool has_mac;

	if (size < 1)
		return 0;
	memset(&m, 0, sizeof(m));
	/* First byte: how many words the message claims; then the words. */
	m.len = data[0] % (IGB_MBX_WORDS + 1);
	memcpy(m.w, data + 1, size - 1 < sizeof(m.w) ? size - 1 : sizeof(m.w));
	if (srnic_mbx_parse_request(&m, &req) == SRNIC_MBX_OK)
		check_accepted(&m, &req);
	/* The VF side decodes PF replies from the same buffer. */
	if (srnic_mbx_dec_reset_reply(&m, mac, &has_mac) == 0 && has_mac &&
	    !srnic_mbx_mac_is_unicast(mac))
		abort();
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the mailbox protocol and the PF's policy say of a VF's request,
 * written from the rules (igb_mbx.h, rte_srnic_pf.h, pf_vlan_budget.c's
 * header) rather than from the code that applies them, so that the two
 * can disagree.
 */
#include <string.h>

#include "pf_model.h"

static const uint32_t reply_flags = IGB_MSG_ACK | IGB_MSG_NACK | IGB_MSG_CTS;

static void
get_mac(const uint32_t *w, uint8_t mac[6])
{
	unsigned int i;

	/* Words 1 and 2 carry the address bytes in order, byte 0 lowest. */
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)(w[1 + i / 4] >> (8 * (i % 4)));
}

bool
model_mac_unicast(const uint8_t mac[6])
{
	static const uint8_t zero[6];

	return !(mac[0] & 1) && memcmp(mac, zero, 6) != 0;
}

/* Hash @i of a SET_MULTICAST request: two 16-bit hashes a word. */
static uint16_t
mc_hash(const uint32_t *w, unsigned int i)
{
	return (uint16_t)(w[1 + i / 2] >> (16 * (i & 1)));
}

static bool
mc_all(uint8_t info)
{
	return (info & IGB_MC_OVERFLOW) || info > IGB_MC_MAX_HASHES;
}

bool
model_req_valid(const uint32_t *w)
{
	uint8_t info = igb_msg_info(w[0]), mac[6];
	unsigned int i;

	if (w[0] & reply_flags)
		return false;
	switch (igb_msg_id(w[0])) {
	case IGB_MSG_VF_RESET:
		return true;
	case IGB_MSG_SET_MAC_ADDR:
		if (info == IGB_MAC_INFO_CLEAR_EXTRA)
			return true;
		get_mac(w, mac);
		return info == IGB_MAC_INFO_PRIMARY && model_mac_unicast(mac);
	case IGB_MSG_SET_MULTICAST:
		if (mc_all(info))
			return true;
		for (i = 0; i < info; i++)
			if (mc_hash(w, i) > 0xFFF)
				return false;
		return true;
	case IGB_MSG_SET_VLAN:
		return !(info & ~IGB_VLAN_INFO_ADD) && w[1] <= IGB_VLAN_ID_MAX;
	case IGB_MSG_SET_LPE:
		return w[1] >= 64 && w[1] <= 9728;
	case IGB_MSG_SET_PROMISC:
		return !(info & ~(IGB_PROMISC_UNICAST | IGB_PROMISC_MULTICAST));
	default:
		return false;
	}
}

bool
model_mac_taken(const struct model *m, uint16_t vf, const uint8_t mac[6])
{
	uint16_t o;

	if (memcmp(mac, test_pf_perm_mac, 6) == 0)
		return true;
	for (o = 0; o < m->nb_vfs; o++)
		if (o != vf && memcmp(mac, m->vf[o].mac, 6) == 0)
			return true;
	return false;
}

int
model_vlan_find(const struct model_vf *v, uint16_t vid)
{
	uint16_t i;

	for (i = 0; i < v->nb_vlans; i++)
		if (v->vlans[i] == vid)
			return i;
	return -1;
}

/* pf_vlan_budget.c: a share each, the spare for the administrator only. */
bool
model_vlan_room(const struct model *m, uint16_t vf, bool by_vf)
{
	uint16_t share = m->pf->vfio.vlan_share, spare = m->pf->vfio.vlan_spare;
	uint16_t o, used = 0;

	if (m->vf[vf].nb_vlans < share)
		return true;
	if (by_vf || m->vf[vf].nb_vlans >= SRNIC_PF_VF_MAX_VLANS)
		return false;
	for (o = 0; o < m->nb_vfs; o++)
		if (m->vf[o].nb_vlans > share)
			used += m->vf[o].nb_vlans - share;
	return used < spare;
}

bool
model_req_granted(const struct model *m, uint16_t vf, const uint32_t *w)
{
	const struct model_vf *v = &m->vf[vf];
	uint8_t info = igb_msg_info(w[0]), mac[6];
	bool mc_ok = v->rxmode_allowed & SRNIC_PF_RXMODE_MULTICAST;

	switch (igb_msg_id(w[0])) {
	case IGB_MSG_SET_MAC_ADDR:
		if (info == IGB_MAC_INFO_CLEAR_EXTRA)
			return true;
		get_mac(w, mac);
		if (memcmp(mac, v->mac, 6) == 0)
			return true;
		/* An administrator's MAC stays unless the VF is trusted; no
		 * VF may take another's or the PF's. */
		return (!v->mac_admin || v->trusted) && !model_mac_taken(m, vf, mac);
	case IGB_MSG_SET_MULTICAST:
		return mc_ok || info == 0;
	case IGB_MSG_SET_VLAN:
		if (v->port_vlan != 0)
			return false;	/* the administrator's VLAN rules */
		if (!(info & IGB_VLAN_INFO_ADD) || model_vlan_find(v, (uint16_t)w[1]) >= 0)
			return true;
		/* Within its share a VF always gets its filter. */
		return model_vlan_room(m, vf, true);
	case IGB_MSG_SET_PROMISC:
		return (!(info & IGB_PROMISC_UNICAST) ||
			(v->rxmode_allowed & SRNIC_PF_RXMODE_PROMISC)) &&
			(!(info & IGB_PROMISC_MULTICAST) || mc_ok);
	default:
		return true;	/* LPE in range; VF_RESET is answered elsewhere */
	}
}

void
model_forget_requests(struct model_vf *v)
{
	v->nb_vlans = 0;
	v->nb_mc = 0;
	v->mc_all = false;
	v->promisc_uc = false;
	v->promisc_mc = false;
	v->max_frame = 0;
}

static void
vlan_set(struct model_vf *v, uint16_t vid, bool on)
{
	int idx = model_vlan_find(v, vid);

	if (on && idx < 0)
		v->vlans[v->nb_vlans++] = vid;
	else if (!on && idx >= 0)
		v->vlans[idx] = v->vlans[--v->nb_vlans];
}

void
model_req_apply(struct model *m, uint16_t vf, const uint32_t *w)
{
	struct model_vf *v = &m->vf[vf];
	uint8_t info = igb_msg_info(w[0]);
	unsigned int i;

	switch (igb_msg_id(w[0])) {
	case IGB_MSG_SET_MAC_ADDR:
		if (info == IGB_MAC_INFO_PRIMARY)
			get_mac(w, v->mac);
		break;
	case IGB_MSG_SET_MULTICAST:
		v->mc_all = mc_all(info);
		v->nb_mc = v->mc_all ? 0 : info;
		for (i = 0; i < v->nb_mc; i++)
			v->mc[i] = mc_hash(w, i);
		break;
	case IGB_MSG_SET_VLAN:
		vlan_set(v, (uint16_t)w[1], info & IGB_VLAN_INFO_ADD);
		break;
	case IGB_MSG_SET_LPE:
		v->max_frame = (uint16_t)w[1];
		break;
	case IGB_MSG_SET_PROMISC:
		v->promisc_uc = info & IGB_PROMISC_UNICAST;
		v->promisc_mc = info & IGB_PROMISC_MULTICAST;
		break;
	default:
		break;
	}
}

void
model_admin_vlan_filter(struct model *m, uint16_t vf, uint16_t vid, bool on)
{
	struct model_vf *v = &m->vf[vf];
	bool expect, fits = vf < m->nb_vfs && vid <= IGB_VLAN_ID_MAX && v->port_vlan == 0;
	int ret;

	/* Adding needs room unless it is there; removing always works. */
	expect = fits && (!on || model_vlan_find(v, vid) >= 0 || model_vlan_room(m, vf, false));
	ret = srnic_pf_vf_vlan_filter(m->pf, vf, vid, on);
	MODEL_CHECK((ret == 0) == expect, "VF %u: VLAN filter %u %s returned %d, expected %s",
		vf, vid, on ? "on" : "off", ret, expect ? "success" : "failure");
	if (ret == 0)
		vlan_set(v, vid, on);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a VF may have, and the registers that give it (vfio backend). Two
 * kinds of callers: the administrator (API calls) and the VF itself
 * (mailbox requests, already validated by the codec). The rules follow
 * Linux igb (hardware reference 7.6): an administrator MAC stays unless the
 * VF is trusted, a port VLAN cannot be overridden, unicast promiscuous only
 * when allowed. On top of that no VF may take another's MAC, and VLAN
 * filters are shared out per VF (pf_vlan_budget.c) so no VF can starve the
 * others or the administrator's port VLANs.
 *
 * VF n uses pool n throughout (the PF keeps pool 7).
 */
#include <errno.h>
#include <string.h>

#include "pf_priv.h"

static void
apply_vmolr(struct srnic_pf *pf, uint16_t vf)
{
	const struct pf_vf *v = &pf->vf[vf];
	uint32_t allowed = v->rxmode_allowed;
	/* Linux strips the tag for VF pools too: a VF sees VLANs in the
	 * descriptor only. CRC stripping must be on for 82576 pools. */
	uint32_t vmolr = IGB_VMOLR_STRCRC | IGB_VMOLR_STRVLAN;

	if (allowed & SRNIC_PF_RXMODE_BROADCAST)
		vmolr |= IGB_VMOLR_BAM;
	/* With a port VLAN only frames with that tag reach the VF. */
	if (v->port_vlan == 0)
		vmolr |= IGB_VMOLR_AUPE;
	if (allowed & SRNIC_PF_RXMODE_MULTICAST) {
		if (v->nb_mc > 0)
			vmolr |= IGB_VMOLR_ROMPE;
		if (v->mc_all || v->promisc_mc)
			vmolr |= IGB_VMOLR_MPME;
	}
	/* ROPE takes the UTA hits on hardware; QEMU hands UTA hits to ROMPE
	 * pools instead, so both are set (multicast is implied anyway). */
	if ((allowed & SRNIC_PF_RXMODE_PROMISC) && v->promisc_uc)
		vmolr |= IGB_VMOLR_ROPE | IGB_VMOLR_ROMPE | IGB_VMOLR_MPME;
	if (v->max_frame > 0)
		vmolr |= IGB_VMOLR_LPE | (v->max_frame & IGB_VMOLR_RLPML_MASK);
	pf_wr(pf, IGB_VMOLR(vf), vmolr);
}

static void
apply_vmvir(struct srnic_pf *pf, uint16_t vf)
{
	const struct pf_vf *v = &pf->vf[vf];
	uint32_t vmvir = 0;

	if (v->port_vlan != 0)
		vmvir = v->port_vlan | ((uint32_t)v->port_qos << IGB_VMVIR_PRIO_SHIFT) |
			IGB_VMVIR_VLANA_DEFAULT;
	pf_wr(pf, IGB_VMVIR(vf), vmvir);
}

/* Loopback on (VF-to-VF switching) and the anti-spoof bits of every VF. */
static void
apply_txswc(struct srnic_pf *pf)
{
	uint32_t v = IGB_TXSWC_LOOPBACK_EN;
	uint16_t vf;

	for (vf = 0; vf < pf->nb_vfs; vf++) {
		if (pf->vf[vf].spoofchk & SRNIC_PF_SPOOFCHK_MAC)
			v |= IGB_TXSWC_MAC_SPOOF(vf);
		if (pf->vf[vf].spoofchk & SRNIC_PF_SPOOFCHK_VLAN)
			v |= IGB_TXSWC_VLAN_SPOOF(vf);
	}
	pf_wr(pf, pf->vfio.txswc, v);
}

static void
pool_enable(struct srnic_pf *pf, uint16_t vf, bool on)
{
	uint32_t bit = 1u << vf, re, te;

	re = pf_rd(pf, IGB_VFRE);
	te = pf_rd(pf, IGB_VFTE);
	pf_wr(pf, IGB_VFRE, on ? (re | bit) : (re & ~bit));
	pf_wr(pf, IGB_VFTE, on ? (te | bit) : (te & ~bit));
}

/* A locally administered MAC made from the PF's, unused by any pool. */
static void
default_mac(struct srnic_pf *pf, uint16_t vf, struct rte_ether_addr *mac)
{
	const uint8_t *p = pf->vfio.filt.rar[PF_RAR_PF_ENTRY].mac;
	uint8_t *m = mac->addr_bytes;
	int k;

	for (k = 0; k < 16; k++) {
		m[0] = 0x02;
		m[1] = p[2];
		m[2] = p[3];
		m[3] = p[4];
		m[4] = p[5];
		m[5] = (uint8_t)(0x10 + vf + 8 * k);
		if (pf_rar_pools(&pf->vfio.filt, m) == 0)
			return;
	}
}

/* Forget what VF @vf asked for and take it out of the shared tables
 * (its MAC and port VLAN stay: they are the administrator's). */
static void
clear_requests(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];
	uint16_t i;

	for (i = 0; i < v->nb_vlans; i++)
		pf_vlvf_del(&pf->vfio.filt, v->vlans[i], (uint8_t)vf);
	v->nb_vlans = 0;
	v->nb_mc = 0;
	v->mc_all = false;
	v->promisc_uc = false;
	v->promisc_mc = false;
	v->max_frame = 0;
	pf_mta_set(&pf->vfio.filt, (uint8_t)vf, NULL, 0);
	pf_uta_set(&pf->vfio.filt, (uint8_t)vf, false);
}

void
pf_policy_vf_defaults(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];

	memset(v, 0, sizeof(*v));
	/* As Linux: spoof checking on, no trust, link follows the port. */
	v->spoofchk = SRNIC_PF_SPOOFCHK_ALL;
	v->rxmode_allowed = SRNIC_PF_RXMODE_DEFAULT;
	v->link_state = SRNIC_PF_LINK_AUTO;
}

void
pf_policy_vf_disable(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];

	pool_enable(pf, vf, false);
	clear_requests(pf, vf);
	pf_vlvf_release(&pf->vfio.filt, (uint8_t)vf);
	pf_rar_release(&pf->vfio.filt, (uint8_t)vf);
	v->port_vlan = 0;
	v->cts = false;
	apply_vmvir(pf, vf);
	pf_wr(pf, IGB_VMOLR(vf), IGB_VMOLR_STRCRC);
}

static void
hw_counters_base(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];

	v->hw_last[0] = pf_rd(pf, IGB_PVFGPRC(vf));
	v->hw_last[1] = pf_rd(pf, IGB_PVFGPTC(vf));
	v->hw_last[2] = pf_rd(pf, IGB_PVFGORC(vf));
	v->hw_last[3] = pf_rd(pf, IGB_PVFGOTC(vf));
}

int
pf_policy_vfs_changed(struct srnic_pf *pf, uint16_t old)
{
	uint16_t vf;
	int ret = 0;

	for (vf = pf->nb_vfs; vf < old && vf < SRNIC_PF_MAX_VFS; vf++) {
		pf_policy_vf_disable(pf, vf);
		pf_policy_vf_defaults(pf, vf);
	}
	pf_vlan_budget_set(pf);
	/* More VFs, smaller shares: filters the VFs that stay had past theirs
	 * may not fit the spare any more. Those VFs were re-created by sysfs
	 * and ask again after their reset. */
	if (pf_vlan_spare_used(pf) > pf->vfio.vlan_spare) {
		PF_LOG(NOTICE, pf, "VLAN filters of VFs 0..%u dropped: they do not fit the "
			"shares of %u VFs", RTE_MIN(old, pf->nb_vfs) - 1, pf->nb_vfs);
		for (vf = 0; vf < old && vf < pf->nb_vfs; vf++)
			clear_requests(pf, vf);
	}
	for (vf = old; vf < pf->nb_vfs; vf++) {
		struct pf_vf *v = &pf->vf[vf];

		/* A new VF (or one found at open): Linux's defaults. */
		pf_policy_vf_defaults(pf, vf);
		default_mac(pf, vf, &v->mac);
		if (pf_rar_claim(&pf->vfio.filt, (uint8_t)vf, v->mac.addr_bytes) < 0) {
			PF_LOG(ERR, pf, "VF %u: no receive address entry left for its MAC", vf);
			ret = -ENOSPC;
		}
		if (v->port_vlan != 0 &&
		    pf_vlvf_add(&pf->vfio.filt, v->port_vlan, (uint8_t)vf) < 0) {
			PF_LOG(ERR, pf, "VF %u: no VLAN filter entry left for port VLAN %u", vf,
				v->port_vlan);
			ret = -ENOSPC;
		}
		/* Receive and transmit stay off until the VF's reset request. */
		v->cts = false;
		pool_enable(pf, vf, false);
		apply_vmvir(pf, vf);
		apply_vmolr(pf, vf);
		hw_counters_base(pf, vf);
	}
	apply_txswc(pf);
	return ret;
}

int
pf_policy_vf_reset(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];
	int ret;

	clear_requests(pf, vf);
	ret = pf_rar_claim(&pf->vfio.filt, (uint8_t)vf, v->mac.addr_bytes);
	if (ret < 0) {
		pf_vf_refusal(pf, vf, "reset: no receive address entry left for its MAC");
		v->cts = false;
		return ret;
	}
	/* The port VLAN is the administrator's: a reset puts the VF back in it
	 * (sharing the entry when it is there already). */
	if (v->port_vlan != 0) {
		ret = pf_vlvf_add(&pf->vfio.filt, v->port_vlan, (uint8_t)vf);
		if (ret < 0) {
			pf_vf_refusal(pf, vf, "reset: no VLAN filter entry left for its port "
				"VLAN %u (remove VLAN filters of other VFs)", v->port_vlan);
			v->cts = false;
			return ret;
		}
	}
	apply_vmvir(pf, vf);
	apply_vmolr(pf, vf);
	pool_enable(pf, vf, true);
	v->cts = true;
	return 0;
}

void
pf_policy_vf_flr(struct srnic_pf *pf, uint16_t vf)
{
	/* The VF forgot everything: so does the PF, until it resets again. */
	pf->vf[vf].cts = false;
	pool_enable(pf, vf, false);
	clear_requests(pf, vf);
	apply_vmolr(pf, vf);
}

/* Which function other than VF @vf receives @mac, for messages; NULL if none. */
static const char *
mac_owner(struct srnic_pf *pf, uint16_t vf, const uint8_t mac[6], char *buf, size_t len)
{
	uint8_t pools = pf_rar_pools(&pf->vfio.filt, mac) & ~(1u << vf);
	uint8_t p;

	if (pools == 0)
		return NULL;
	if (pools & (1u << PF_POOL))
		return "the PF";
	for (p = 0; !(pools & (1u << p)); p++)
		;
	snprintf(buf, len, "VF %u", p);
	return buf;
}

int
pf_policy_req_mac(struct srnic_pf *pf, uint16_t vf, const uint8_t mac[6])
{
	struct pf_vf *v = &pf->vf[vf];
	const char *owner;
	char who[16], ref[PF_REF_LEN];
	int ret;

	if (memcmp(mac, v->mac.addr_bytes, 6) == 0)
		return 0;
	if (v->mac_admin && !v->trusted) {
		pf_vf_ref(pf, vf, ref, sizeof(ref));
		pf_vf_refusal(pf, vf, "asked for MAC " RTE_ETHER_ADDR_PRT_FMT " but the "
			"administrator set " RTE_ETHER_ADDR_PRT_FMT " and it is not trusted; "
			"NACKed (to allow it: trust %s on)", mac[0], mac[1], mac[2], mac[3],
			mac[4], mac[5], RTE_ETHER_ADDR_BYTES(&v->mac), ref);
		return -EPERM;
	}
	owner = mac_owner(pf, vf, mac, who, sizeof(who));
	if (owner != NULL) {
		pf_vf_refusal(pf, vf, "asked for MAC " RTE_ETHER_ADDR_PRT_FMT ", which %s "
			"has; NACKed", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], owner);
		return -EADDRINUSE;
	}
	ret = pf_rar_claim(&pf->vfio.filt, (uint8_t)vf, mac);
	if (ret < 0) {
		pf_vf_refusal(pf, vf, "no receive address entry left for a new MAC; NACKed");
		return ret;
	}
	memcpy(v->mac.addr_bytes, mac, 6);
	return 0;
}

int
pf_policy_req_multicast(struct srnic_pf *pf, uint16_t vf, const uint16_t *hash, uint8_t n,
	bool all)
{
	struct pf_vf *v = &pf->vf[vf];

	if (!(v->rxmode_allowed & SRNIC_PF_RXMODE_MULTICAST) && (n > 0 || all)) {
		pf_vf_refusal(pf, vf, "multicast is not allowed for it; NACKed (allow it with "
			"srnic_pf_set_vf_rxmode)");
		return -EPERM;
	}
	if (all)
		n = 0;
	if (n > 0)
		memcpy(v->mc_hash, hash, n * sizeof(*hash));
	v->nb_mc = n;
	v->mc_all = all;
	pf_mta_set(&pf->vfio.filt, (uint8_t)vf, v->mc_hash, n);
	apply_vmolr(pf, vf);
	return 0;
}

static int
vlan_find(const struct pf_vf *v, uint16_t vid)
{
	uint16_t i;

	for (i = 0; i < v->nb_vlans; i++)
		if (v->vlans[i] == vid)
			return i;
	return -1;
}

/* Add or remove a VLAN filter of VF @vf; @by_vf applies the VF's quota
 * and logs refusals as a VF's (rate-limited), else as the caller's. */
static int
vlan_change(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool add, bool by_vf)
{
	struct pf_vf *v = &pf->vf[vf];
	int idx = vlan_find(v, vid), ret;

	if (v->port_vlan != 0) {
		if (by_vf)
			pf_vf_refusal(pf, vf, "port VLAN %u is set, so it may not %s VLAN %u; "
				"NACKed", v->port_vlan, add ? "add" : "remove", vid);
		else
			PF_LOG(ERR, pf, "VF %u has port VLAN %u: remove it before giving the VF "
				"VLAN filters", vf, v->port_vlan);
		return -EPERM;
	}
	if (!add) {
		if (idx < 0)
			return 0;	/* as Linux: removing what is not there is fine */
		pf_vlvf_del(&pf->vfio.filt, vid, (uint8_t)vf);
		v->vlans[idx] = v->vlans[--v->nb_vlans];
		return 0;
	}
	if (idx >= 0)
		return 0;
	if (!pf_vlan_may_add(pf, vf, by_vf)) {
		if (by_vf)
			pf_vf_refusal(pf, vf, "already has %u VLAN filters, its share of the %d "
				"entries with %u VFs; VLAN %u NACKed (srnic_pf_opts.vlans_per_vf "
				"sets the share)", v->nb_vlans, IGB_VLVF_ENTRIES, pf->nb_vfs, vid);
		else
			PF_LOG(ERR, pf, "VF %u already has %u VLAN filters, its share of %u, and "
				"the %u spare entries are in use; remove a filter first", vf,
				v->nb_vlans, pf->vfio.vlan_share, pf->vfio.vlan_spare);
		return -ENOSPC;
	}
	/* Cannot fail within the budget; if it does, the budget is wrong. */
	ret = pf_vlvf_add(&pf->vfio.filt, vid, (uint8_t)vf);
	if (ret < 0) {
		PF_LOG(ERR, pf, "VF %u: all %d VLAN filter entries are in use although it is "
			"within its share; VLAN %u refused", vf, IGB_VLVF_ENTRIES, vid);
		return ret;
	}
	v->vlans[v->nb_vlans++] = vid;
	return 0;
}

int
pf_policy_req_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool add)
{
	return vlan_change(pf, vf, vid, add, true);
}

int
pf_policy_req_lpe(struct srnic_pf *pf, uint16_t vf, uint32_t max_frame)
{
	/* The codec keeps it within 64..9728. */
	pf->vf[vf].max_frame = (uint16_t)max_frame;
	apply_vmolr(pf, vf);
	return 0;
}

int
pf_policy_req_promisc(struct srnic_pf *pf, uint16_t vf, bool uc, bool mc)
{
	struct pf_vf *v = &pf->vf[vf];

	if (uc && !(v->rxmode_allowed & SRNIC_PF_RXMODE_PROMISC)) {
		pf_vf_refusal(pf, vf, "unicast promiscuous is not allowed for it; NACKed "
			"(allow it with srnic_pf_set_vf_rxmode)");
		return -EPERM;
	}
	if (mc && !(v->rxmode_allowed & SRNIC_PF_RXMODE_MULTICAST)) {
		pf_vf_refusal(pf, vf, "all-multicast is not allowed for it; NACKed");
		return -EPERM;
	}
	v->promisc_uc = uc;
	v->promisc_mc = mc;
	pf_uta_set(&pf->vfio.filt, (uint8_t)vf, uc);
	apply_vmolr(pf, vf);
	return 0;
}

int
pf_policy_set_mac(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac)
{
	struct pf_vf *v = &pf->vf[vf];
	const char *owner;
	char who[16];
	int ret;

	owner = mac_owner(pf, vf, mac->addr_bytes, who, sizeof(who));
	if (owner != NULL) {
		PF_LOG(ERR, pf, "VF %u: MAC " RTE_ETHER_ADDR_PRT_FMT " is in use by %s; pick "
			"another", vf, RTE_ETHER_ADDR_BYTES(mac), owner);
		return -EADDRINUSE;
	}
	ret = pf_rar_claim(&pf->vfio.filt, (uint8_t)vf, mac->addr_bytes);
	if (ret < 0) {
		PF_LOG(ERR, pf, "VF %u: no receive address entry left", vf);
		return ret;
	}
	v->mac = *mac;
	v->mac_admin = true;
	/* A running VF learns its MAC only in its reset handshake: a NACK
	 * without clear-to-send makes igb VF drivers reset. */
	if (v->cts)
		pf_mbx_ping(pf, vf, true);
	return 0;
}

int
pf_policy_set_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vid, uint8_t qos)
{
	struct pf_vf *v = &pf->vf[vf];
	uint16_t old = v->port_vlan, i;
	int ret;

	/* The old port VLAN goes first: its reserved entry is the one a new
	 * port VLAN may need (pf_vlan_budget.c). */
	if (old != 0 && old != vid)
		pf_vlvf_del(&pf->vfio.filt, old, (uint8_t)vf);
	if (vid != 0 && vid != old) {
		ret = pf_vlvf_add(&pf->vfio.filt, vid, (uint8_t)vf);
		if (ret < 0) {
			PF_LOG(ERR, pf, "VF %u: all %d VLAN filter entries are in use although "
				"one is kept for its port VLAN; port VLAN %u not set", vf,
				IGB_VLVF_ENTRIES, vid);
			if (old != 0)
				pf_vlvf_add(&pf->vfio.filt, old, (uint8_t)vf);
			return ret;
		}
	}
	if (vid != 0) {
		/* The VF's own filters would let other VLANs through. One of them
		 * may be @vid itself, whose entry the join above shared: it stays. */
		for (i = 0; i < v->nb_vlans; i++)
			if (v->vlans[i] != vid)
				pf_vlvf_del(&pf->vfio.filt, v->vlans[i], (uint8_t)vf);
		v->nb_vlans = 0;
	}
	v->port_vlan = vid;
	v->port_qos = vid != 0 ? qos : 0;
	apply_vmvir(pf, vf);
	apply_vmolr(pf, vf);
	return 0;
}

int
pf_policy_vlan_filter(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool on)
{
	return vlan_change(pf, vf, vid, on, false);
}

int
pf_policy_set_rxmode(struct srnic_pf *pf, uint16_t vf, uint32_t allowed)
{
	struct pf_vf *v = &pf->vf[vf];

	v->rxmode_allowed = allowed;
	/* Taking a mode away ends it now, not at the VF's next request. */
	if (!(allowed & SRNIC_PF_RXMODE_MULTICAST)) {
		v->nb_mc = 0;
		v->mc_all = false;
		v->promisc_mc = false;
		pf_mta_set(&pf->vfio.filt, (uint8_t)vf, NULL, 0);
	}
	if (!(allowed & SRNIC_PF_RXMODE_PROMISC)) {
		v->promisc_uc = false;
		pf_uta_set(&pf->vfio.filt, (uint8_t)vf, false);
	}
	apply_vmolr(pf, vf);
	return 0;
}

int
pf_policy_set_spoofchk(struct srnic_pf *pf, uint16_t vf, uint32_t checks)
{
	pf->vf[vf].spoofchk = checks;
	apply_txswc(pf);
	return 0;
}

int
pf_policy_set_trust(struct srnic_pf *pf, uint16_t vf, bool on)
{
	pf->vf[vf].trusted = on;
	return 0;
}

int
pf_policy_set_link_state(struct srnic_pf *pf, uint16_t vf, enum srnic_pf_link_state st)
{
	struct pf_vf *v = &pf->vf[vf];

	if (v->link_state == st)
		return 0;
	v->link_state = st;
	/* Tell a running VF now: the ping carries CTS exactly when the VF may
	 * consider its link up. */
	if (v->cts)
		pf_mbx_ping(pf, vf, false);
	return 0;
}

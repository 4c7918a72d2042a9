/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * After every step: the filter registers hold exactly what the library's
 * tables say, and those hold exactly what the model says each VF was
 * given. Nobody receives another's MAC, every port VLAN is in force, and
 * the mailbox was only touched under its lock.
 */
#include <string.h>

#include "pf_model.h"

static uint32_t
reg(const struct model *m, uint32_t off)
{
	return fake_pf_reg(&m->fake, off);
}

static bool
vf_has_vlan(const struct model_vf *v, uint16_t vid)
{
	return (v->port_vlan != 0 && v->port_vlan == vid) || model_vlan_find(v, vid) >= 0;
}

/* Pools of the VLVF register for @vid (0: none), and VFTA's bit for it. */
static uint8_t
hw_vlan_pools(const struct model *m, uint16_t vid, bool *vfta)
{
	uint32_t v;
	int i;

	*vfta = reg(m, IGB_VFTA(vid >> 5)) & (1u << (vid & 31));
	for (i = 0; i < IGB_VLVF_ENTRIES; i++) {
		v = reg(m, IGB_VLVF(i));
		if ((v & IGB_VLVF_VIEN) && (v & IGB_VLVF_VLANID_MASK) == vid)
			return (uint8_t)((v & IGB_VLVF_POOLSEL_MASK) >> IGB_VLVF_POOLSEL_SHIFT);
	}
	return 0;
}

static void
check_rar(const struct model *m)
{
	const struct pf_filters *f = &m->pf->vfio.filt;
	uint8_t seen = 0, pool;
	uint32_t lo, hi;
	uint16_t i;

	for (i = 0; i < f->nb_rar; i++) {
		const struct pf_rar *e = &f->rar[i];

		lo = (uint32_t)e->mac[0] | (uint32_t)e->mac[1] << 8 |
			(uint32_t)e->mac[2] << 16 | (uint32_t)e->mac[3] << 24;
		hi = (uint32_t)e->mac[4] | (uint32_t)e->mac[5] << 8;
		if (e->pools != 0)
			hi |= ((uint32_t)e->pools << IGB_RAH_POOL_SHIFT) | IGB_RAH_AV;
		MODEL_CHECK(reg(m, IGB_RAL(i)) == lo && reg(m, IGB_RAH(i)) == hi,
			"RAR %u is 0x%08x 0x%08x, the table says 0x%08x 0x%08x", i,
			reg(m, IGB_RAL(i)), reg(m, IGB_RAH(i)), lo, hi);
		if (e->pools == 0)
			continue;
		MODEL_CHECK(__builtin_popcount(e->pools) == 1 && !(seen & e->pools),
			"RAR %u: pools 0x%02x share it, or have another entry (0x%02x)", i,
			e->pools, seen);
		seen |= e->pools;
		pool = (uint8_t)__builtin_ctz(e->pools);
		if (pool == PF_POOL) {
			MODEL_CHECK(i == PF_RAR_PF_ENTRY && memcmp(e->mac, test_pf_perm_mac, 6) == 0,
				"RAR %u: the PF's pool has an address not its own", i);
			continue;
		}
		MODEL_CHECK(pool < m->nb_vfs && memcmp(e->mac, m->vf[pool].mac, 6) == 0 &&
			memcmp(e->mac, m->pf->vf[pool].mac.addr_bytes, 6) == 0,
			"RAR %u: pool %u receives %02x:%02x:%02x:%02x:%02x:%02x, which is not its "
			"MAC", i, pool, e->mac[0], e->mac[1], e->mac[2], e->mac[3], e->mac[4],
			e->mac[5]);
	}
	MODEL_CHECK(seen == ((1u << PF_POOL) | ((1u << m->nb_vfs) - 1)),
		"RAR: pools with an address 0x%02x, want the PF and every VF", seen);
}

static void
check_vlans(const struct model *m)
{
	const struct pf_filters *f = &m->pf->vfio.filt;
	uint32_t vfta[IGB_VFTA_REGS], want;
	uint8_t vf_pools = (uint8_t)((1u << m->nb_vfs) - 1), p;
	uint16_t vf, i, j;
	bool in_vfta;

	memset(vfta, 0, sizeof(vfta));
	for (i = 0; i < IGB_VLVF_ENTRIES; i++) {
		const struct pf_vlvf *e = &f->vlvf[i];

		want = e->pools == 0 ? 0 : IGB_VLVF_VIEN | (e->vid & IGB_VLVF_VLANID_MASK) |
			((uint32_t)e->pools << IGB_VLVF_POOLSEL_SHIFT);
		MODEL_CHECK(reg(m, IGB_VLVF(i)) == want, "VLVF %u is 0x%08x, the table says "
			"0x%08x", i, reg(m, IGB_VLVF(i)), want);
		if (e->pools == 0)
			continue;
		vfta[e->vid >> 5] |= 1u << (e->vid & 31);
		MODEL_CHECK(!(e->pools & ~vf_pools), "VLVF %u: VLAN %u reaches pools 0x%02x, "
			"not all VFs", i, e->vid, e->pools);
		for (j = i + 1; j < IGB_VLVF_ENTRIES; j++)
			MODEL_CHECK(f->vlvf[j].pools == 0 || f->vlvf[j].vid != e->vid,
				"VLVF %u and %u both hold VLAN %u", i, j, e->vid);
		for (p = 0; p < m->nb_vfs; p++)
			MODEL_CHECK(!(e->pools & (1u << p)) || vf_has_vlan(&m->vf[p], e->vid),
				"VLVF %u: VF %u receives VLAN %u, which it was not given", i, p,
				e->vid);
	}
	for (i = 0; i < IGB_VFTA_REGS; i++)
		MODEL_CHECK(reg(m, IGB_VFTA(i)) == vfta[i], "VFTA %u is 0x%08x, VLVF says 0x%08x",
			i, reg(m, IGB_VFTA(i)), vfta[i]);
	for (vf = 0; vf < m->nb_vfs; vf++) {
		const struct model_vf *v = &m->vf[vf];

		for (i = 0; i < v->nb_vlans; i++)
			MODEL_CHECK(hw_vlan_pools(m, v->vlans[i], &in_vfta) & (1u << vf) && in_vfta,
				"VF %u: its VLAN filter %u is not in VLVF/VFTA", vf, v->vlans[i]);
		if (v->port_vlan != 0)
			MODEL_CHECK(hw_vlan_pools(m, v->port_vlan, &in_vfta) & (1u << vf) &&
				in_vfta, "VF %u: port VLAN %u is not in VLVF/VFTA", vf, v->port_vlan);
		want = v->port_vlan == 0 ? 0 : v->port_vlan | IGB_VMVIR_VLANA_DEFAULT |
			((uint32_t)v->port_qos << IGB_VMVIR_PRIO_SHIFT);
		MODEL_CHECK(reg(m, IGB_VMVIR(vf)) == want, "VF %u: VMVIR 0x%08x, port VLAN "
			"wants 0x%08x", vf, reg(m, IGB_VMVIR(vf)), want);
	}
	MODEL_CHECK(pf_vlan_spare_used(m->pf) <= m->pf->vfio.vlan_spare,
		"VLAN filters past their share (%u) exceed the spare (%u)",
		pf_vlan_spare_used(m->pf), m->pf->vfio.vlan_spare);
}

/* MTA is the union of the VFs' hashes, UTA open when one is promiscuous. */
static void
check_hash_tables(const struct model *m)
{
	uint32_t mta[IGB_MTA_REGS], uta = 0;
	uint16_t vf, i;

	memset(mta, 0, sizeof(mta));
	for (vf = 0; vf < m->nb_vfs; vf++) {
		for (i = 0; i < m->vf[vf].nb_mc; i++)
			mta[igb_mta_reg(m->vf[vf].mc[i])] |= 1u << igb_mta_bit(m->vf[vf].mc[i]);
		if (m->vf[vf].promisc_uc)
			uta = UINT32_MAX;
	}
	for (i = 0; i < IGB_MTA_REGS; i++)
		MODEL_CHECK(reg(m, IGB_MTA(i)) == mta[i], "MTA %u is 0x%08x, the VFs' hashes "
			"make 0x%08x", i, reg(m, IGB_MTA(i)), mta[i]);
	for (i = 0; i < IGB_UTA_REGS; i++)
		MODEL_CHECK(reg(m, IGB_UTA(i)) == uta, "UTA %u is 0x%08x, want 0x%08x", i,
			reg(m, IGB_UTA(i)), uta);
}

/* Receive modes as rte_srnic_pf.h describes them. */
static uint32_t
want_vmolr(const struct model_vf *v)
{
	uint32_t w = IGB_VMOLR_STRCRC | IGB_VMOLR_STRVLAN;
	bool mc = v->rxmode_allowed & SRNIC_PF_RXMODE_MULTICAST;

	if (v->rxmode_allowed & SRNIC_PF_RXMODE_BROADCAST)
		w |= IGB_VMOLR_BAM;
	if (v->port_vlan == 0)
		w |= IGB_VMOLR_AUPE;
	if (mc && v->nb_mc > 0)
		w |= IGB_VMOLR_ROMPE;
	if (mc && (v->mc_all || v->promisc_mc))
		w |= IGB_VMOLR_MPME;
	if ((v->rxmode_allowed & SRNIC_PF_RXMODE_PROMISC) && v->promisc_uc)
		w |= IGB_VMOLR_ROPE | IGB_VMOLR_ROMPE | IGB_VMOLR_MPME;
	if (v->max_frame > 0)
		w |= IGB_VMOLR_LPE | v->max_frame;
	return w;
}

static void
check_vf_regs(const struct model *m)
{
	uint32_t vfre = reg(m, IGB_VFRE), vfte = reg(m, IGB_VFTE), flr = reg(m, IGB_VFLRE);
	uint32_t txswc = IGB_TXSWC_LOOPBACK_EN, mbvficr = reg(m, IGB_MBVFICR);
	uint16_t vf;

	for (vf = 0; vf < m->nb_vfs; vf++) {
		const struct model_vf *v = &m->vf[vf];
		bool flr_pending = flr & (1u << vf), on = v->cts && !flr_pending;

		MODEL_CHECK(reg(m, IGB_VMOLR(vf)) == want_vmolr(v), "VF %u: VMOLR 0x%08x, want "
			"0x%08x", vf, reg(m, IGB_VMOLR(vf)), want_vmolr(v));
		/* A pool runs exactly while its VF is past its reset handshake;
		 * an FLR the PF has not served yet may have left it either way. */
		MODEL_CHECK((flr_pending && m->fake.flr_keeps_pools) ||
			(!!(vfre & (1u << vf)) == on && !!(vfte & (1u << vf)) == on),
			"VF %u: VFRE/VFTE 0x%x/0x%x, clear to send %d", vf, vfre, vfte, v->cts);
		MODEL_CHECK(m->pf->vf[vf].cts == v->cts, "VF %u: library says CTS %d, its "
			"answers said %d", vf, m->pf->vf[vf].cts, v->cts);
		/* A control message waits only for a request in the buffer, or
		 * for the VF to read the PF's last message. */
		MODEL_CHECK(m->pf->vf[vf].deferred_ping == 0 || m->fake.vf_lock[vf] ||
			(mbvficr & (IGB_MBVFICR_VFREQ(vf) | IGB_MBVFICR_VFACK(vf))) ||
			v->pf_unread, "VF %u: control message 0x%08x held back with nothing "
			"to wait for", vf, m->pf->vf[vf].deferred_ping);
		if (v->spoofchk & SRNIC_PF_SPOOFCHK_MAC)
			txswc |= IGB_TXSWC_MAC_SPOOF(vf);
		if (v->spoofchk & SRNIC_PF_SPOOFCHK_VLAN)
			txswc |= IGB_TXSWC_VLAN_SPOOF(vf);
	}
	MODEL_CHECK(reg(m, IGB_DTXSWC) == txswc, "DTXSWC 0x%08x, want 0x%08x",
		reg(m, IGB_DTXSWC), txswc);
	for (vf = 0; vf < FAKE_PF_VFS; vf++)
		MODEL_CHECK(m->fake.nb_unlocked[vf] == 0, "VF %u: the PF used the mailbox "
			"without its lock", vf);
}

void
model_check_invariants(struct model *m)
{
	check_rar(m);
	check_vlans(m);
	check_hash_tables(m);
	check_vf_regs(m);
}

/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pf_filters.h"

static const uint8_t zero_mac[6];

/* What RAL and RAH of an entry hold for @e. */
static void
rar_regs(const struct pf_rar *e, uint32_t *lo, uint32_t *hi)
{
	const uint8_t *mac = e->mac;

	*lo = (uint32_t)mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 |
		(uint32_t)mac[3] << 24;
	*hi = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
	if (e->pools != 0)
		*hi |= ((uint32_t)e->pools << IGB_RAH_POOL_SHIFT) | IGB_RAH_AV;
}

void
pf_rar_write(struct pf_filters *f, uint16_t idx, const uint8_t mac[6], uint8_t pools)
{
	uint32_t lo, hi;

	if (pools == 0)
		mac = zero_mac;
	memcpy(f->rar[idx].mac, mac, 6);
	f->rar[idx].pools = pools;
	rar_regs(&f->rar[idx], &lo, &hi);
	/* Clear AV first so the NIC never matches half of a new address. */
	srnic_write32(f->bar, IGB_RAH(idx), 0);
	srnic_write32(f->bar, IGB_RAL(idx), lo);
	srnic_write32(f->bar, IGB_RAH(idx), hi);
}

static uint32_t
vlvf_reg(const struct pf_vlvf *e)
{
	if (e->pools == 0)
		return 0;
	return IGB_VLVF_VIEN | ((uint32_t)e->pools << IGB_VLVF_POOLSEL_SHIFT) |
		(e->vid & IGB_VLVF_VLANID_MASK);
}

static void
vlvf_write(struct pf_filters *f, uint16_t idx)
{
	srnic_write32(f->bar, IGB_VLVF(idx), vlvf_reg(&f->vlvf[idx]));
}

int
pf_filters_check(const struct pf_filters *f, char *why, size_t len)
{
	uint32_t lo, hi, v;
	uint16_t i;

	for (i = 0; i < f->nb_rar; i++) {
		rar_regs(&f->rar[i], &lo, &hi);
		if (srnic_read32(f->bar, IGB_RAL(i)) != lo || srnic_read32(f->bar, IGB_RAH(i)) != hi) {
			snprintf(why, len, "receive address %u is %08x:%08x in the NIC, %08x:%08x "
				"in the state", i, srnic_read32(f->bar, IGB_RAH(i)),
				srnic_read32(f->bar, IGB_RAL(i)), hi, lo);
			return -ESTALE;
		}
	}
	for (i = 0; i < IGB_VLVF_ENTRIES; i++) {
		v = vlvf_reg(&f->vlvf[i]);
		if (srnic_read32(f->bar, IGB_VLVF(i)) != v) {
			snprintf(why, len, "VLAN pool filter %u is %08x in the NIC, %08x in the "
				"state", i, srnic_read32(f->bar, IGB_VLVF(i)), v);
			return -ESTALE;
		}
	}
	for (i = 0; i < IGB_MTA_REGS; i++)
		if (srnic_read32(f->bar, IGB_MTA(i)) != f->mta[i]) {
			snprintf(why, len, "multicast hash word %u differs", i);
			return -ESTALE;
		}
	return 0;
}

/* VFTA has the bit of @vid exactly when some VLVF entry holds @vid: with
 * VLAN filtering on, a tag without its VFTA bit is dropped for every pool. */
static void
vfta_update(struct pf_filters *f, uint16_t vid)
{
	uint32_t reg = vid >> 5, bit = 1u << (vid & 31), v;
	bool used = false;
	uint16_t i;

	for (i = 0; i < IGB_VLVF_ENTRIES; i++)
		if (f->vlvf[i].pools != 0 && f->vlvf[i].vid == vid)
			used = true;
	v = srnic_read32(f->bar, IGB_VFTA(reg));
	v = used ? (v | bit) : (v & ~bit);
	srnic_write32(f->bar, IGB_VFTA(reg), v);
}

void
pf_filters_init(struct pf_filters *f, const struct srnic_bar *bar, uint16_t nb_rar)
{
	uint16_t i;

	memset(f, 0, sizeof(*f));
	f->bar = bar;
	f->nb_rar = nb_rar > PF_RAR_MAX ? PF_RAR_MAX : nb_rar;
	for (i = 0; i < f->nb_rar; i++)
		pf_rar_write(f, i, zero_mac, 0);
	for (i = 0; i < IGB_VLVF_ENTRIES; i++)
		vlvf_write(f, i);
	for (i = 0; i < IGB_VFTA_REGS; i++)
		srnic_write32(bar, IGB_VFTA(i), 0);
	for (i = 0; i < IGB_MTA_REGS; i++)
		srnic_write32(bar, IGB_MTA(i), 0);
	for (i = 0; i < IGB_UTA_REGS; i++)
		srnic_write32(bar, IGB_UTA(i), 0);
}

uint8_t
pf_rar_pools(const struct pf_filters *f, const uint8_t mac[6])
{
	uint8_t pools = 0;
	uint16_t i;

	for (i = 0; i < f->nb_rar; i++)
		if (f->rar[i].pools != 0 && memcmp(f->rar[i].mac, mac, 6) == 0)
			pools |= f->rar[i].pools;
	return pools;
}

static int
rar_find(const struct pf_filters *f, const uint8_t mac[6])
{
	uint16_t i;

	for (i = 0; i < f->nb_rar; i++)
		if (f->rar[i].pools != 0 && memcmp(f->rar[i].mac, mac, 6) == 0)
			return i;
	return -ENOENT;
}

/* Entry @pool uses alone, or -ENOENT. */
static int
rar_of_pool(const struct pf_filters *f, uint8_t pool)
{
	uint16_t i;

	for (i = 0; i < f->nb_rar; i++)
		if (f->rar[i].pools == (1u << pool))
			return i;
	return -ENOENT;
}

int
pf_rar_claim(struct pf_filters *f, uint8_t pool, const uint8_t mac[6])
{
	uint8_t bit = (uint8_t)(1u << pool);
	int idx = rar_find(f, mac), own, i;

	if (idx >= 0 && (f->rar[idx].pools & bit))
		return idx;		/* already there */
	own = rar_of_pool(f, pool);
	if (idx < 0 && own >= 0) {
		/* The pool's own entry changes address; it leaves any other. */
		pf_rar_release(f, pool);
		pf_rar_write(f, (uint16_t)own, mac, bit);
		return own;
	}
	if (idx < 0) {
		for (i = f->nb_rar - 1; i > PF_RAR_PF_ENTRY; i--)
			if (f->rar[i].pools == 0)
				break;
		if (i == PF_RAR_PF_ENTRY)
			return -ENOSPC;
		pf_rar_release(f, pool);
		pf_rar_write(f, (uint16_t)i, mac, bit);
		return i;
	}
	pf_rar_release(f, pool);
	pf_rar_write(f, (uint16_t)idx, mac, f->rar[idx].pools | bit);
	return idx;
}

void
pf_rar_release(struct pf_filters *f, uint8_t pool)
{
	uint8_t bit = (uint8_t)(1u << pool);
	uint16_t i;

	for (i = 0; i < f->nb_rar; i++)
		if (f->rar[i].pools & bit)
			pf_rar_write(f, i, f->rar[i].mac, f->rar[i].pools & ~bit);
}

uint16_t
pf_rar_free_count(const struct pf_filters *f)
{
	uint16_t i, n = 0;

	for (i = PF_RAR_PF_ENTRY + 1; i < f->nb_rar; i++)
		if (f->rar[i].pools == 0)
			n++;
	return n;
}

static int
vlvf_find(const struct pf_filters *f, uint16_t vid)
{
	uint16_t i;

	for (i = 0; i < IGB_VLVF_ENTRIES; i++)
		if (f->vlvf[i].pools != 0 && f->vlvf[i].vid == vid)
			return i;
	return -ENOENT;
}

int
pf_vlvf_add(struct pf_filters *f, uint16_t vid, uint8_t pool)
{
	int idx = vlvf_find(f, vid), i;

	if (idx < 0) {
		for (i = 0; i < IGB_VLVF_ENTRIES; i++)
			if (f->vlvf[i].pools == 0)
				break;
		if (i == IGB_VLVF_ENTRIES)
			return -ENOSPC;
		idx = i;
		f->vlvf[idx].vid = vid;
	}
	f->vlvf[idx].pools |= (uint8_t)(1u << pool);
	vlvf_write(f, (uint16_t)idx);
	vfta_update(f, vid);
	return 0;
}

int
pf_vlvf_del(struct pf_filters *f, uint16_t vid, uint8_t pool)
{
	uint8_t bit = (uint8_t)(1u << pool);
	int idx = vlvf_find(f, vid);

	if (idx < 0 || !(f->vlvf[idx].pools & bit))
		return -ENOENT;
	f->vlvf[idx].pools &= ~bit;
	vlvf_write(f, (uint16_t)idx);
	vfta_update(f, vid);
	return 0;
}

void
pf_vlvf_release(struct pf_filters *f, uint8_t pool)
{
	uint16_t i;

	for (i = 0; i < IGB_VLVF_ENTRIES; i++)
		if (f->vlvf[i].pools & (1u << pool))
			pf_vlvf_del(f, f->vlvf[i].vid, pool);
}

bool
pf_vlvf_has(const struct pf_filters *f, uint16_t vid, uint8_t pool)
{
	int idx = vlvf_find(f, vid);

	return idx >= 0 && (f->vlvf[idx].pools & (1u << pool));
}

uint16_t
pf_vlvf_free_count(const struct pf_filters *f)
{
	uint16_t i, n = 0;

	for (i = 0; i < IGB_VLVF_ENTRIES; i++)
		if (f->vlvf[i].pools == 0)
			n++;
	return n;
}

void
pf_mta_set(struct pf_filters *f, uint8_t pool, const uint16_t *hash, uint8_t n)
{
	uint32_t mta[IGB_MTA_REGS];
	uint16_t i;
	uint8_t p, k;

	if (n > IGB_MC_MAX_HASHES)
		n = IGB_MC_MAX_HASHES;
	if (n > 0)
		memcpy(f->mc[pool], hash, n * sizeof(*hash));
	f->nb_mc[pool] = n;
	/* The table is the union of every pool's hashes. */
	memset(mta, 0, sizeof(mta));
	for (p = 0; p < IGB_MAX_POOLS; p++)
		for (k = 0; k < f->nb_mc[p]; k++)
			mta[igb_mta_reg(f->mc[p][k])] |= 1u << igb_mta_bit(f->mc[p][k]);
	for (i = 0; i < IGB_MTA_REGS; i++) {
		if (mta[i] == f->mta[i])
			continue;
		f->mta[i] = mta[i];
		srnic_write32(f->bar, IGB_MTA(i), mta[i]);
	}
}

void
pf_uta_set(struct pf_filters *f, uint8_t pool, bool all)
{
	uint8_t before = f->uta_pools;
	uint16_t i;

	if (all)
		f->uta_pools |= (uint8_t)(1u << pool);
	else
		f->uta_pools &= ~(1u << pool);
	if ((before != 0) == (f->uta_pools != 0))
		return;
	for (i = 0; i < IGB_UTA_REGS; i++)
		srnic_write32(f->bar, IGB_UTA(i), f->uta_pools ? UINT32_MAX : 0);
}

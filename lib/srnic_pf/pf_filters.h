/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The NIC's shared filter tables as the vfio backend manages them: receive
 * address registers (RAR, exact MAC -> pools), the VLAN pool filter
 * (VLVF, VLAN ID -> pools) with the VLAN bitmap (VFTA), the multicast hash
 * table (MTA) and the unicast hash table (UTA). Every table is shared by
 * all pools, so a software copy says who owns what; the registers are only
 * written, and read back only to check a state handed over (pf_filters_check).
 * What a VF may ask for is pf_policy's question
 * (and how many VLVF entries, pf_vlan_budget's); this file only allocates
 * and refuses when full.
 */
#ifndef PF_FILTERS_H
#define PF_FILTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "igb_regs.h"
#include "igb_mbx.h"

#define PF_RAR_MAX		IGB_RAR_ENTRIES_I350
/* RAR 0 holds the PF's own address. */
#define PF_RAR_PF_ENTRY		0

struct pf_rar {
	uint8_t mac[6];
	uint8_t pools;		/* one bit a pool; 0: entry free */
};

struct pf_vlvf {
	uint16_t vid;
	uint8_t pools;		/* 0: entry free */
};

struct pf_filters {
	const struct srnic_bar *bar;
	uint16_t nb_rar;
	struct pf_rar rar[PF_RAR_MAX];
	struct pf_vlvf vlvf[IGB_VLVF_ENTRIES];
	uint16_t mc[IGB_MAX_POOLS][IGB_MC_MAX_HASHES];
	uint8_t nb_mc[IGB_MAX_POOLS];
	uint32_t mta[IGB_MTA_REGS];
	uint8_t uta_pools;	/* pools that want every unicast hash */
};

/* Forget everything and clear every table in the NIC. */
void pf_filters_init(struct pf_filters *f, const struct srnic_bar *bar, uint16_t nb_rar);

/* RAR entry @idx := @mac for @pools (0 clears it). */
void pf_rar_write(struct pf_filters *f, uint16_t idx, const uint8_t mac[6], uint8_t pools);

/* Pools that receive @mac through a RAR entry (0: none). */
uint8_t pf_rar_pools(const struct pf_filters *f, const uint8_t mac[6]);

/*
 * Make @mac the one address of @pool: leave any entry the pool had, join an
 * entry that holds @mac, or take a free one (from the top, as RAR 0 is the
 * PF's). Returns the entry, or -ENOSPC with nothing changed.
 */
int pf_rar_claim(struct pf_filters *f, uint8_t pool, const uint8_t mac[6]);

/* @pool leaves every RAR entry; entries left with no pool are freed. */
void pf_rar_release(struct pf_filters *f, uint8_t pool);

/* Free RAR entries. */
uint16_t pf_rar_free_count(const struct pf_filters *f);

/* VLAN @vid reaches @pool: share the entry or take a free one. -ENOSPC. */
int pf_vlvf_add(struct pf_filters *f, uint16_t vid, uint8_t pool);

/* VLAN @vid no longer reaches @pool; 0, or -ENOENT when it did not. */
int pf_vlvf_del(struct pf_filters *f, uint16_t vid, uint8_t pool);

/* @pool leaves every VLVF entry. */
void pf_vlvf_release(struct pf_filters *f, uint8_t pool);

/* True when VLAN @vid reaches @pool. */
bool pf_vlvf_has(const struct pf_filters *f, uint16_t vid, uint8_t pool);

/* Free VLVF entries. */
uint16_t pf_vlvf_free_count(const struct pf_filters *f);

/* Replace the multicast hashes of @pool and rewrite the MTA words that changed. */
void pf_mta_set(struct pf_filters *f, uint8_t pool, const uint16_t *hash, uint8_t n);

/* @pool wants (or no longer wants) every unicast hash; UTA follows. */
void pf_uta_set(struct pf_filters *f, uint8_t pool, bool all);

/* Do the NIC's RAR, VLVF and MTA registers hold what @f says? 0, or
 * -ESTALE with the first difference in @why. */
int pf_filters_check(const struct pf_filters *f, char *why, size_t len);

#endif /* PF_FILTERS_H */

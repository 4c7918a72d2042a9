/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * How the NIC's 32 VLAN pool filter entries (VLVF) are shared out among
 * the VFs (vfio backend), so that no VF, and no number of VFs, can leave
 * the administrator without an entry. With N VFs the table is cut in
 * three parts:
 *
 *   reserve  N entries, one for each VF's port VLAN;
 *   shares   S entries for each VF, for the VLAN filters it asks for;
 *   spare    L = 32 - N - N * S, for the administrator's VLAN filters
 *            on a VF whose share is full.
 *
 * A VF with n VLAN filters is charged min(n, S) to its share and the rest
 * to the spare (only the administrator can take it past S); a port VLAN is
 * charged to the reserve, and a VF never has both (a port VLAN drops the
 * filters). Two pools in one VLAN use one entry, so the entries in use are
 * at most the (pool, VLAN) pairs there are:
 *
 *   used <= ports + sum min(n_v, S) + sum max(n_v - S, 0) <= N + N*S + L = 32
 *
 * Every grant below is made with one charge of its part still free, so
 * used <= 31 at that moment and the entry it needs exists: a VF's request
 * within its share, a port VLAN on a VF without one, an administrator's
 * filter within the VF's share or the spare. Counting pairs rather than
 * entries gives away what sharing saves, and buys a guarantee that holds
 * whoever shares with whom: other VFs can never eat into a VF's share,
 * also not while it resets and holds nothing.
 */
#include <rte_common.h>

#include "pf_priv.h"

static bool
fits(uint32_t nb_vfs, uint32_t share)
{
	return nb_vfs * (share + 1) <= IGB_VLVF_ENTRIES;
}

/* What a VF may ask for when the application did not say: the old fixed
 * share where it fits, else what the VF count leaves. */
static uint16_t
default_share(uint16_t nb_vfs)
{
	uint16_t share;

	if (nb_vfs == 0)
		return PF_DEFAULT_VLANS_PER_VF;
	share = (uint16_t)((IGB_VLVF_ENTRIES - nb_vfs) / nb_vfs);
	return RTE_MIN(share, (uint16_t)PF_DEFAULT_VLANS_PER_VF);
}

int
pf_vlan_budget_check(const struct srnic_pf *pf, uint16_t nb_vfs)
{
	uint32_t want = pf->opts.vlans_per_vf;

	if (want == 0 || fits(nb_vfs, want))
		return 0;
	PF_LOG(ERR, pf, "vlans_per_vf = %u does not fit %u VFs: %u x (%u VLAN filters + 1 "
		"port VLAN) = %u of the %d VLAN filter entries; use at most %u, or 0 for "
		"the default (%u)", want, nb_vfs, nb_vfs, want, nb_vfs * (want + 1),
		IGB_VLVF_ENTRIES, IGB_VLVF_ENTRIES / nb_vfs - 1, default_share(nb_vfs));
	return -EINVAL;
}

uint16_t
pf_vlan_spare_used(const struct srnic_pf *pf)
{
	uint16_t vf, n = 0;

	for (vf = 0; vf < pf->nb_vfs; vf++)
		if (pf->vf[vf].nb_vlans > pf->vfio.vlan_share)
			n += pf->vf[vf].nb_vlans - pf->vfio.vlan_share;
	return n;
}

void
pf_vlan_budget_set(struct srnic_pf *pf)
{
	uint16_t n = pf->nb_vfs, share = pf->opts.vlans_per_vf;

	/* The callers checked the count; a count sysfs chose alone may still
	 * not fit, and then the default holds rather than an overcommit. */
	if (share == 0 || !fits(n, share))
		share = default_share(n);
	pf->vfio.vlan_share = share;
	pf->vfio.vlan_spare = (uint16_t)(IGB_VLVF_ENTRIES - n - n * share);
	PF_LOG(INFO, pf, "VLAN filter entries: %u for port VLANs, %u for each of %u VFs, %u "
		"spare", n, share, n, pf->vfio.vlan_spare);
}

bool
pf_vlan_may_add(const struct srnic_pf *pf, uint16_t vf, bool by_vf)
{
	uint16_t n = pf->vf[vf].nb_vlans;

	if (n < pf->vfio.vlan_share)
		return true;
	return !by_vf && n < SRNIC_PF_VF_MAX_VLANS &&
		pf_vlan_spare_used(pf) < pf->vfio.vlan_spare;
}

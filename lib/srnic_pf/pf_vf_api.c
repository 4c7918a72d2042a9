/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The public API for VFs: lifecycle through sysfs, what srnic_pf_vf_info
 * reports, and the administrator's settings, each checked here and handed
 * to the backend (which may not offer it: -ENOTSUP, naming the backend).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "pf_priv.h"

int
pf_not_supported(struct srnic_pf *pf, const char *what)
{
	PF_LOG(ERR, pf, "%s is not available with the %s backend%s", what, pf->ops->name,
		pf->backend == SRNIC_PF_BACKEND_KERNEL ? " (Linux igb drives this PF and has "
		"no such knob; for srnic's userspace PF bind the PF to vfio-pci)" : "");
	return -ENOTSUP;
}

static int
vf_exists(struct srnic_pf *pf, uint16_t vf)
{
	if (vf < pf->nb_vfs)
		return 0;
	PF_LOG(ERR, pf, "VF %u does not exist: the PF has %u VFs (srnic_pf_vfs_create() or "
		"echo N > /sys/bus/pci/devices/%s/sriov_numvfs)", vf, pf->nb_vfs, pf->name);
	return -ENODEV;
}

static int
vfs_create_locked(struct srnic_pf *pf, uint16_t n)
{
	uint16_t old = pf->nb_vfs;
	int ret;

	if (n == 0 || n > pf->max_vfs) {
		PF_LOG(ERR, pf, "cannot create %u VFs: the %s backend allows 1..%u", n,
			pf->ops->name, pf->max_vfs);
		return -EINVAL;
	}
	if (n == pf->nb_vfs)
		return 0;
	if (pf->ops->vfs_check != NULL) {
		ret = pf->ops->vfs_check(pf, n);
		if (ret < 0)
			return ret;
	}
	ret = pf_sysfs_vfs_set(pf, n);
	if (ret < 0) {
		/* Whatever sysfs did, follow what it now says. */
		uint16_t nb = 0, total;

		if (pf_sysfs_vf_count(pf, &nb, &total) == 0 && nb != old) {
			pf->nb_vfs = nb;
			if (pf->ops->vfs_changed != NULL)
				pf->ops->vfs_changed(pf, old);
		}
		return ret;
	}
	pf->nb_vfs = n;
	if (pf->ops->vfs_changed != NULL)
		ret = pf->ops->vfs_changed(pf, old);
	PF_LOG(INFO, pf, "%u VFs created", n);
	return ret;
}

int
srnic_pf_vfs_create(struct srnic_pf *pf, uint16_t nb_vfs)
{
	PF_LOCKED(pf, vfs_create_locked(pf, nb_vfs));
}

static int
vfs_remove_locked(struct srnic_pf *pf)
{
	uint16_t old = pf->nb_vfs;
	int ret;

	if (pf->nb_vfs == 0)
		return 0;
	ret = pf_sysfs_vfs_set(pf, 0);
	if (ret < 0)
		return ret;
	pf->nb_vfs = 0;
	if (pf->ops->vfs_changed != NULL)
		pf->ops->vfs_changed(pf, old);
	return 0;
}

int
srnic_pf_vfs_remove(struct srnic_pf *pf)
{
	PF_LOCKED(pf, vfs_remove_locked(pf));
}

int
srnic_pf_vf_count(struct srnic_pf *pf)
{
	PF_LOCKED(pf, pf->nb_vfs);
}

static int
bind_locked(struct srnic_pf *pf, uint16_t vf, const char *driver)
{
	int ret = vf_exists(pf, vf);

	return ret < 0 ? ret : pf_sysfs_vf_bind(pf, vf, driver);
}

int
srnic_pf_vf_bind(struct srnic_pf *pf, uint16_t vf, const char *driver)
{
	PF_LOCKED(pf, bind_locked(pf, vf, driver));
}

int
pf_vf_info_locked(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info)
{
	struct srnic_pci_info pci;
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	memset(info, 0, sizeof(*info));
	info->vf = vf;
	info->iommu_group = -1;
	if (pf_sysfs_vf_addr(pf, vf, info->pci_addr, sizeof(info->pci_addr)) == 0 &&
	    srnic_pci_info_read(info->pci_addr, &pci) == 0) {
		snprintf(info->driver, sizeof(info->driver), "%s", pci.driver);
		snprintf(info->netdev, sizeof(info->netdev), "%s", pci.netdev);
		info->iommu_group = pci.iommu_group;
	}
	return pf->ops->vf_info(pf, vf, info);
}

int
srnic_pf_vf_info_get(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info)
{
	if (info == NULL)
		return pf_null_arg(__func__, "info");
	PF_LOCKED(pf, pf_vf_info_locked(pf, vf, info));
}

static int
vf_list_locked(struct srnic_pf *pf, struct srnic_pf_vf_info *info, uint16_t max)
{
	uint16_t vf;
	int ret;

	for (vf = 0; vf < pf->nb_vfs && vf < max; vf++) {
		ret = pf_vf_info_locked(pf, vf, &info[vf]);
		if (ret < 0)
			return ret;
	}
	return pf->nb_vfs;
}

int
srnic_pf_vf_list(struct srnic_pf *pf, struct srnic_pf_vf_info *info, uint16_t max)
{
	if (info == NULL && max > 0)
		return pf_null_arg(__func__, "info");
	PF_LOCKED(pf, vf_list_locked(pf, info, max));
}

static int
set_mac_locked(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac)
{
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if (mac == NULL)
		return pf_null_arg("srnic_pf_set_vf_mac", "mac");
	if (!rte_is_valid_assigned_ether_addr(mac)) {
		char text[RTE_ETHER_ADDR_FMT_SIZE];

		rte_ether_format_addr(text, sizeof(text), mac);
		PF_LOG(ERR, pf, "VF %u: MAC %s is %s; give a unicast address, as "
			"02:00:00:00:00:01", vf, text, rte_is_zero_ether_addr(mac) ? "all-zero" :
			"multicast");
		return -EINVAL;
	}
	return pf->ops->set_mac(pf, vf, mac);
}

int
srnic_pf_set_vf_mac(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac)
{
	PF_LOCKED(pf, set_mac_locked(pf, vf, mac));
}

static int
set_vlan_locked(struct srnic_pf *pf, uint16_t vf, uint16_t vid, uint8_t qos)
{
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if (vid > 4094 || qos > 7) {
		PF_LOG(ERR, pf, "VF %u: port VLAN %u priority %u out of range (VLAN 0..4094, "
			"priority 0..7)", vf, vid, qos);
		return -EINVAL;
	}
	return pf->ops->set_vlan(pf, vf, vid, qos);
}

int
srnic_pf_set_vf_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vlan_id, uint8_t qos)
{
	PF_LOCKED(pf, set_vlan_locked(pf, vf, vlan_id, qos));
}

static int
vlan_filter_locked(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool on)
{
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if (pf->ops->vlan_filter == NULL)
		return pf_not_supported(pf, "a VLAN filter set for a VF by the PF");
	if (vid > IGB_VLAN_ID_MAX) {
		PF_LOG(ERR, pf, "VF %u: VLAN %u out of range 0..%d", vf, vid, IGB_VLAN_ID_MAX);
		return -EINVAL;
	}
	return pf->ops->vlan_filter(pf, vf, vid, on);
}

int
srnic_pf_vf_vlan_filter(struct srnic_pf *pf, uint16_t vf, uint16_t vlan_id, bool on)
{
	PF_LOCKED(pf, vlan_filter_locked(pf, vf, vlan_id, on));
}

static int
rxmode_locked(struct srnic_pf *pf, uint16_t vf, uint32_t allowed)
{
	const uint32_t known = SRNIC_PF_RXMODE_BROADCAST | SRNIC_PF_RXMODE_MULTICAST |
		SRNIC_PF_RXMODE_PROMISC;
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if (pf->ops->set_rxmode == NULL)
		return pf_not_supported(pf, "choosing a VF's receive modes");
	if (allowed & ~known) {
		PF_LOG(ERR, pf, "VF %u: unknown receive mode bits 0x%x", vf, allowed & ~known);
		return -EINVAL;
	}
	return pf->ops->set_rxmode(pf, vf, allowed);
}

int
srnic_pf_set_vf_rxmode(struct srnic_pf *pf, uint16_t vf, uint32_t allowed)
{
	PF_LOCKED(pf, rxmode_locked(pf, vf, allowed));
}

static int
spoofchk_locked(struct srnic_pf *pf, uint16_t vf, uint32_t checks)
{
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if (checks & ~SRNIC_PF_SPOOFCHK_ALL) {
		PF_LOG(ERR, pf, "VF %u: unknown anti-spoof bits 0x%x", vf,
			checks & ~SRNIC_PF_SPOOFCHK_ALL);
		return -EINVAL;
	}
	return pf->ops->set_spoofchk(pf, vf, checks);
}

int
srnic_pf_set_vf_spoofchk(struct srnic_pf *pf, uint16_t vf, uint32_t checks)
{
	PF_LOCKED(pf, spoofchk_locked(pf, vf, checks));
}

static int
trust_locked(struct srnic_pf *pf, uint16_t vf, bool on)
{
	int ret = vf_exists(pf, vf);

	return ret < 0 ? ret : pf->ops->set_trust(pf, vf, on);
}

int
srnic_pf_set_vf_trust(struct srnic_pf *pf, uint16_t vf, bool trusted)
{
	PF_LOCKED(pf, trust_locked(pf, vf, trusted));
}

static int
link_locked(struct srnic_pf *pf, uint16_t vf, enum srnic_pf_link_state st)
{
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if ((unsigned int)st > SRNIC_PF_LINK_DOWN) {
		PF_LOG(ERR, pf, "VF %u: unknown link state %d (auto, up or down)", vf, (int)st);
		return -EINVAL;
	}
	return pf->ops->set_link_state(pf, vf, st);
}

int
srnic_pf_set_vf_link_state(struct srnic_pf *pf, uint16_t vf, enum srnic_pf_link_state state)
{
	PF_LOCKED(pf, link_locked(pf, vf, state));
}

static int
stats_locked(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_stats *stats)
{
	int ret = vf_exists(pf, vf);

	if (ret < 0)
		return ret;
	if (pf->ops->vf_stats == NULL)
		return pf_not_supported(pf, "per-VF mailbox counters");
	return pf->ops->vf_stats(pf, vf, stats);
}

int
srnic_pf_vf_stats_get(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_stats *stats)
{
	if (stats == NULL)
		return pf_null_arg(__func__, "stats");
	PF_LOCKED(pf, stats_locked(pf, vf, stats));
}

static int
stats_reset_locked(struct srnic_pf *pf, uint16_t vf)
{
	struct srnic_pf_vf_stats dummy;
	int ret = stats_locked(pf, vf, &dummy);

	if (ret == 0)
		memset(&pf->vf[vf].stats, 0, sizeof(pf->vf[vf].stats));
	return ret;
}

int
srnic_pf_vf_stats_reset(struct srnic_pf *pf, uint16_t vf)
{
	PF_LOCKED(pf, stats_reset_locked(pf, vf));
}

static int
token_locked(struct srnic_pf *pf, char *buf, size_t len)
{
	if (buf == NULL)
		return pf_null_arg("srnic_pf_vf_token_get", "buf");
	if (pf->ops->vf_token == NULL)
		return pf_not_supported(pf, "a VF token");
	if (len < SRNIC_PF_TOKEN_LEN) {
		PF_LOG(ERR, pf, "a buffer of %zu bytes cannot hold the VF token: give "
			"SRNIC_PF_TOKEN_LEN (%d)", len, SRNIC_PF_TOKEN_LEN);
		return -ENOSPC;
	}
	return pf->ops->vf_token(pf, buf, len);
}

int
srnic_pf_vf_token_get(struct srnic_pf *pf, char *buf, size_t len)
{
	PF_LOCKED(pf, token_locked(pf, buf, len));
}


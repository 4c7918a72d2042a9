/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Handing a PF over to another process: what srnic keeps about the PF and
 * its VFs, as one versioned block of bytes, and the vfio descriptors that
 * keep the PF open (so vfio never resets it). The new process checks the
 * block against the NIC before it serves anything, and the old one lets go
 * without writing a register.
 *
 * The block is this library's own structures, copied: a new process reads
 * it only when it was made by the same snapshot version and size. Change
 * PF_SNAPSHOT_VERSION whenever struct pf_snapshot or what it holds (struct
 * pf_vf, struct pf_filters, struct srnic_pf_opts) changes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_pci.h>

#include "pf_priv.h"

#ifndef PF_SNAPSHOT_VERSION
#define PF_SNAPSHOT_VERSION	1
#endif
#define PF_SNAPSHOT_MAGIC	UINT64_C(0x31504643494e5253)	/* "SRNICFP1" */

struct pf_snapshot {
	uint64_t magic;
	uint32_t version;		/* PF_SNAPSHOT_VERSION */
	uint32_t size;			/* sizeof(struct pf_snapshot) */
	char name[SRNIC_PF_NAME_LEN];
	uint16_t device_id;
	uint16_t max_vfs;
	uint16_t nb_vfs;
	bool link_up;
	struct srnic_pf_opts opts;
	rte_uuid_t token;
	uint16_t vlan_share;
	uint16_t vlan_spare;
	struct pf_filters filt;		/* its bar pointer means nothing here */
	struct pf_vf vf[SRNIC_PF_MAX_VFS];
};

static int
export_locked(struct srnic_pf *pf, struct srnic_pf_handover *h)
{
	const struct srnic_vfio_dev *dev = &pf->vfio.dev;
	struct pf_snapshot *snap;

	if (pf->backend != SRNIC_PF_BACKEND_VFIO)
		return pf_not_supported(pf, "handover (Linux keeps a kernel PF's VFs up across "
			"a restart of the manager: stop it and start the new one)");
	snap = calloc(1, sizeof(*snap));
	if (snap == NULL)
		return -ENOMEM;
	snap->magic = PF_SNAPSHOT_MAGIC;
	snap->version = PF_SNAPSHOT_VERSION;
	snap->size = sizeof(*snap);
	snprintf(snap->name, sizeof(snap->name), "%s", pf->name);
	snap->device_id = pf->pci.device;
	snap->max_vfs = pf->max_vfs;
	snap->nb_vfs = pf->nb_vfs;
	snap->link_up = pf->vfio.link_up;
	snap->opts = pf->opts;
	rte_uuid_copy(snap->token, pf->vfio.token);
	snap->vlan_share = pf->vfio.vlan_share;
	snap->vlan_spare = pf->vfio.vlan_spare;
	snap->filt = pf->vfio.filt;
	snap->filt.bar = NULL;
	memcpy(snap->vf, pf->vf, sizeof(snap->vf));
	h->fd[0] = dev->container_fd;
	h->fd[1] = dev->group_fd;
	h->fd[2] = dev->fd;
	h->fd[3] = pf->vfio.irq_fd;
	h->state = snap;
	h->state_len = sizeof(*snap);
	h->stopped_ms = pf_clock_ms();
	PF_LOG(NOTICE, pf, "exported for a handover: %u VFs, mailbox not served from now",
		pf->nb_vfs);
	return 0;
}

int
srnic_pf_handover_export(struct srnic_pf *pf, struct srnic_pf_handover *h)
{
	if (h == NULL)
		return pf_null_arg(__func__, "h");
	PF_LOCKED(pf, export_locked(pf, h));
}

/* The snapshot in @h, if it is one this library reads, of PF @name. */
static int
snapshot_check(const char *name, const struct srnic_pf_handover *h,
	const struct pf_snapshot **out)
{
	const struct pf_snapshot *snap = h->state;

	if (snap == NULL || h->state_len < offsetof(struct pf_snapshot, name) ||
	    snap->magic != PF_SNAPSHOT_MAGIC) {
		PF_PLAIN_LOG(ERR, "PF %s: what was handed over is no PF snapshot", name);
		return -EPROTO;
	}
	if (snap->version != PF_SNAPSHOT_VERSION || snap->size != sizeof(*snap) ||
	    h->state_len != sizeof(*snap)) {
		PF_PLAIN_LOG(ERR, "PF %s: the snapshot handed over is version %u (%u bytes, %zu "
			"received); this srnic reads version %u (%zu bytes): the running manager "
			"stays; upgrade between these two by a restart (VFs reset)", name,
			snap->version, snap->size, h->state_len, PF_SNAPSHOT_VERSION,
			sizeof(*snap));
		return -EPROTO;
	}
	if (strncmp(snap->name, name, sizeof(snap->name)) != 0) {
		PF_PLAIN_LOG(ERR, "PF %s: the snapshot handed over is of PF %.*s", name,
			(int)sizeof(snap->name), snap->name);
		return -EINVAL;
	}
	*out = snap;
	return 0;
}

/* Does the NIC still say what @snap says? The PF was not served since the
 * export, so only a third party could have changed it. */
static int
nic_check(struct srnic_pf *pf, const struct pf_snapshot *snap)
{
	uint16_t nb, total;
	char why[160];
	int ret;

	if (pf->pci.device != snap->device_id) {
		PF_LOG(ERR, pf, "is device %04x, the snapshot's is %04x", pf->pci.device,
			snap->device_id);
		return -ESTALE;
	}
	ret = pf_sysfs_vf_count(pf, &nb, &total);
	if (ret == 0 && nb != snap->nb_vfs) {
		PF_LOG(ERR, pf, "has %u VFs in sysfs, the snapshot %u", nb, snap->nb_vfs);
		return -ESTALE;
	}
	ret = pf_filters_check(&pf->vfio.filt, why, sizeof(why));
	if (ret < 0)
		PF_LOG(ERR, pf, "the NIC differs from the snapshot handed over: %s", why);
	return ret;
}

static void
restore(struct srnic_pf *pf, const struct pf_snapshot *snap)
{
	pf->max_vfs = snap->max_vfs;
	pf->nb_vfs = snap->nb_vfs;
	memcpy(pf->vf, snap->vf, sizeof(pf->vf));
	pf->vfio.filt = snap->filt;
	pf->vfio.filt.bar = pf->vfio.bar;
	rte_uuid_copy(pf->vfio.token, snap->token);
	pf->vfio.link_up = snap->link_up;
	pf->vfio.vlan_share = snap->vlan_share;
	pf->vfio.vlan_spare = snap->vlan_spare;
	pf->vfio.last_link_check_ms = pf->now_ms();
}

/* The device fds go back to the caller: only the mapping is undone. */
static void
unadopt(struct srnic_pf *pf)
{
	pf->vfio.dev.container_fd = -1;
	pf->vfio.dev.group_fd = -1;
	pf->vfio.dev.fd = -1;
	srnic_vfio_forget(&pf->vfio.dev);
	pf_free(pf);
}

int
srnic_pf_handover_import(const char *pci_addr, const struct srnic_pf_handover *h,
	struct srnic_pf **out)
{
	const struct pf_snapshot *snap;
	char name[SRNIC_PF_NAME_LEN];
	struct srnic_pci_info info;
	struct rte_pci_addr addr;
	struct srnic_pf *pf;
	int ret;

	if (out == NULL || h == NULL)
		return pf_null_arg(__func__, out == NULL ? "pf" : "h");
	*out = NULL;
	if (pci_addr == NULL || rte_pci_addr_parse(pci_addr, &addr) < 0) {
		PF_PLAIN_LOG(ERR, "'%s' is not a PCI address (want 0000:01:00.0 or 01:00.0)",
			pci_addr != NULL ? pci_addr : "(null)");
		return pf_fail(-EINVAL);
	}
	rte_pci_device_name(&addr, name, sizeof(name));
	/* The snapshot first: a refusal needs nothing of the device. */
	ret = snapshot_check(name, h, &snap);
	if (ret < 0)
		return pf_fail(ret);
	if (srnic_pci_info_read(name, &info) < 0) {
		PF_PLAIN_LOG(ERR, "PF %s: no such PCI device to take over", name);
		return pf_fail(-ENODEV);
	}
	pf = pf_alloc(info.addr, &snap->opts);
	if (pf == NULL)
		return pf_fail(-ENOMEM);
	pf->pci = info;
	ret = srnic_vfio_adopt(&pf->vfio.dev, info.addr, "PF", h->fd);
	if (ret < 0) {
		unadopt(pf);
		return pf_fail(ret);
	}
	pf_vfio_bind(pf, &pf->vfio.dev.bar0, pf->pci.device);
	restore(pf, snap);
	ret = nic_check(pf, snap);
	if (ret == 0)
		ret = pf_registry_add(pf, NULL);
	if (ret < 0) {
		unadopt(pf);
		return pf_fail(ret);
	}
	pf->vfio.irq_fd = h->fd[3];
	PF_LOG(NOTICE, pf, "taken over: %u VFs, %s", pf->nb_vfs, pf->vfio.irq_fd >= 0 ?
		"the same mailbox interrupt" : "polling with back-off");
	*out = pf;
	return 0;
}

int
srnic_pf_handover_release(struct srnic_pf *pf)
{
	if (pf == NULL)
		return pf_null_arg(__func__, "pf");
	pf_registry_remove(pf);
	if (pf->backend == SRNIC_PF_BACKEND_VFIO) {
		if (pf->vfio.irq_fd >= 0)
			close(pf->vfio.irq_fd);
		srnic_vfio_forget(&pf->vfio.dev);
	} else {
		pf->ops->close(pf);	/* never exported: a close */
	}
	PF_LOG(INFO, pf, "released to the process that took it over");
	pf_free(pf);
	return 0;
}

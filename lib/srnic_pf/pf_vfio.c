/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vfio backend: open the PF through vfio-pci, set the VF token, take
 * the mailbox interrupt (or poll with back-off), and map the API's
 * operations onto pf_policy and the mailbox server.
 *
 * Waiting: the PF's "other" interrupt cause (ICR.VMMB for VF messages and
 * resets, ICR.LSC for the link) is routed to MSI-X vector 0 and from there
 * to an eventfd through VFIO_DEVICE_SET_IRQS, so an idle PF sleeps in
 * poll(2) until a VF talks. Where that cannot be set up (or
 * SRNIC_PF_OPT_NO_INTERRUPT), srnic_pf_wait() sleeps 1 ms, doubling to
 * 64 ms while nothing happens: a VF's request then waits at most 64 ms,
 * well inside the 1 s a VF allows, and an idle PF wakes 16 times a second.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_cycles.h>

#include "pf_priv.h"

#define BACKOFF_MIN_MS		1
#define BACKOFF_MAX_MS		64
/* Look at the link even without an LSC interrupt now and then. */
#define LINK_CHECK_MS		1000
#define MSIX_VECTOR		0

/* The caller's token, or a random one: the token is what lets a VF user
 * in, so it must not be guessable. */
static int
token_choose(struct srnic_pf *pf)
{
	struct pf_vfio *v = &pf->vfio;

	if (!rte_uuid_is_null(pf->opts.vf_token)) {
		rte_uuid_copy(v->token, pf->opts.vf_token);
		return 0;
	}
	if (getrandom(v->token, sizeof(v->token), 0) != sizeof(v->token))
		return -errno;
	/* A random (version 4) UUID. */
	v->token[6] = (v->token[6] & 0x0F) | 0x40;
	v->token[8] = (v->token[8] & 0x3F) | 0x80;
	return 0;
}

/* vfio-pci took the token with the open when no VF was in use (and checked
 * it when one was); the feature ioctl, vfio's documented way for a PF's
 * owner, sets it explicitly as well. */
static int
token_set(struct srnic_pf *pf)
{
	struct {
		struct vfio_device_feature hdr;
		rte_uuid_t uuid;
	} __attribute__((packed)) req;
	struct pf_vfio *v = &pf->vfio;

	memset(&req, 0, sizeof(req));
	req.hdr.argsz = sizeof(req);
	req.hdr.flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_VF_TOKEN;
	rte_uuid_copy(req.uuid, v->token);
	if (ioctl(v->dev.fd, VFIO_DEVICE_FEATURE, &req) < 0) {
		int err = errno;

		PF_LOG(ERR, pf, "cannot set the VF token (VFIO_DEVICE_FEATURE: %s): VF users "
			"could not open their VFs; vfio-pci needs Linux 5.7 or later", strerror(err));
		return -err;
	}
	return 0;
}

static int
irq_set(struct srnic_pf *pf, int fd)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(int)];
	struct vfio_irq_set *set = (struct vfio_irq_set *)buf;

	memset(buf, 0, sizeof(buf));
	set->argsz = sizeof(buf);
	set->index = VFIO_PCI_MSIX_IRQ_INDEX;
	set->start = MSIX_VECTOR;
	if (fd >= 0) {
		set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
		set->count = 1;
		memcpy(set->data, &fd, sizeof(fd));
	} else {
		set->flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER;
		set->argsz = sizeof(*set);
		set->count = 0;
	}
	return ioctl(pf->vfio.dev.fd, VFIO_DEVICE_SET_IRQS, set) < 0 ? -errno : 0;
}

/* MSI-X vector 0 to an eventfd; on failure the PF polls with back-off. */
static void
irq_open(struct srnic_pf *pf)
{
	struct vfio_irq_info info = { .argsz = sizeof(info), .index = VFIO_PCI_MSIX_IRQ_INDEX };
	int fd, ret;

	if (pf->opts.flags & SRNIC_PF_OPT_NO_INTERRUPT)
		return;
	if (ioctl(pf->vfio.dev.fd, VFIO_DEVICE_GET_IRQ_INFO, &info) < 0 || info.count == 0 ||
	    !(info.flags & VFIO_IRQ_INFO_EVENTFD)) {
		PF_LOG(NOTICE, pf, "no MSI-X through vfio; serving the mailbox by polling "
			"with back-off");
		return;
	}
	fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (fd < 0) {
		PF_LOG(NOTICE, pf, "eventfd: %s; serving the mailbox by polling", strerror(errno));
		return;
	}
	ret = irq_set(pf, fd);
	if (ret < 0) {
		PF_LOG(NOTICE, pf, "cannot route MSI-X vector %d to an eventfd (%s); serving "
			"the mailbox by polling", MSIX_VECTOR, strerror(-ret));
		close(fd);
		return;
	}
	pf->vfio.irq_fd = fd;
}

static void
irq_close(struct srnic_pf *pf)
{
	if (pf->vfio.irq_fd < 0)
		return;
	if (pf->vfio.dev.fd >= 0)
		irq_set(pf, -1);
	close(pf->vfio.irq_fd);
	pf->vfio.irq_fd = -1;
}

void
pf_vfio_bind(struct srnic_pf *pf, const struct srnic_bar *bar, uint16_t device_id)
{
	pf->backend = SRNIC_PF_BACKEND_VFIO;
	pf->ops = &pf_vfio_ops;
	pf->vfio.bar = bar;
	pf->vfio.i350 = igb_is_i350_pf(device_id);
	pf->vfio.txswc = pf->vfio.i350 ? IGB_TXSWC : IGB_DTXSWC;
	pf->vfio.backoff_ms = BACKOFF_MIN_MS;
}

int
pf_vfio_attach(struct srnic_pf *pf, const struct srnic_bar *bar, uint16_t device_id)
{
	int ret;

	pf_vfio_bind(pf, bar, device_id);
	if (pf->max_vfs == 0 || pf->max_vfs > SRNIC_PF_MAX_VFS)
		pf->max_vfs = SRNIC_PF_MAX_VFS;
	/* A share that cannot fit the VFs there are is refused before the
	 * NIC is initialised. */
	ret = pf_vlan_budget_check(pf, pf->nb_vfs);
	if (ret < 0)
		return ret;
	return pf_vfio_hw_init(pf);
}

int
pf_vfio_open(struct srnic_pf *pf)
{
	char token[SRNIC_PF_TOKEN_LEN];
	int ret;

	ret = token_choose(pf);
	if (ret < 0)
		return ret;
	rte_uuid_unparse(pf->vfio.token, token, sizeof(token));
	ret = srnic_vfio_open(&pf->vfio.dev, pf->name, "PF", token);
	if (ret < 0)
		return ret;
	ret = token_set(pf);
	if (ret < 0)
		goto close_dev;
	irq_open(pf);
	ret = pf_vfio_attach(pf, &pf->vfio.dev.bar0, pf->pci.device);
	if (ret < 0)
		goto close_irq;
	return 0;

close_irq:
	irq_close(pf);
close_dev:
	srnic_vfio_close(&pf->vfio.dev);
	return ret;
}

static void
vfio_close(struct srnic_pf *pf)
{
	uint16_t vf;

	for (vf = 0; vf < pf->nb_vfs; vf++)
		pf_policy_vf_disable(pf, vf);
	pf_vfio_hw_stop(pf);
	irq_close(pf);
	if (pf->vfio.dev.fd >= 0)
		srnic_vfio_close(&pf->vfio.dev);
}

static void
link_check(struct srnic_pf *pf)
{
	struct srnic_pf_event ev = { .type = SRNIC_PF_EVENT_LINK };
	bool up = (pf_rd(pf, IGB_STATUS) & IGB_STATUS_LU) != 0;

	pf->vfio.last_link_check_ms = pf->now_ms();
	if (up == pf->vfio.link_up)
		return;
	pf->vfio.link_up = up;
	PF_LOG(INFO, pf, "link %s", up ? "up" : "down");
	/* 8.4.12: VFs learn of the change from a ping (CTS for those that
	 * completed their reset). */
	pf_mbx_ping_all(pf);
	ev.flag = up;
	pf_event(pf, &ev);
}

static int
vfio_poll(struct srnic_pf *pf)
{
	uint32_t icr;
	uint64_t count;
	int n;

	/* Reset the eventfd before looking at the causes: an interrupt that
	 * comes while they are served makes it readable again. */
	if (pf->vfio.irq_fd >= 0 && read(pf->vfio.irq_fd, &count, sizeof(count)) < 0 &&
	    errno != EAGAIN)
		PF_LOG(DEBUG, pf, "eventfd read: %s", strerror(errno));
	icr = pf_rd(pf, IGB_ICR);	/* read to clear (NSICR) */

	if ((icr & IGB_ICR_LSC) ||
	    pf->now_ms() - pf->vfio.last_link_check_ms >= LINK_CHECK_MS)
		link_check(pf);
	n = pf_mbx_service(pf);
	if (n > 0)
		pf->vfio.backoff_ms = BACKOFF_MIN_MS;
	return n;
}

static int
vfio_wait(struct srnic_pf *pf, int timeout_ms)
{
	struct pollfd pfd = { .fd = pf->vfio.irq_fd, .events = POLLIN };
	uint32_t ms;
	int ret;

	if (pf->vfio.irq_fd >= 0) {
		ret = poll(&pfd, 1, timeout_ms);
		if (ret < 0)
			return errno == EINTR ? 0 : -errno;
		/* srnic_pf_poll() resets the eventfd. */
		return ret > 0;
	}
	ms = pf->vfio.backoff_ms;
	if (timeout_ms >= 0 && (uint32_t)timeout_ms < ms)
		ms = (uint32_t)timeout_ms;
	rte_delay_us_sleep(ms * 1000u);
	if (pf->vfio.backoff_ms < BACKOFF_MAX_MS)
		pf->vfio.backoff_ms *= 2;
	return 1;
}

static int
vfio_event_fd(struct srnic_pf *pf)
{
	return pf->vfio.irq_fd >= 0 ? pf->vfio.irq_fd : -ENOTSUP;
}

static int
vfio_token(struct srnic_pf *pf, char *buf, size_t len)
{
	rte_uuid_unparse(pf->vfio.token, buf, len);
	return 0;
}

static void
vfio_info(struct srnic_pf *pf, struct srnic_pf_info *info)
{
	uint32_t status = pf_rd(pf, IGB_STATUS);

	memcpy(info->mac.addr_bytes, pf->vfio.filt.rar[PF_RAR_PF_ENTRY].mac, 6);
	info->link_up = (status & IGB_STATUS_LU) != 0;
	if (info->link_up)
		info->link_speed_mbps = (status & IGB_STATUS_SPEED_1000) ? 1000 :
			(status & IGB_STATUS_SPEED_100) ? 100 : 10;
	info->interrupt = pf->vfio.irq_fd >= 0;
	info->netdev[0] = '\0';
}

static int
vfio_vf_info(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info)
{
	const struct pf_vf *v = &pf->vf[vf];
	uint16_t i;

	info->mac = v->mac;
	info->mac_admin = v->mac_admin;
	info->port_vlan = v->port_vlan;
	info->port_qos = v->port_qos;
	info->trusted = v->trusted;
	info->spoofchk = v->spoofchk;
	info->link_state = v->link_state;
	info->rxmode_allowed = v->rxmode_allowed;
	info->rxmode = v->rxmode_allowed & SRNIC_PF_RXMODE_BROADCAST;
	if ((v->rxmode_allowed & SRNIC_PF_RXMODE_MULTICAST) && (v->mc_all || v->promisc_mc))
		info->rxmode |= SRNIC_PF_RXMODE_MULTICAST;
	if ((v->rxmode_allowed & SRNIC_PF_RXMODE_PROMISC) && v->promisc_uc)
		info->rxmode |= SRNIC_PF_RXMODE_PROMISC;
	info->cts = v->cts;
	info->max_frame = v->max_frame;
	info->nb_mc = v->nb_mc;
	info->nb_vlans = v->nb_vlans;
	for (i = 0; i < v->nb_vlans; i++)
		info->vlans[i] = v->vlans[i];
	return 0;
}

/* The NIC's per-pool counters are 32 bits and wrap: add what moved. */
static void
hw_counters(struct srnic_pf *pf, uint16_t vf)
{
	struct pf_vf *v = &pf->vf[vf];
	const uint32_t regs[4] = { IGB_PVFGPRC(vf), IGB_PVFGPTC(vf), IGB_PVFGORC(vf),
		IGB_PVFGOTC(vf) };
	uint64_t *dst[4] = { &v->stats.rx_packets, &v->stats.tx_packets, &v->stats.rx_bytes,
		&v->stats.tx_bytes };
	int i;

	for (i = 0; i < 4; i++) {
		uint32_t now = pf_rd(pf, regs[i]);

		*dst[i] += (uint32_t)(now - v->hw_last[i]);
		v->hw_last[i] = now;
	}
}

static int
vfio_vf_stats(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_stats *stats)
{
	hw_counters(pf, vf);
	*stats = pf->vf[vf].stats;
	return 0;
}

const struct pf_ops pf_vfio_ops = {
	.name = "vfio",
	.vfs_check = pf_vlan_budget_check,
	.vfs_changed = pf_policy_vfs_changed,
	.set_mac = pf_policy_set_mac,
	.set_vlan = pf_policy_set_vlan,
	.vlan_filter = pf_policy_vlan_filter,
	.set_rxmode = pf_policy_set_rxmode,
	.set_spoofchk = pf_policy_set_spoofchk,
	.set_trust = pf_policy_set_trust,
	.set_link_state = pf_policy_set_link_state,
	.vf_info = vfio_vf_info,
	.vf_stats = vfio_vf_stats,
	.info = vfio_info,
	.poll = vfio_poll,
	.wait = vfio_wait,
	.event_fd = vfio_event_fd,
	.vf_token = vfio_token,
	.close = vfio_close,
};

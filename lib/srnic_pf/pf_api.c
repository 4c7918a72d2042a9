/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The public API: open and close, the registry of open PFs, argument
 * checks, the PF lock, and dispatch to the backend. A backend without an
 * operation gets one clear -ENOTSUP message here, naming it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_errno.h>
#include <rte_lcore.h>

#include "pf_priv.h"

RTE_LOG_REGISTER(srnic_pf_logtype, lib.srnic_pf, NOTICE);

static TAILQ_HEAD(, srnic_pf) pf_list = TAILQ_HEAD_INITIALIZER(pf_list);
static pthread_mutex_t pf_list_lock = PTHREAD_MUTEX_INITIALIZER;
/* Signalled when a PF's last holder lets go (see pf_hold()). */
static pthread_cond_t pf_released = PTHREAD_COND_INITIALIZER;

int
pf_null_arg(const char *func, const char *what)
{
	PF_PLAIN_LOG(ERR, "%s(): %s is NULL%s", func, what, strcmp(what, "pf") == 0 ?
		"; pass the handle srnic_pf_open() gave" : "");
	return pf_fail(-EINVAL);
}

uint64_t
pf_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
opts_copy(struct srnic_pf_opts *dst, const struct srnic_pf_opts *src)
{
	memset(dst, 0, sizeof(*dst));
	if (src != NULL) {
		if (src->size < sizeof(uint32_t) || src->size > sizeof(*dst)) {
			PF_PLAIN_LOG(ERR, "srnic_pf_opts.size is %u; set it to sizeof(struct "
				"srnic_pf_opts) (%zu) of the header you build with", src->size,
				sizeof(*dst));
			return -EINVAL;
		}
		memcpy(dst, src, src->size);
	}
	dst->size = sizeof(*dst);
	/* vlans_per_vf stays 0 (derived from the VF count) or is checked
	 * against the VF count when there is one: pf_vlan_budget.c. */
	if (dst->nack_interval_ms == 0)
		dst->nack_interval_ms = PF_DEFAULT_NACK_MS;
	return 0;
}

struct srnic_pf *
pf_alloc(const char *name, const struct srnic_pf_opts *opts)
{
	pthread_mutexattr_t attr;
	struct srnic_pf *pf;

	pf = calloc(1, sizeof(*pf));
	if (pf == NULL)
		return NULL;
	if (opts_copy(&pf->opts, opts) < 0) {
		free(pf);
		return NULL;
	}
	snprintf(pf->name, sizeof(pf->name), "%s", name);
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&pf->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	pf->now_ms = pf_clock_ms;
	pf->vfio.irq_fd = -1;
	pf->vfio.dev.container_fd = -1;
	pf->vfio.dev.group_fd = -1;
	pf->vfio.dev.fd = -1;
	return pf;
}

void
pf_free(struct srnic_pf *pf)
{
	pthread_mutex_destroy(&pf->lock);
	free(pf);
}

void
pf_vf_ref(const struct srnic_pf *pf, uint16_t vf, char *buf, size_t len)
{
	if (pf->backend == SRNIC_PF_BACKEND_KERNEL && pf->pci.netdev[0] != '\0')
		snprintf(buf, len, "ip link set %s vf %u", pf->pci.netdev, vf);
	else
		snprintf(buf, len, "VF %u", vf);
}

void
pf_vf_refusal(struct srnic_pf *pf, uint16_t vf, const char *fmt, ...)
{
	struct pf_vf *v = &pf->vf[vf];
	uint64_t now = pf->now_ms();
	char msg[256];
	va_list ap;

	/* A VF can send refused requests as fast as it likes: log one line
	 * per interval, with how many were not logged. */
	if (v->last_log_ms != 0 && now - v->last_log_ms < pf->opts.nack_interval_ms) {
		v->quiet_logs++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (v->quiet_logs > 0)
		PF_LOG(WARNING, pf, "VF %u: %s (%u more refusals not logged)", vf, msg,
			v->quiet_logs);
	else
		PF_LOG(WARNING, pf, "VF %u: %s", vf, msg);
	v->last_log_ms = now == 0 ? 1 : now;
	v->quiet_logs = 0;
}

enum srnic_pf_verdict
pf_event(struct srnic_pf *pf, const struct srnic_pf_event *ev)
{
	enum srnic_pf_verdict v;
	int i;

	for (i = 0; i < PF_MAX_CALLBACKS; i++) {
		if (pf->cbs[i].cb == NULL)
			continue;
		v = pf->cbs[i].cb(pf, ev, pf->cbs[i].arg);
		if (ev->type == SRNIC_PF_EVENT_VF_MSG && v != SRNIC_PF_ALLOW)
			return v;
	}
	return SRNIC_PF_ALLOW;
}

static struct srnic_pf *
find_locked(const char *canon)
{
	struct srnic_pf *pf;

	TAILQ_FOREACH(pf, &pf_list, next)
		if (strcmp(pf->name, canon) == 0)
			return pf;
	return NULL;
}

int
pf_registry_add(struct srnic_pf *pf, int (*open)(struct srnic_pf *pf))
{
	int ret = 0;

	pthread_mutex_lock(&pf_list_lock);
	if (find_locked(pf->name) != NULL) {
		PF_LOG(ERR, pf, "is already open in this process; use srnic_pf_get()");
		ret = -EBUSY;
	} else if (open != NULL) {
		ret = open(pf);
	}
	if (ret == 0)
		TAILQ_INSERT_TAIL(&pf_list, pf, next);
	pthread_mutex_unlock(&pf_list_lock);
	return ret;
}

void
pf_registry_remove(struct srnic_pf *pf)
{
	srnic_pf_service_stop(pf);
	pthread_mutex_lock(&pf_list_lock);
	TAILQ_REMOVE(&pf_list, pf, next);
	/* Nobody finds it now; wait for those who already did (telemetry). */
	while (pf->holders > 0)
		pthread_cond_wait(&pf_released, &pf_list_lock);
	pthread_mutex_unlock(&pf_list_lock);
}

int
pf_registry_names(char (*names)[SRNIC_PF_NAME_LEN], int max)
{
	struct srnic_pf *pf;
	int n = 0;

	pthread_mutex_lock(&pf_list_lock);
	TAILQ_FOREACH(pf, &pf_list, next) {
		if (n < max)
			snprintf(names[n], SRNIC_PF_NAME_LEN, "%s", pf->name);
		n++;
	}
	pthread_mutex_unlock(&pf_list_lock);
	return n;
}

struct srnic_pf *
pf_hold(const char *pci_addr)
{
	char canon[PCI_PRI_STR_SIZE];
	struct srnic_pf *pf;

	if (srnic_pci_canonical(pci_addr, canon) < 0)
		return NULL;
	pthread_mutex_lock(&pf_list_lock);
	pf = find_locked(canon);
	if (pf != NULL)
		pf->holders++;
	pthread_mutex_unlock(&pf_list_lock);
	return pf;
}

void
pf_release(struct srnic_pf *pf)
{
	pthread_mutex_lock(&pf_list_lock);
	if (--pf->holders == 0)
		pthread_cond_broadcast(&pf_released);
	pthread_mutex_unlock(&pf_list_lock);
}

struct srnic_pf *
srnic_pf_get(const char *pci_addr)
{
	char canon[PCI_PRI_STR_SIZE];
	struct srnic_pf *pf;

	if (srnic_pci_canonical(pci_addr, canon) < 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	pthread_mutex_lock(&pf_list_lock);
	pf = find_locked(canon);
	pthread_mutex_unlock(&pf_list_lock);
	if (pf == NULL)
		rte_errno = ENODEV;
	return pf;
}

/* Which backend the PF's driver gives, or a negative errno with a message. */
static int
pick_backend(const struct srnic_pci_info *info, enum srnic_pf_backend *backend)
{
	if (!igb_is_sriov_pf(info->vendor, info->device)) {
		PF_PLAIN_LOG(ERR, "%s (%04x:%04x) is not an SR-IOV PF of the igb family "
			"(82576, I350); see usertools/srnic-devbind.py --status", info->addr,
			info->vendor, info->device);
		return -ENOTSUP;
	}
	if (info->driver[0] == '\0') {
		PF_PLAIN_LOG(ERR, "PF %s is bound to no driver: bind it to igb (kernel "
			"backend) or vfio-pci (userspace backend), e.g. "
			"usertools/srnic-devbind.py --bind vfio-pci %s", info->addr, info->addr);
		return -ENXIO;
	}
	if (strcmp(info->driver, "vfio-pci") == 0) {
		*backend = SRNIC_PF_BACKEND_VFIO;
		return 0;
	}
	if (strcmp(info->driver, "igb") == 0) {
		*backend = SRNIC_PF_BACKEND_KERNEL;
		return 0;
	}
	PF_PLAIN_LOG(ERR, "PF %s is bound to %s, which no srnic backend drives: bind it "
		"to igb or vfio-pci (usertools/srnic-devbind.py --bind vfio-pci %s)",
		info->addr, info->driver, info->addr);
	return -ENOTSUP;
}

static int
open_backend(struct srnic_pf *pf)
{
	uint16_t nb, total;
	int ret;

	ret = pf_sysfs_vf_count(pf, &nb, &total);
	if (ret < 0) {
		PF_LOG(ERR, pf, "cannot read its SR-IOV state from sysfs (%s); is SR-IOV enabled in "
			"the PF's driver?", strerror(-ret));
		return ret;
	}
	pf->nb_vfs = nb;
	pf->max_vfs = total;
	if (pf->backend == SRNIC_PF_BACKEND_VFIO) {
		if (pf->max_vfs > SRNIC_PF_MAX_VFS)
			pf->max_vfs = SRNIC_PF_MAX_VFS;
		if (pf->nb_vfs > pf->max_vfs) {
			PF_LOG(ERR, pf, "has %u VFs; the userspace PF serves at most %u (the last pool "
				"is the PF's): echo 0 > /sys/bus/pci/devices/%s/sriov_numvfs",
				pf->nb_vfs, pf->max_vfs, pf->name);
			return -EBUSY;
		}
		return pf_vfio_open(pf);
	}
	if (pf->max_vfs > SRNIC_PF_MAX_VFS)
		pf->max_vfs = SRNIC_PF_MAX_VFS;
	return pf_kernel_open(pf);
}

int
srnic_pf_open(const char *pci_addr, const struct srnic_pf_opts *opts, struct srnic_pf **out)
{
	struct srnic_pf_opts checked;
	struct srnic_pci_info info;
	enum srnic_pf_backend backend;
	struct srnic_pf *pf;
	int ret;

	if (out == NULL)
		return pf_null_arg(__func__, "pf (where the handle goes)");
	*out = NULL;
	/* Options first: a bad size is the caller's, whatever the device. */
	ret = opts_copy(&checked, opts);
	if (ret < 0)
		return pf_fail(ret);
	ret = srnic_pci_info_read(pci_addr, &info);
	if (ret == -EINVAL) {
		PF_PLAIN_LOG(ERR, "'%s' is not a PCI address (want 0000:01:00.0 or 01:00.0)",
			pci_addr != NULL ? pci_addr : "(null)");
		return pf_fail(ret);
	}
	if (ret < 0) {
		PF_PLAIN_LOG(ERR, "PF %s: no such PCI device; see "
			"usertools/srnic-devbind.py --status", pci_addr);
		return pf_fail(-ENODEV);
	}
	ret = pick_backend(&info, &backend);
	if (ret < 0)
		return pf_fail(ret);
	pf = pf_alloc(info.addr, opts);
	if (pf == NULL)
		return pf_fail(opts != NULL ? -EINVAL : -ENOMEM);
	pf->pci = info;
	pf->backend = backend;
	ret = pf_registry_add(pf, open_backend);
	if (ret < 0) {
		pf_free(pf);
		return pf_fail(ret);
	}
	PF_LOG(NOTICE, pf, "open with the %s backend (%s), %u of %u VFs", pf->ops->name,
		backend == SRNIC_PF_BACKEND_VFIO ? "srnic drives the PF and serves the VF mailbox" :
		"Linux igb drives the PF; srnic uses sysfs and rtnetlink",
		pf->nb_vfs, pf->max_vfs);
	*out = pf;
	return 0;
}

int
srnic_pf_close(struct srnic_pf *pf)
{
	if (pf == NULL)
		return pf_null_arg(__func__, "pf");
	pf_registry_remove(pf);
	pthread_mutex_lock(&pf->lock);
	pf->ops->close(pf);
	pthread_mutex_unlock(&pf->lock);
	PF_LOG(INFO, pf, "closed");
	pf_free(pf);
	return 0;
}

enum srnic_pf_backend
srnic_pf_backend(const struct srnic_pf *pf)
{
	return pf->backend;
}

const char *
srnic_pf_backend_name(enum srnic_pf_backend backend)
{
	switch (backend) {
	case SRNIC_PF_BACKEND_VFIO:
		return "vfio";
	case SRNIC_PF_BACKEND_KERNEL:
		return "kernel";
	default:
		return "?";
	}
}

int
srnic_pf_info_get(struct srnic_pf *pf, struct srnic_pf_info *info)
{
	if (pf == NULL || info == NULL)
		return pf_null_arg(__func__, pf == NULL ? "pf" : "info");
	memset(info, 0, sizeof(*info));
	pthread_mutex_lock(&pf->lock);
	snprintf(info->name, sizeof(info->name), "%s", pf->name);
	info->backend = pf->backend;
	info->backend_name = srnic_pf_backend_name(pf->backend);
	snprintf(info->driver, sizeof(info->driver), "%s", pf->pci.driver);
	snprintf(info->netdev, sizeof(info->netdev), "%s", pf->pci.netdev);
	info->device_id = pf->pci.device;
	info->max_vfs = pf->max_vfs;
	info->nb_vfs = pf->nb_vfs;
	pf->ops->info(pf, info);
	pthread_mutex_unlock(&pf->lock);
	return 0;
}

static int
cb_register_locked(struct srnic_pf *pf, srnic_pf_event_cb cb, void *arg)
{
	int i;

	if (pf->backend != SRNIC_PF_BACKEND_VFIO)
		return pf_not_supported(pf, "a mailbox event callback (Linux serves the mailbox)");
	if (cb == NULL)
		return -EINVAL;
	for (i = 0; i < PF_MAX_CALLBACKS; i++) {
		if (pf->cbs[i].cb == NULL) {
			pf->cbs[i].cb = cb;
			pf->cbs[i].arg = arg;
			return 0;
		}
	}
	PF_LOG(ERR, pf, "already has %d event callbacks", PF_MAX_CALLBACKS);
	return -ENOSPC;
}

int
srnic_pf_callback_register(struct srnic_pf *pf, srnic_pf_event_cb cb, void *arg)
{
	PF_LOCKED(pf, cb_register_locked(pf, cb, arg));
}

static int
cb_unregister_locked(struct srnic_pf *pf, srnic_pf_event_cb cb, void *arg)
{
	int i;

	for (i = 0; i < PF_MAX_CALLBACKS; i++) {
		if (pf->cbs[i].cb == cb && pf->cbs[i].arg == arg) {
			pf->cbs[i].cb = NULL;
			return 0;
		}
	}
	return -ENOENT;
}

int
srnic_pf_callback_unregister(struct srnic_pf *pf, srnic_pf_event_cb cb, void *arg)
{
	PF_LOCKED(pf, cb_unregister_locked(pf, cb, arg));
}

int
srnic_pf_poll(struct srnic_pf *pf)
{
	PF_LOCKED(pf, pf->ops->poll(pf));
}

int
srnic_pf_wait(struct srnic_pf *pf, int timeout_ms)
{
	if (pf == NULL)
		return pf_null_arg(__func__, "pf");
	/* No lock: waiting must not hold up the API on other threads. */
	return pf->ops->wait(pf, timeout_ms);
}

int
srnic_pf_event_fd(struct srnic_pf *pf)
{
	int ret;

	if (pf == NULL)
		return pf_null_arg(__func__, "pf");
	ret = pf->ops->event_fd != NULL ? pf->ops->event_fd(pf) : -ENOTSUP;
	return ret < 0 ? pf_fail(ret) : ret;
}

static void *
service_loop(void *arg)
{
	struct srnic_pf *pf = arg;

	while (!pf->service_stop) {
		/* Bounded waits so a stop request is seen within 100 ms. */
		if (srnic_pf_wait(pf, 100) < 0)
			rte_delay_us_sleep(100000);
		srnic_pf_poll(pf);
	}
	return NULL;
}

int
srnic_pf_service_start(struct srnic_pf *pf)
{
	char name[RTE_MAX_THREAD_NAME_LEN];
	int ret;

	if (pf == NULL)
		return pf_null_arg(__func__, "pf");
	if (pf->service_running)
		return pf_fail(-EALREADY);
	pf->service_stop = false;
	snprintf(name, sizeof(name), "srnic-pf-%s", pf->name + 5);
	ret = rte_ctrl_thread_create(&pf->service, name, NULL, service_loop, pf);
	if (ret != 0) {
		PF_LOG(ERR, pf, "cannot start the service thread: %s", strerror(ret));
		return pf_fail(-ret);
	}
	pf->service_running = true;
	return 0;
}

int
srnic_pf_service_stop(struct srnic_pf *pf)
{
	if (pf == NULL)
		return pf_null_arg(__func__, "pf");
	if (!pf->service_running)
		return pf_fail(-ENOENT);
	pf->service_stop = true;
	pthread_join(pf->service, NULL);
	pf->service_running = false;
	return 0;
}

const char *
pf_link_state_name(enum srnic_pf_link_state st)
{
	return st == SRNIC_PF_LINK_UP ? "up" : st == SRNIC_PF_LINK_DOWN ? "down" : "auto";
}

static void
dump_vf(FILE *f, const struct srnic_pf_vf_info *v)
{
	fprintf(f, "  vf %u %s drv=%s group=%d mac=" RTE_ETHER_ADDR_PRT_FMT "%s vlan=%u qos=%u "
		"trust=%s spoofchk=%s%s link=%s", v->vf, v->pci_addr,
		v->driver[0] ? v->driver : "none", v->iommu_group,
		RTE_ETHER_ADDR_BYTES(&v->mac), v->mac_admin ? "(admin)" : "", v->port_vlan,
		v->port_qos, v->trusted ? "on" : "off",
		(v->spoofchk & SRNIC_PF_SPOOFCHK_MAC) ? "mac" : "",
		(v->spoofchk & SRNIC_PF_SPOOFCHK_VLAN) ? "+vlan" : (v->spoofchk ? "" : "off"),
		pf_link_state_name(v->link_state));
	if (v->netdev[0] != '\0')
		fprintf(f, " if=%s", v->netdev);
	fprintf(f, "\n");
}

static int
dump_locked(struct srnic_pf *pf, FILE *f)
{
	struct srnic_pf_vf_info v;
	struct srnic_pf_info info;
	uint16_t vf;

	srnic_pf_info_get(pf, &info);
	fprintf(f, "pf %s backend=%s driver=%s vfs=%u/%u mac=" RTE_ETHER_ADDR_PRT_FMT
		" link=%s", info.name, info.backend_name, info.driver, info.nb_vfs,
		info.max_vfs, RTE_ETHER_ADDR_BYTES(&info.mac), info.link_up ? "up" : "down");
	if (info.netdev[0] != '\0')
		fprintf(f, " if=%s", info.netdev);
	if (info.backend == SRNIC_PF_BACKEND_VFIO)
		fprintf(f, " wait=%s", info.interrupt ? "interrupt" : "backoff");
	fprintf(f, "\n");
	for (vf = 0; vf < pf->nb_vfs; vf++) {
		if (pf_vf_info_locked(pf, vf, &v) == 0)
			dump_vf(f, &v);
	}
	return 0;
}

int
srnic_pf_dump(struct srnic_pf *pf, FILE *f)
{
	if (f == NULL)
		return pf_null_arg(__func__, "f");
	PF_LOCKED(pf, dump_locked(pf, f));
}

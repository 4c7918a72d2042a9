/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside a PF handle: the state srnic keeps for every VF, the backend
 * operations, and the helpers the files of the library share.
 */
#ifndef PF_PRIV_H
#define PF_PRIV_H

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_telemetry.h>
#include <rte_uuid.h>

#include "igb_regs.h"
#include "srnic_mbx_proto.h"
#include "srnic_pci.h"
#include "srnic_vfio.h"

#include "pf_filters.h"
#include "rte_srnic_pf.h"

extern int srnic_pf_logtype;

#define PF_LOG(level, pf, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_pf_logtype, "srnic_pf %s: " fmt "\n", \
		(pf)->name, ##__VA_ARGS__)
#define PF_PLAIN_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, srnic_pf_logtype, "srnic_pf: " fmt "\n", ##__VA_ARGS__)

/* The PF keeps the last pool; VFs have pools 0..6 (section 1: Linux does
 * the same so the PF's queues never DMA through a VF). */
#define PF_POOL			IGB_MAX_VFS_WITH_PF_POOL
#define PF_MAX_CALLBACKS	8
#define PF_DEFAULT_VLANS_PER_VF	8
#define PF_DEFAULT_NACK_MS	2000
/* "ip link set <pf> vf N ..." or "srnic-pfd" in messages: the kernel
 * interface when there is one. */
#define PF_REF_LEN		64

struct pf_vf {
	/* Administrator's settings. */
	struct rte_ether_addr mac;	/* zero: none */
	bool mac_admin;
	bool trusted;
	uint32_t spoofchk;
	enum srnic_pf_link_state link_state;
	uint16_t port_vlan;
	uint8_t port_qos;
	uint32_t rxmode_allowed;
	/* What the VF asked for (vfio backend). */
	bool cts;			/* completed VF_RESET since its last reset */
	/* A control message that waits for the buffer (the VF's request to
	 * be served, or the PF's last message to be read): 0, or its word 0. */
	uint32_t deferred_ping;
	/* The PF's last message is in the buffer and the VF has not
	 * acknowledged it: a reply the VF waits for must not be overwritten. */
	bool unread;
	bool promisc_uc;
	bool promisc_mc;		/* SET_PROMISC multicast */
	bool mc_all;			/* SET_MULTICAST with more than 30 */
	uint8_t nb_mc;
	uint16_t mc_hash[IGB_MC_MAX_HASHES];
	uint16_t nb_vlans;
	uint16_t vlans[SRNIC_PF_VF_MAX_VLANS];
	uint16_t max_frame;
	/* Rate limits (ms on pf->now_ms's clock). */
	uint64_t last_nack_ms;		/* last NACK to a VF before CTS */
	uint64_t last_log_ms;
	uint32_t quiet_logs;		/* refusals not logged since */
	struct srnic_pf_vf_stats stats;
	uint32_t hw_last[4];		/* NIC counters at the last read */
};

struct pf_ops {
	const char *name;
	/* May the PF have @nb VFs? Asked before sysfs is touched. */
	int (*vfs_check)(const struct srnic_pf *pf, uint16_t nb);
	/* The VF count changed through sysfs from @old to pf->nb_vfs. */
	int (*vfs_changed)(struct srnic_pf *pf, uint16_t old);
	int (*set_mac)(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac);
	int (*set_vlan)(struct srnic_pf *pf, uint16_t vf, uint16_t vid, uint8_t qos);
	int (*vlan_filter)(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool on);
	int (*set_rxmode)(struct srnic_pf *pf, uint16_t vf, uint32_t allowed);
	int (*set_spoofchk)(struct srnic_pf *pf, uint16_t vf, uint32_t checks);
	int (*set_trust)(struct srnic_pf *pf, uint16_t vf, bool on);
	int (*set_link_state)(struct srnic_pf *pf, uint16_t vf, enum srnic_pf_link_state st);
	/* Fill what the backend knows about a VF (MAC, VLAN, flags...). */
	int (*vf_info)(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info);
	int (*vf_stats)(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_stats *stats);
	void (*info)(struct srnic_pf *pf, struct srnic_pf_info *info);
	int (*poll)(struct srnic_pf *pf);
	int (*wait)(struct srnic_pf *pf, int timeout_ms);
	int (*event_fd)(struct srnic_pf *pf);
	int (*vf_token)(struct srnic_pf *pf, char *buf, size_t len);
	void (*close)(struct srnic_pf *pf);
};

struct pf_callback {
	srnic_pf_event_cb cb;
	void *arg;
};

/* vfio backend: srnic drives the NIC. */
struct pf_vfio {
	struct srnic_vfio_dev dev;	/* vfio device; unused by unit tests */
	const struct srnic_bar *bar;	/* dev.bar0, or a test's register file */
	bool i350;
	uint32_t txswc;			/* DTXSWC (82576) or TXSWC (I350) */
	struct pf_filters filt;
	rte_uuid_t token;
	int irq_fd;			/* MSI-X eventfd, -1 when polling */
	uint32_t backoff_ms;		/* next sleep without the interrupt */
	bool link_up;
	uint64_t last_link_check_ms;
	/* VLVF budget for nb_vfs VFs (pf_vlan_budget.c): entries a VF may ask
	 * for, and those left for the administrator's filters past a share. */
	uint16_t vlan_share;
	uint16_t vlan_spare;
};

/* kernel backend: Linux igb drives the NIC. */
struct pf_kernel {
	struct mnl_socket *nl;
	unsigned int ifindex;
	uint32_t portid;
	uint32_t seq;
};

struct srnic_pf {
	TAILQ_ENTRY(srnic_pf) next;
	char name[SRNIC_PF_NAME_LEN];
	struct srnic_pci_info pci;
	enum srnic_pf_backend backend;
	const struct pf_ops *ops;
	struct srnic_pf_opts opts;
	pthread_mutex_t lock;		/* recursive: callbacks may call the API */
	uint32_t holders;		/* pf_hold() users; under the registry's lock */
	uint16_t max_vfs;
	uint16_t nb_vfs;
	struct pf_vf vf[SRNIC_PF_MAX_VFS];
	struct pf_callback cbs[PF_MAX_CALLBACKS];
	uint64_t (*now_ms)(void);	/* tests replace the clock */
	pthread_t service;
	bool service_running;
	volatile bool service_stop;
	union {
		struct pf_vfio vfio;
		struct pf_kernel kern;
	};
};

static inline int
pf_fail(int err)
{
	rte_errno = -err;
	return err;
}

/* Log that public function @func got NULL for @what; -EINVAL (also in
 * rte_errno). */
int pf_null_arg(const char *func, const char *what);

/* Run @body (an int expression) with the PF locked, and return its result
 * as the public API does (negative: also in rte_errno). */
#define PF_LOCKED(pf, body) do { \
	int ret_; \
	if ((pf) == NULL) \
		return pf_null_arg(__func__, "pf"); \
	pthread_mutex_lock(&(pf)->lock); \
	ret_ = (body); \
	pthread_mutex_unlock(&(pf)->lock); \
	return ret_ < 0 ? pf_fail(ret_) : ret_; \
} while (0)

/* pf_vf_api.c */
/* Log that the backend has no @what, and return -ENOTSUP. */
int pf_not_supported(struct srnic_pf *pf, const char *what);
int pf_vf_info_locked(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info);

/* pf_api.c */
struct srnic_pf *pf_alloc(const char *name, const struct srnic_pf_opts *opts);
void pf_free(struct srnic_pf *pf);
uint64_t pf_clock_ms(void);
/* Log a refusal of VF @vf's request at most once per opts.nack_interval_ms. */
void pf_vf_refusal(struct srnic_pf *pf, uint16_t vf, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Tell callbacks; returns the first verdict that is not ALLOW. */
enum srnic_pf_verdict pf_event(struct srnic_pf *pf, const struct srnic_pf_event *ev);
/* "ip link set eth0 vf 1" or "VF 1" for messages. */
void pf_vf_ref(const struct srnic_pf *pf, uint16_t vf, char *buf, size_t len);
/* "auto", "up" or "down". */
const char *pf_link_state_name(enum srnic_pf_link_state st);
/* Add @pf to the open PFs, after @open (if any) succeeds, both under the
 * registry's lock: -EBUSY when a PF of that name is open already. */
int pf_registry_add(struct srnic_pf *pf, int (*open)(struct srnic_pf *pf));
/* Stop @pf's service thread and take it out of the open PFs, once nobody
 * holds it (pf_hold). */
void pf_registry_remove(struct srnic_pf *pf);
/* Copy the names of the open PFs (at most @max); returns how many are open. */
int pf_registry_names(char (*names)[SRNIC_PF_NAME_LEN], int max);
/* The open PF named @pci_addr, which srnic_pf_close() will not free until
 * pf_release(); NULL when none. For threads that did not open it. */
struct srnic_pf *pf_hold(const char *pci_addr);
void pf_release(struct srnic_pf *pf);

/* pf_sysfs.c */
int pf_sysfs_vf_count(const struct srnic_pf *pf, uint16_t *nb, uint16_t *total);
int pf_sysfs_vfs_set(struct srnic_pf *pf, uint16_t nb);
int pf_sysfs_vf_addr(const struct srnic_pf *pf, uint16_t vf, char *addr, size_t len);
int pf_sysfs_vf_bind(struct srnic_pf *pf, uint16_t vf, const char *driver);
/* vfio-pci lets a PF enable VFs only when loaded with enable_sriov=1. */
int pf_sysfs_vfio_sriov_check(const struct srnic_pf *pf);

/* pf_vfio.c, pf_vfio_init.c */
extern const struct pf_ops pf_vfio_ops;
int pf_vfio_open(struct srnic_pf *pf);
/* Reset and initialise the NIC behind @bar for VF pools (also unit tests). */
int pf_vfio_attach(struct srnic_pf *pf, const struct srnic_bar *bar, uint16_t device_id);
/* The vfio backend's operations and device facts on @pf, nothing written. */
void pf_vfio_bind(struct srnic_pf *pf, const struct srnic_bar *bar, uint16_t device_id);
int pf_vfio_hw_init(struct srnic_pf *pf);
void pf_vfio_hw_stop(struct srnic_pf *pf);
void pf_vfio_irq_regs(struct srnic_pf *pf, bool on);
void pf_vfio_link_start(struct srnic_pf *pf);
int pf_vfio_mac_get(struct srnic_pf *pf, uint8_t mac[6]);

/* pf_mbx_server.c */
int pf_mbx_service(struct srnic_pf *pf);
/* Send PF_CONTROL to @vf: CTS when it may talk, NACK to make it reset. */
int pf_mbx_ping(struct srnic_pf *pf, uint16_t vf, bool nack);
void pf_mbx_ping_all(struct srnic_pf *pf);
/* What a reply to @vf carries: clear-to-send, unless told link down. */
bool pf_mbx_cts(const struct srnic_pf *pf, uint16_t vf);

/* pf_policy.c: every register effect of a VF's state (vfio backend). */
void pf_policy_vf_defaults(struct srnic_pf *pf, uint16_t vf);
int pf_policy_vfs_changed(struct srnic_pf *pf, uint16_t old);
int pf_policy_vf_reset(struct srnic_pf *pf, uint16_t vf);
void pf_policy_vf_flr(struct srnic_pf *pf, uint16_t vf);
void pf_policy_vf_disable(struct srnic_pf *pf, uint16_t vf);
int pf_policy_req_mac(struct srnic_pf *pf, uint16_t vf, const uint8_t mac[6]);
int pf_policy_req_multicast(struct srnic_pf *pf, uint16_t vf, const uint16_t *hash,
	uint8_t n, bool all);
int pf_policy_req_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool add);
int pf_policy_req_lpe(struct srnic_pf *pf, uint16_t vf, uint32_t max_frame);
int pf_policy_req_promisc(struct srnic_pf *pf, uint16_t vf, bool uc, bool mc);
int pf_policy_set_mac(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac);
int pf_policy_set_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vid, uint8_t qos);
int pf_policy_vlan_filter(struct srnic_pf *pf, uint16_t vf, uint16_t vid, bool on);
int pf_policy_set_rxmode(struct srnic_pf *pf, uint16_t vf, uint32_t allowed);
int pf_policy_set_spoofchk(struct srnic_pf *pf, uint16_t vf, uint32_t checks);
int pf_policy_set_trust(struct srnic_pf *pf, uint16_t vf, bool on);
int pf_policy_set_link_state(struct srnic_pf *pf, uint16_t vf, enum srnic_pf_link_state st);

/* pf_telemetry.c: the /srnic_pf/ commands, registered when the library
 * loads (unit tests call them from here). */
struct pf_tel_cmd {
	const char *name;
	telemetry_cb fn;
	const char *help;
};
extern const struct pf_tel_cmd pf_tel_cmds[];
extern const unsigned int pf_tel_nb_cmds;

/* pf_vlan_budget.c: the VLVF entries shared out (vfio backend). */
/* 0 when opts.vlans_per_vf fits @nb_vfs VFs, else -EINVAL, logged with
 * the numbers. */
int pf_vlan_budget_check(const struct srnic_pf *pf, uint16_t nb_vfs);
/* Share and spare for pf->nb_vfs VFs. */
void pf_vlan_budget_set(struct srnic_pf *pf);
/* Filters past their share that VFs hold, all charged to the spare. */
uint16_t pf_vlan_spare_used(const struct srnic_pf *pf);
/* May VF @vf get one more VLAN filter, asked by itself (@by_vf) or by
 * the administrator? Then an entry for it is free. */
bool pf_vlan_may_add(const struct srnic_pf *pf, uint16_t vf, bool by_vf);

/* pf_kernel.c */
extern const struct pf_ops pf_kernel_ops;
int pf_kernel_open(struct srnic_pf *pf);

static inline uint32_t
pf_rd(const struct srnic_pf *pf, uint32_t off)
{
	return srnic_read32(pf->vfio.bar, off);
}

static inline void
pf_wr(const struct srnic_pf *pf, uint32_t off, uint32_t val)
{
	srnic_write32(pf->vfio.bar, off, val);
}

#endif /* PF_PRIV_H */

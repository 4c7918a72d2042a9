/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * srnic PF control library: the Physical Function side of an Intel
 * igb-family SR-IOV NIC (82576 8086:10c9 and kin, I350): VF lifecycle,
 * per-VF MAC and VLAN filters, receive modes, anti-spoofing, trust, link
 * state, and the PF side of the VF mailbox.
 *
 * A PF is opened by PCI address; the backend follows the driver the PF is
 * bound to:
 *
 * - **vfio** (PF bound to vfio-pci, loaded with enable_sriov=1): srnic owns
 *   the NIC. It resets and initialises it for VF pools, programs every
 *   filter register itself, sets the VF token, and serves the mailbox for
 *   every VF message. The application must call srnic_pf_poll() (or start
 *   the service thread) or VFs get no answers.
 * - **kernel** (PF bound to Linux igb): Linux owns the NIC and serves the
 *   mailbox; srnic creates VFs through sysfs and configures them through
 *   rtnetlink. What Linux offers no knob for returns -ENOTSUP with a
 *   message naming the backend.
 *
 * VFs are numbered 0..n-1 as sysfs numbers them (virtfn<n>).
 *
 * Every function returns 0 (or a count) on success and a negative errno on
 * failure, also stored in rte_errno; every failure is logged (log type
 * lib.srnic_pf) with the device and what to do. Functions on one PF are
 * serialised by a lock inside the handle, so a CLI thread may change a VF
 * while another thread polls.
 */
#ifndef RTE_SRNIC_PF_H
#define RTE_SRNIC_PF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_ether.h>
#include <rte_uuid.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most VFs a PF may have here: the 8th pool stays the PF's own. */
#define SRNIC_PF_MAX_VFS 7
/** Length of a PCI address string, "0000:01:00.0" and its NUL. */
#define SRNIC_PF_NAME_LEN 32
/** Length of a kernel driver or interface name. */
#define SRNIC_PF_DRIVER_LEN 64
/** Most VLAN filters srnic_pf_vf_info reports for one VF. */
#define SRNIC_PF_VF_MAX_VLANS 32
/** VLAN filter entries (VLVF) the NIC has for all pools: port VLANs and
 *  VF VLAN filters share them (see srnic_pf_opts::vlans_per_vf). */
#define SRNIC_PF_VLAN_ENTRIES 32
/** Length of a VF token string: a UUID, "xxxxxxxx-xxxx-...", and its NUL. */
#define SRNIC_PF_TOKEN_LEN 37

/** Opaque PF handle. */
struct srnic_pf;

/** Who drives the PF. */
enum srnic_pf_backend {
	SRNIC_PF_BACKEND_VFIO,		/**< srnic, through vfio-pci */
	SRNIC_PF_BACKEND_KERNEL,	/**< Linux igb, through sysfs and rtnetlink */
};

/** Link state a VF is told about, as "ip link set ... vf N state". */
enum srnic_pf_link_state {
	SRNIC_PF_LINK_AUTO,	/**< follows the port's link */
	SRNIC_PF_LINK_UP,	/**< up whenever the PF can say so (see srnic_pf_set_vf_link_state()) */
	SRNIC_PF_LINK_DOWN,	/**< reported down to the VF */
};

/** @name Receive modes a VF may use, for srnic_pf_set_vf_rxmode() */
/**@{*/
#define SRNIC_PF_RXMODE_BROADCAST	RTE_BIT32(0)	/**< receive broadcast */
#define SRNIC_PF_RXMODE_MULTICAST	RTE_BIT32(1)	/**< multicast list and all-multicast */
#define SRNIC_PF_RXMODE_PROMISC		RTE_BIT32(2)	/**< unicast promiscuous */
/** What a VF may use unless told otherwise (as Linux igb: no promiscuous). */
#define SRNIC_PF_RXMODE_DEFAULT	(SRNIC_PF_RXMODE_BROADCAST | SRNIC_PF_RXMODE_MULTICAST)
/**@}*/

/** @name Anti-spoof checks, for srnic_pf_set_vf_spoofchk() */
/**@{*/
#define SRNIC_PF_SPOOFCHK_MAC	RTE_BIT32(0)	/**< drop frames from another source MAC */
#define SRNIC_PF_SPOOFCHK_VLAN	RTE_BIT32(1)	/**< drop frames on VLANs the VF lacks */
/** Both checks: what "spoofchk on" means. */
#define SRNIC_PF_SPOOFCHK_ALL	(SRNIC_PF_SPOOFCHK_MAC | SRNIC_PF_SPOOFCHK_VLAN)
/**@}*/

/** @name Flags for srnic_pf_opts::flags */
/**@{*/
/** Do not use the PF's mailbox interrupt: srnic_pf_wait() polls with a
 *  growing sleep instead. */
#define SRNIC_PF_OPT_NO_INTERRUPT	RTE_BIT32(0)
/**@}*/

/** Options for srnic_pf_open(). Zero means the default; grows only at the end. */
struct srnic_pf_opts {
	uint32_t size;			/**< sizeof(struct srnic_pf_opts) */
	uint32_t flags;			/**< SRNIC_PF_OPT_* */
	/** vfio backend: the VF token VF users must present (EAL option
	 *  --vfio-vf-token). All zero: a random one (read it with
	 *  srnic_pf_vf_token_get()). */
	rte_uuid_t vf_token;
	/** vfio backend: VLAN filters each VF may ask for itself, its share
	 *  of the SRNIC_PF_VLAN_ENTRIES shared entries. One entry per VF is
	 *  kept for its port VLAN, so with N VFs a share fits when
	 *  N x (share + 1) <= 32; what is left is spare for filters the
	 *  administrator adds (srnic_pf_vf_vlan_filter()) past a VF's share.
	 *  A VF's share stays its own while it resets. 0: derived from the VF
	 *  count, min(8, (32 - N) / N), so 3 with 7 VFs. A value that does not
	 *  fit the VFs the PF has makes srnic_pf_open() fail with -EINVAL, and
	 *  one that does not fit a new VF count makes srnic_pf_vfs_create()
	 *  fail with -EINVAL, each logging the numbers. */
	uint16_t vlans_per_vf;
	/** Least time between two refusal log lines for one VF, and between
	 *  two NACKs to a VF that is not clear to send (default 2000 ms). */
	uint32_t nack_interval_ms;
};

/** What srnic_pf_info_get() tells about a PF. */
struct srnic_pf_info {
	char name[SRNIC_PF_NAME_LEN];		/**< PCI address */
	enum srnic_pf_backend backend;		/**< who drives it */
	const char *backend_name;		/**< "vfio" or "kernel" */
	char driver[SRNIC_PF_DRIVER_LEN];	/**< "vfio-pci" or "igb" */
	char netdev[SRNIC_PF_DRIVER_LEN];	/**< kernel interface, "" for vfio */
	uint16_t device_id;			/**< PCI device ID */
	uint16_t max_vfs;			/**< VFs it may have */
	uint16_t nb_vfs;			/**< VFs it has */
	struct rte_ether_addr mac;		/**< the PF's MAC */
	bool link_up;				/**< port link */
	uint32_t link_speed_mbps;		/**< 10/100/1000, 0 when down */
	/** vfio backend: true when the service waits on the mailbox
	 *  interrupt, false when it polls with back-off. */
	bool interrupt;
};

/** What srnic_pf_vf_info_get() tells about a VF. */
struct srnic_pf_vf_info {
	uint16_t vf;				/**< index below the PF */
	char pci_addr[SRNIC_PF_NAME_LEN];	/**< its PCI address */
	char driver[SRNIC_PF_DRIVER_LEN];	/**< "" when unbound */
	char netdev[SRNIC_PF_DRIVER_LEN];	/**< kernel interface, or "" */
	int iommu_group;			/**< -1 without one */
	struct rte_ether_addr mac;		/**< the VF's MAC (zero: none) */
	bool mac_admin;		/**< set by the administrator (an untrusted VF cannot change it) */
	uint16_t port_vlan;			/**< port VLAN ID, 0 for none */
	uint8_t port_qos;			/**< its 802.1p priority */
	bool trusted;				/**< trust on */
	uint32_t spoofchk;			/**< SRNIC_PF_SPOOFCHK_* enabled */
	enum srnic_pf_link_state link_state;	/**< what the VF is told */
	/** vfio backend: SRNIC_PF_RXMODE_* the VF may use. */
	uint32_t rxmode_allowed;
	/** vfio backend: SRNIC_PF_RXMODE_* in force (broadcast when allowed,
	 *  multicast when all-multicast is on, promiscuous when on). */
	uint32_t rxmode;
	bool cts;		/**< vfio: the VF completed its reset handshake */
	uint16_t max_frame;	/**< vfio: largest frame the VF asked for, 0 if never */
	uint16_t nb_mc;		/**< vfio: multicast hashes the VF listed */
	uint16_t nb_vlans;	/**< vfio: VLAN filters, port VLAN not counted */
	uint16_t vlans[SRNIC_PF_VF_MAX_VLANS];	/**< vfio: the VLAN IDs */
};

/** Mailbox and traffic counters of one VF (vfio backend). */
struct srnic_pf_vf_stats {
	uint64_t msgs;		/**< requests read from the VF's mailbox */
	uint64_t acks;		/**< replies with ACK */
	uint64_t nacks;		/**< replies with NACK */
	uint64_t bad_msgs;	/**< malformed requests (also NACKed) */
	uint64_t dropped;	/**< requests before clear-to-send left unanswered */
	uint64_t resets;	/**< VF_RESET requests */
	uint64_t flrs;		/**< function-level resets seen (VFLRE) */
	uint64_t pings;		/**< control messages the PF sent */
	uint64_t mbx_busy;	/**< mailbox lock not obtained */
	uint64_t rx_packets;	/**< NIC: good packets received by the VF's pool */
	uint64_t tx_packets;	/**< NIC: good packets sent by the VF's pool */
	uint64_t rx_bytes;	/**< NIC: octets received (with CRC) */
	uint64_t tx_bytes;	/**< NIC: octets sent (with CRC) */
	/* Refused requests by reason, one reason each; a malformed one counts
	 * only in bad_msgs, a lock not obtained only in mbx_busy. */
	uint64_t refused_not_ready;	/**< well-formed requests before the VF's reset
					 *   handshake (NACKed or dropped) */
	uint64_t refused_by_app;	/**< requests an event callback denied */
	uint64_t refused_by_policy;	/**< requests the PF's policy refused (administrator
					 *   MAC, port VLAN, VLAN filter quota or space,
					 *   receive modes not allowed) */
};

/** IDs of the VF requests an event callback sees. */
enum srnic_pf_msg_id {
	SRNIC_PF_MSG_RESET = 0x01,		/**< VF_RESET */
	SRNIC_PF_MSG_SET_MAC = 0x02,		/**< SET_MAC_ADDR */
	SRNIC_PF_MSG_SET_MULTICAST = 0x03,	/**< SET_MULTICAST */
	SRNIC_PF_MSG_SET_VLAN = 0x04,		/**< SET_VLAN */
	SRNIC_PF_MSG_SET_LPE = 0x05,		/**< SET_LPE: largest frame */
	SRNIC_PF_MSG_SET_PROMISC = 0x06,	/**< SET_PROMISC */
};

/** A VF request after validation: only checked values reach a callback. */
struct srnic_pf_vf_msg {
	enum srnic_pf_msg_id id;	/**< which request */
	uint8_t info;			/**< raw info byte of word 0 */
	struct rte_ether_addr mac;	/**< SET_MAC: the address (zero: clear extras) */
	uint16_t vlan;			/**< SET_VLAN: the VLAN ID */
	bool vlan_add;			/**< SET_VLAN: add (true) or remove */
	uint16_t nb_mc;			/**< SET_MULTICAST: hashes listed */
	bool all_multi;			/**< SET_MULTICAST: more than fit, wants all */
	uint16_t mc_hash[30];		/**< SET_MULTICAST: the 12-bit hashes */
	uint32_t max_frame;		/**< SET_LPE: frame length in bytes */
	bool promisc_unicast;		/**< SET_PROMISC: unicast promiscuous */
	bool promisc_multicast;		/**< SET_PROMISC: all multicast */
	const uint32_t *words;		/**< the 16 raw mailbox words */
};

/** What happened, for an event callback. */
enum srnic_pf_event_type {
	SRNIC_PF_EVENT_VF_MSG,		/**< a valid VF request, before the PF acts */
	SRNIC_PF_EVENT_VF_RESET,	/**< a VF reset (request done, or FLR seen) */
	SRNIC_PF_EVENT_LINK,		/**< the port link changed */
};

/** An event, valid only during the callback. */
struct srnic_pf_event {
	enum srnic_pf_event_type type;	/**< what happened */
	uint16_t vf;			/**< the VF (not for SRNIC_PF_EVENT_LINK) */
	/** SRNIC_PF_EVENT_VF_MSG: the request. */
	const struct srnic_pf_vf_msg *msg;
	/** SRNIC_PF_EVENT_VF_RESET: true for an FLR, false for a VF_RESET
	 *  request. SRNIC_PF_EVENT_LINK: the new link state. */
	bool flag;
};

/** What the library does with a VF request after the callback. */
enum srnic_pf_verdict {
	SRNIC_PF_ALLOW,		/**< apply the PF's policy, as without a callback */
	SRNIC_PF_DENY,		/**< refuse: NACK, nothing changes */
	/** the callback did it: ACK, the library does nothing (a reset
	 *  request is still served: the VF cannot work without it) */
	SRNIC_PF_HANDLED,
};

/**
 * Event callback. Runs on the thread that calls srnic_pf_poll() with the
 * PF's lock held; it may call srnic_pf_* functions on the same PF (the
 * lock is recursive) but not srnic_pf_close(). The verdict counts only for
 * SRNIC_PF_EVENT_VF_MSG; the first callback not answering SRNIC_PF_ALLOW
 * decides.
 */
typedef enum srnic_pf_verdict (*srnic_pf_event_cb)(struct srnic_pf *pf,
	const struct srnic_pf_event *ev, void *arg);

/**
 * Open the PF at @p pci_addr. The backend follows its driver: vfio-pci
 * gives the vfio backend (the NIC is reset and initialised for VF pools;
 * existing VFs must reset to talk to it), igb gives the kernel backend.
 * EAL must be initialised; for the vfio backend EAL must not probe the PF
 * (--no-pci, or -b \<pf\>).
 *
 * @param pci_addr "0000:01:00.0" or "01:00.0".
 * @param opts NULL for defaults.
 * @param[out] pf the handle.
 * @return 0; -EINVAL bad address or options (also: vfio backend,
 *   srnic_pf_opts::vlans_per_vf does not fit the VFs the PF has); -ENODEV no such device;
 *   -ENOTSUP not an SR-IOV igb PF or a driver with no backend; -ENXIO not
 *   bound to a driver; -EBUSY already open; -EPERM/-ENOENT vfio not usable
 *   (see the log); -EIO the NIC did not come out of reset; -ENOMEM.
 */
int srnic_pf_open(const char *pci_addr, const struct srnic_pf_opts *opts,
	struct srnic_pf **pf);

/**
 * Find a PF this process opened.
 * @param pci_addr "0000:01:00.0" or "01:00.0".
 * @return the handle, or NULL (rte_errno ENODEV) when it is not open.
 */
struct srnic_pf *srnic_pf_get(const char *pci_addr);

/**
 * Close the PF. The VFs stay (remove them first with srnic_pf_vfs_remove()
 * if wanted); with the vfio backend they lose their PF: receive and
 * transmit are turned off, and they see a PF reset.
 * @return 0, or -EINVAL for NULL.
 */
int srnic_pf_close(struct srnic_pf *pf);

/** @return the backend of @p pf. */
enum srnic_pf_backend srnic_pf_backend(const struct srnic_pf *pf);

/** @return "vfio" or "kernel" (or "?" for an unknown value). */
const char *srnic_pf_backend_name(enum srnic_pf_backend backend);

/** Fill @p info. @return 0 or -EINVAL. */
int srnic_pf_info_get(struct srnic_pf *pf, struct srnic_pf_info *info);

/**
 * Create @p nb_vfs VFs through sysfs (sriov_numvfs), removing existing ones
 * first when their number differs. Each new VF gets a MAC: the vfio backend
 * derives a locally administered one from the PF's MAC (not an
 * administrator MAC: the VF may change it); the kernel backend leaves it to
 * Linux. With the vfio backend the kernel binds the VFs to vfio-pci and VF
 * users need the VF token.
 * @return 0; -EINVAL 0 or more than the PF allows, or (vfio backend)
 *   srnic_pf_opts::vlans_per_vf does not fit that many VFs; -ENOTSUP vfio-pci was
 *   loaded without enable_sriov=1; -EBUSY VFs in use; -ETIMEDOUT the VFs
 *   did not appear.
 */
int srnic_pf_vfs_create(struct srnic_pf *pf, uint16_t nb_vfs);

/** Remove every VF (sriov_numvfs = 0). @return 0 or a negative errno. */
int srnic_pf_vfs_remove(struct srnic_pf *pf);

/** @return the number of VFs (>= 0), or a negative errno. */
int srnic_pf_vf_count(struct srnic_pf *pf);

/**
 * Bind VF @p vf to kernel driver @p driver ("vfio-pci", "igbvf"), or unbind
 * it when @p driver is NULL or "". @return 0; -EINVAL; -ENODEV no such VF;
 * -EIO the driver did not take it.
 */
int srnic_pf_vf_bind(struct srnic_pf *pf, uint16_t vf, const char *driver);

/** Fill @p info for VF @p vf. @return 0; -EINVAL; -ENODEV no such VF. */
int srnic_pf_vf_info_get(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_info *info);

/**
 * Fill up to @p max entries of @p info, one per VF in index order.
 * @return the number of VFs (may exceed @p max), or a negative errno.
 */
int srnic_pf_vf_list(struct srnic_pf *pf, struct srnic_pf_vf_info *info, uint16_t max);

/**
 * Give VF @p vf an administrator MAC. An untrusted VF cannot change it.
 * vfio backend: a running VF is asked to reset so it picks it up.
 * @return 0; -EINVAL not a unicast address; -EADDRINUSE another VF or the
 *   PF has it; -ENODEV no such VF.
 */
int srnic_pf_set_vf_mac(struct srnic_pf *pf, uint16_t vf, const struct rte_ether_addr *mac);

/**
 * Set the port VLAN of VF @p vf: every frame the VF sends is tagged with
 * @p vlan_id and priority @p qos, frames for it must carry that tag (it is
 * stripped), untagged frames no longer reach it, and the VF may not add VLAN
 * filters of its own (its existing ones are removed). @p vlan_id 0 removes
 * the port VLAN.
 * vfio backend: an entry is kept for each VF's port VLAN, so VLAN filters
 * of VFs never make this fail (see srnic_pf_opts::vlans_per_vf).
 * @return 0; -EINVAL @p vlan_id above 4094 or @p qos above 7; -ENOSPC no
 *   VLAN filter entry left (kernel backend); -ENODEV no such VF.
 */
int srnic_pf_set_vf_vlan(struct srnic_pf *pf, uint16_t vf, uint16_t vlan_id, uint8_t qos);

/**
 * Add (@p on) or remove a VLAN filter for VF @p vf, as if the VF had asked
 * (vfio backend only; a kernel-PF VF asks Linux itself). It counts against
 * the VF's share (srnic_pf_opts::vlans_per_vf) and, once that is full,
 * against the spare entries, which VFs cannot take: VFs using their shares
 * never make this fail. Like the VF's own filters it goes when the VF
 * resets.
 * @return 0; -EINVAL bad ID; -EPERM the VF has a port VLAN; -ENOSPC the
 *   VF's share and the spare entries are full; -ENOTSUP kernel backend;
 *   -ENODEV no such VF.
 */
int srnic_pf_vf_vlan_filter(struct srnic_pf *pf, uint16_t vf, uint16_t vlan_id, bool on);

/**
 * Set which receive modes VF @p vf may use (SRNIC_PF_RXMODE_*; vfio
 * backend only). Taking a mode away turns it off at once; broadcast is on
 * exactly when allowed, the others when the VF also asks.
 * @return 0; -EINVAL unknown bits; -ENOTSUP kernel backend; -ENODEV.
 */
int srnic_pf_set_vf_rxmode(struct srnic_pf *pf, uint16_t vf, uint32_t allowed);

/**
 * Turn the anti-spoof checks of VF @p vf on (bits of
 * SRNIC_PF_SPOOFCHK_*) or off. The kernel backend knows only both or none.
 * @return 0; -EINVAL unknown bits; -ENOTSUP a mix with the kernel backend.
 */
int srnic_pf_set_vf_spoofchk(struct srnic_pf *pf, uint16_t vf, uint32_t checks);

/** Trust VF @p vf (it may then change an administrator MAC). @return 0 or a negative errno. */
int srnic_pf_set_vf_trust(struct srnic_pf *pf, uint16_t vf, bool trusted);

/**
 * Set the link state VF @p vf is told about. vfio backend: DOWN sends the VF
 * a control message without clear-to-send and keeps it off replies, which
 * igb VF drivers read as link down; UP and AUTO both give clear-to-send (a VF
 * also reads the port's link bit itself, so UP cannot raise a down port).
 * @return 0; -EINVAL; -ENOTSUP the kernel driver has no such knob.
 */
int srnic_pf_set_vf_link_state(struct srnic_pf *pf, uint16_t vf,
	enum srnic_pf_link_state state);

/** Counters of VF @p vf. @return 0; -ENOTSUP kernel backend; -ENODEV. */
int srnic_pf_vf_stats_get(struct srnic_pf *pf, uint16_t vf, struct srnic_pf_vf_stats *stats);

/** Zero the counters of VF @p vf. @return 0 or a negative errno. */
int srnic_pf_vf_stats_reset(struct srnic_pf *pf, uint16_t vf);

/**
 * Register an event callback (vfio backend). @return 0; -ENOTSUP kernel
 * backend (Linux owns the mailbox); -ENOSPC too many callbacks.
 */
int srnic_pf_callback_register(struct srnic_pf *pf, srnic_pf_event_cb cb, void *arg);

/** Remove a callback registered with the same arguments. @return 0 or -ENOENT. */
int srnic_pf_callback_unregister(struct srnic_pf *pf, srnic_pf_event_cb cb, void *arg);

/**
 * Serve the mailbox once without blocking: VF resets, VF requests and
 * acknowledgements, link changes. Call it whenever srnic_pf_wait() returns,
 * or from a loop that sleeps between calls.
 * @return events handled (>= 0), or a negative errno. The kernel backend
 *   has nothing to do and returns 0.
 */
int srnic_pf_poll(struct srnic_pf *pf);

/**
 * Block until the PF may have work for srnic_pf_poll(), at most @p
 * timeout_ms (negative: no limit). With the mailbox interrupt it sleeps on
 * it; without, it sleeps for a growing interval (1 ms doubling to 64 ms,
 * back to 1 ms once a poll found work), so an idle PF costs no CPU.
 * @return 1 when there may be work, 0 on timeout, or a negative errno.
 */
int srnic_pf_wait(struct srnic_pf *pf, int timeout_ms);

/**
 * A file descriptor that becomes readable when the PF has mailbox work,
 * for an application's own poll()/epoll loop: call srnic_pf_poll() when it
 * is readable (that also resets it), and at least once a second so link
 * changes are seen even without their interrupt.
 * @return the fd (owned by the library), or -ENOTSUP when the PF runs
 *   without the interrupt or with the kernel backend.
 */
int srnic_pf_event_fd(struct srnic_pf *pf);

/**
 * Start a control thread that waits and polls for @p pf until
 * srnic_pf_service_stop() or srnic_pf_close().
 * @return 0; -EALREADY running; or a negative errno.
 */
int srnic_pf_service_start(struct srnic_pf *pf);

/** Stop the service thread. @return 0, or -ENOENT when none runs. */
int srnic_pf_service_stop(struct srnic_pf *pf);

/**
 * The VF token as a UUID string (vfio backend): what VF users pass to EAL
 * as --vfio-vf-token=\<token\>.
 * @return 0; -ENOTSUP kernel backend; -ENOSPC @p len below
 *   SRNIC_PF_TOKEN_LEN.
 */
int srnic_pf_vf_token_get(struct srnic_pf *pf, char *buf, size_t len);

/** Print the PF and every VF, one line each, to @p f. @return 0 or a negative errno. */
int srnic_pf_dump(struct srnic_pf *pf, FILE *f);

/**
 * @name Handing a PF over to another process
 * A PF manager upgrades without resetting the PF or its VFs: the running
 * process exports the PF (its vfio descriptors and a versioned snapshot of
 * everything srnic keeps about it), stops serving it, and passes both over
 * a UNIX socket (the fds with SCM_RIGHTS); the new process imports them and
 * serves the mailbox from then on; the old one releases its handle, which
 * touches nothing in the NIC. Requests VFs post in between wait in the
 * mailbox and are served by the new process's first srnic_pf_poll().
 * vfio backend only.
 */
/**@{*/
/** The vfio container, IOMMU group and device fds, and the mailbox
 *  interrupt's eventfd (-1 when the PF polls). */
#define SRNIC_PF_HANDOVER_FDS	4

/** What srnic_pf_handover_export() gives and srnic_pf_handover_import()
 *  takes. */
struct srnic_pf_handover {
	int fd[SRNIC_PF_HANDOVER_FDS];	/**< still the exporting handle's */
	void *state;			/**< the snapshot; free() it */
	size_t state_len;		/**< its size in bytes */
	uint64_t stopped_ms;		/**< CLOCK_MONOTONIC ms at the export */
};

/**
 * Export @p pf: fill @p h with its descriptors and a snapshot of its state.
 * The caller must not poll @p pf afterwards unless the import failed (the
 * snapshot would be stale): a failed handover resumes with srnic_pf_poll().
 * @return 0; -ENOTSUP kernel backend; -ENOMEM.
 */
int srnic_pf_handover_export(struct srnic_pf *pf, struct srnic_pf_handover *h);

/**
 * Take over the PF at @p pci_addr from @p h, received from the exporting
 * process: check the snapshot's version, that it is of this PF, and that
 * the NIC's filter registers and VF count still say what it says, then map
 * BAR0 and return a handle that serves the PF as the old one did, without
 * writing to the NIC. On success the handle owns the descriptors; on
 * failure they stay the caller's and the NIC is untouched.
 * @return 0; -EPROTO a snapshot of another version or size; -EINVAL not
 *   of this PF; -ESTALE the NIC differs from it; -EBUSY open here already;
 *   or a negative errno. Each failure is logged with the reason.
 */
int srnic_pf_handover_import(const char *pci_addr, const struct srnic_pf_handover *h,
	struct srnic_pf **pf);

/**
 * Free @p pf after another process took it over: unmap, close the
 * descriptors, free the handle. Nothing in the NIC changes (no reset, no
 * interrupt change), whatever srnic_pf_close() would do.
 * @return 0 or a negative errno.
 */
int srnic_pf_handover_release(struct srnic_pf *pf);
/**@}*/

#ifdef __cplusplus
}
#endif

#endif /* RTE_SRNIC_PF_H */

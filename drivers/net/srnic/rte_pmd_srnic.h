/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * srnic port API: a poll-mode driver for Intel igb-family SR-IOV Virtual
 * Functions (82576 VF 8086:10ca, I350 VF 8086:1520) bound to vfio-pci.
 *
 * The API is shaped like rte_ethdev so NFV code ports over easily, but srnic
 * owns its port registry: Debian's DPDK installs no driver-SDK headers, so a
 * port here is not an rte_ethdev port. Port ids are srnic's own.
 *
 * EAL must not probe the VFs srnic drives: start EAL with --no-pci, or with
 * "-b <pci address>" for each such VF. Hugepages and vfio-pci are required.
 *
 * Lifecycle: srnic_dev_probe() (or srnic_dev_scan()), srnic_dev_configure(),
 * srnic_rx_queue_setup()/srnic_tx_queue_setup(), srnic_dev_start(), then
 * srnic_rx_burst()/srnic_tx_burst(); srnic_dev_stop(), srnic_dev_close().
 * Control functions are not thread-safe against each other for one port;
 * the burst functions may run on other lcores (one lcore per queue).
 *
 * Errors are negative errno values, also stored in rte_errno; every error
 * is logged with the device name and what to do.
 */
#ifndef RTE_PMD_SRNIC_H
#define RTE_PMD_SRNIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_branch_prediction.h>
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most ports one process can drive. */
#define SRNIC_MAX_PORTS 32
/** Most queue pairs of any supported VF (82576 has two per pool). */
#define SRNIC_MAX_QUEUES 2
/** Length of a port name: its PCI address, "0000:01:10.0". */
#define SRNIC_NAME_LEN 32
/** Length of an extended statistic's name. */
#define SRNIC_XSTAT_NAME_LEN 64

/** @name RX offload flags for srnic_conf::rx_offloads */
/**@{*/
#define SRNIC_RX_OFFLOAD_CHECKSUM	RTE_BIT64(0)	/**< report IPv4/L4 checksum status */
#define SRNIC_RX_OFFLOAD_SCATTER	RTE_BIT64(1)	/**< frames larger than a buffer */
#define SRNIC_RX_OFFLOAD_VLAN_STRIP	RTE_BIT64(2)	/**< report tags the PF stripped */
/**@}*/

/** @name TX offload flags for srnic_conf::tx_offloads */
/**@{*/
#define SRNIC_TX_OFFLOAD_MULTI_SEGS	RTE_BIT64(0)	/**< mbuf chains */
#define SRNIC_TX_OFFLOAD_VLAN_INSERT	RTE_BIT64(1)	/**< RTE_MBUF_F_TX_VLAN */
#define SRNIC_TX_OFFLOAD_IPV4_CKSUM	RTE_BIT64(2)	/**< RTE_MBUF_F_TX_IP_CKSUM */
#define SRNIC_TX_OFFLOAD_L4_CKSUM	RTE_BIT64(3)	/**< TCP/UDP checksum */
/** The app holds no other reference to mbufs it sends (refcnt 1): the
 *  driver frees them without looking at reference counts. */
#define SRNIC_TX_OFFLOAD_MBUF_FAST_FREE	RTE_BIT64(4)
/**@}*/

/** Options for srnic_dev_probe(). Grows only at the end. */
struct srnic_probe_opts {
	uint32_t size;		/**< sizeof(struct srnic_probe_opts) */
	/** Milliseconds between checks of the mailbox and link for events;
	 *  0 means the default (100 ms). */
	uint32_t event_period_ms;
};

/** What a port offers, from srnic_dev_info_get(). */
struct srnic_dev_info {
	char name[SRNIC_NAME_LEN];	/**< PCI address */
	uint16_t vendor_id;		/**< 0x8086 */
	uint16_t device_id;		/**< 0x10ca or 0x1520 */
	char pf_name[SRNIC_NAME_LEN];	/**< PCI address of the PF */
	int numa_node;			/**< socket of the device, or SOCKET_ID_ANY */
	uint16_t max_rx_queues;		/**< queue pairs the VF has */
	uint16_t max_tx_queues;		/**< as max_rx_queues */
	uint16_t rx_desc_min;		/**< fewest descriptors a ring may have */
	uint16_t rx_desc_max;		/**< most descriptors a ring may have */
	uint16_t tx_desc_min;		/**< as rx_desc_min */
	uint16_t tx_desc_max;		/**< as rx_desc_max */
	uint16_t desc_align;		/**< ring sizes are a multiple of this */
	uint16_t min_rx_bufsize;	/**< smallest usable mbuf data room after headroom */
	uint32_t max_rx_pktlen;		/**< largest frame, with Ethernet header and CRC */
	uint16_t min_mtu;		/**< smallest MTU */
	uint16_t max_mtu;		/**< largest MTU */
	uint16_t max_tx_segs;		/**< most segments in a TX packet */
	uint64_t rx_offload_capa;	/**< SRNIC_RX_OFFLOAD_* */
	uint64_t tx_offload_capa;	/**< SRNIC_TX_OFFLOAD_* */
	struct rte_ether_addr mac;	/**< current MAC address */
};

/** Port configuration for srnic_dev_configure(). Grows only at the end. */
struct srnic_conf {
	uint32_t size;			/**< sizeof(struct srnic_conf) */
	uint16_t mtu;			/**< 0 for 1500 */
	uint64_t rx_offloads;		/**< SRNIC_RX_OFFLOAD_* */
	uint64_t tx_offloads;		/**< SRNIC_TX_OFFLOAD_* */
};

/** RX queue options for srnic_rx_queue_setup(); NULL means defaults. */
struct srnic_rxq_conf {
	uint32_t size;			/**< sizeof(struct srnic_rxq_conf) */
	/** Refill the ring in batches of this many descriptors (0: half the
	 *  ring, at most 256 and at most half the mempool's per-lcore cache,
	 *  but 32 at least). */
	uint16_t free_thresh;
	/** Drop packets for this queue when it has no free descriptor,
	 *  instead of holding up the NIC's shared packet buffer. */
	bool drop_en;
	uint8_t pthresh;		/**< prefetch threshold (0: 16) */
	uint8_t hthresh;		/**< host threshold (0: 8) */
	uint8_t wthresh;		/**< write-back threshold; forced to 1 on 82576 */
};

/** TX queue options for srnic_tx_queue_setup(); NULL means defaults. */
struct srnic_txq_conf {
	uint32_t size;			/**< sizeof(struct srnic_txq_conf) */
	/** Reclaim sent mbufs when fewer than this many descriptors are
	 *  free (0: 32). */
	uint16_t free_thresh;
	/** Ask for a completion report every this many descriptors; the
	 *  driver frees sent mbufs in batches of this size (0: 32). */
	uint16_t rs_thresh;
};

/** Link state from srnic_link_get(). */
struct srnic_link {
	uint32_t speed_mbps;		/**< 10, 100, 1000; 0 when down */
	bool up;			/**< the VF can pass traffic */
	bool full_duplex;		/**< full duplex */
};

/** Basic statistics, counted by the driver per queue and summed. */
struct srnic_stats {
	uint64_t ipackets;		/**< packets delivered to the application */
	uint64_t opackets;		/**< packets handed to the NIC */
	uint64_t ibytes;		/**< bytes delivered, without CRC */
	uint64_t obytes;		/**< bytes sent, without CRC */
	uint64_t imissed;		/**< dropped by the NIC for lack of buffers (the VF
					     cannot see this count; stays 0) */
	uint64_t ierrors;		/**< frames with receive errors, dropped */
	uint64_t oerrors;		/**< packets refused by the TX path (too many segments) */
	uint64_t rx_nombuf;		/**< RX refills that found the mempool empty */
	uint64_t q_ipackets[SRNIC_MAX_QUEUES];	/**< ipackets per queue */
	uint64_t q_opackets[SRNIC_MAX_QUEUES];	/**< opackets per queue */
	uint64_t q_ibytes[SRNIC_MAX_QUEUES];	/**< ibytes per queue */
	uint64_t q_obytes[SRNIC_MAX_QUEUES];	/**< obytes per queue */
};

/** Name of an extended statistic. */
struct srnic_xstat_name {
	char name[SRNIC_XSTAT_NAME_LEN];	/**< e.g. "rx_hw_packets" */
};

/** Value of an extended statistic. */
struct srnic_xstat {
	uint64_t id;			/**< index into the names array */
	uint64_t value;			/**< current value */
};

/** Register snapshot from srnic_dev_get_regs(). */
struct srnic_reg_info {
	uint32_t *data;			/**< NULL to ask only for @c length */
	uint32_t length;		/**< number of registers */
	uint32_t width;			/**< bytes per register (4) */
	uint32_t offset;		/**< unused; 0 */
	uint32_t version;		/**< PCI device id of the VF */
};

/** Events a port raises. */
enum srnic_event {
	SRNIC_EVENT_LINK_CHANGE,	/**< link went up or down */
	SRNIC_EVENT_RESET_NEEDED,	/**< PF reset or mailbox timeout: call srnic_dev_reset() */
	SRNIC_EVENT_PF_MESSAGE,		/**< the PF posted a control message */
	SRNIC_EVENT_MAX			/**< number of event kinds */
};

/**
 * Event callback. Runs on srnic's control thread (or on the thread of the
 * control call that found the event); it must not call srnic_dev_reset()
 * or srnic_dev_close() itself: flag the port and act from the app's thread.
 */
typedef void (*srnic_event_cb)(uint16_t port_id, enum srnic_event event, void *arg);

/**
 * Open a VF by PCI address and bring it to the "probed" state: vfio set up,
 * BAR0 mapped, bus mastering on, reset handshake with the PF done, MAC
 * address known (a random locally administered one, with a warning, when
 * the PF gives none).
 *
 * @param pci_addr "0000:01:10.0" or "01:10.0".
 * @param opts NULL for defaults.
 * @param[out] port_id the new port.
 * @return 0; -EINVAL bad address; -ENODEV no such device; -ENOTSUP not a
 *   supported VF or no IOMMU; -EBUSY bound to another driver or already
 *   probed (by srnic or by EAL's PCI bus); -ENXIO bound to no driver; -EPERM
 *   IOMMU group not viable; -ENOMEM no hugepages or memory; -ETIMEDOUT the PF
 *   does not answer; -ENOSPC SRNIC_MAX_PORTS reached.
 */
int srnic_dev_probe(const char *pci_addr, const struct srnic_probe_opts *opts,
	uint16_t *port_id);

/**
 * Probe every supported VF bound to vfio-pci that no port holds yet.
 *
 * @param[out] port_ids the ports probed, in PCI address order.
 * @param max room in @p port_ids.
 * @param opts NULL for defaults.
 * @return how many ports were probed (>= 0), or a negative errno when a VF
 *   that should have worked could not be probed (others stay probed).
 */
int srnic_dev_scan(uint16_t *port_ids, uint16_t max, const struct srnic_probe_opts *opts);

/** @return number of ports currently probed. */
uint16_t srnic_dev_count(void);

/** @return true when @p port_id is a probed port. */
bool srnic_dev_is_valid(uint16_t port_id);

/**
 * Find a port by PCI address.
 * @return 0 and @p port_id set, or -ENODEV.
 */
int srnic_dev_get_port_by_name(const char *pci_addr, uint16_t *port_id);

/** Fill @p info. @return 0 or -ENODEV. */
int srnic_dev_info_get(uint16_t port_id, struct srnic_dev_info *info);

/**
 * Configure queue counts, MTU and offloads of a stopped port.
 * @param port_id the port.
 * @param nb_rxq RX queues, 1 to srnic_dev_info::max_rx_queues.
 * @param nb_txq TX queues, 1 to srnic_dev_info::max_tx_queues.
 * @param conf NULL for defaults (MTU 1500, no offloads).
 * @return 0; -EINVAL bad counts, MTU or offloads; -EBUSY port started.
 */
int srnic_dev_configure(uint16_t port_id, uint16_t nb_rxq, uint16_t nb_txq,
	const struct srnic_conf *conf);

/**
 * Set up RX queue @p queue_id with @p nb_desc descriptors filled from @p mp.
 * Frames larger than one mbuf need SRNIC_RX_OFFLOAD_SCATTER.
 * @return 0; -EINVAL bad queue, count (see srnic_dev_info) or mempool
 *   (data room too small); -EBUSY port started; -ENOMEM.
 */
int srnic_rx_queue_setup(uint16_t port_id, uint16_t queue_id, uint16_t nb_desc,
	int socket_id, const struct srnic_rxq_conf *conf, struct rte_mempool *mp);

/**
 * Set up TX queue @p queue_id with @p nb_desc descriptors.
 * @return 0; -EINVAL bad queue or count; -EBUSY port started; -ENOMEM.
 */
int srnic_tx_queue_setup(uint16_t port_id, uint16_t queue_id, uint16_t nb_desc,
	int socket_id, const struct srnic_txq_conf *conf);

/**
 * Program and enable every configured queue, fill RX rings, apply the MTU
 * and filters. @return 0; -EINVAL a queue is not set up; -ENOMEM mempool
 * empty; -EIO a PF request failed; -ETIMEDOUT mailbox timeout.
 */
int srnic_dev_start(uint16_t port_id);

/** Disable queues and give every mbuf back to its pool. @return 0 or -ENODEV. */
int srnic_dev_stop(uint16_t port_id);

/** Stop, release queues and the device; @p port_id becomes invalid. */
int srnic_dev_close(uint16_t port_id);

/**
 * Recover after SRNIC_EVENT_RESET_NEEDED (or at any time): reset the VF,
 * redo the handshake with the PF, and bring the port back to the same
 * configuration and started state. @return 0 or a negative errno (the
 * port is then stopped and "reset needed" stays set).
 */
int srnic_dev_reset(uint16_t port_id);

/** @return true when the port waits for srnic_dev_reset(). */
bool srnic_dev_reset_needed(uint16_t port_id);

/** Current link state. @return 0 or -ENODEV. */
int srnic_link_get(uint16_t port_id, struct srnic_link *link);

/** Sum of the per-queue counters. @return 0 or -ENODEV. */
int srnic_stats_get(uint16_t port_id, struct srnic_stats *stats);

/** Zero basic and extended statistics. @return 0 or -ENODEV. */
int srnic_stats_reset(uint16_t port_id);

/**
 * Names of the extended statistics.
 * @param port_id the port.
 * @param names NULL, or room for @p n names.
 * @param n room in @p names.
 * @return number of xstats (call with NULL to size the array).
 */
int srnic_xstats_get_names(uint16_t port_id, struct srnic_xstat_name *names, unsigned int n);

/**
 * Values of the extended statistics, same order as the names.
 * @param port_id the port.
 * @param xstats room for @p n values.
 * @param n room in @p xstats.
 * @return number of xstats; when larger than @p n nothing was written.
 */
int srnic_xstats_get(uint16_t port_id, struct srnic_xstat *xstats, unsigned int n);

/** Current MAC address. @return 0 or -ENODEV. */
int srnic_mac_addr_get(uint16_t port_id, struct rte_ether_addr *mac);

/**
 * Ask the PF to change the MAC. @return 0; -EINVAL not a unicast address;
 * -EPERM the PF refused (the administrator set this VF's MAC and the VF is
 * not trusted); -ETIMEDOUT no answer.
 */
int srnic_mac_addr_set(uint16_t port_id, const struct rte_ether_addr *mac);

/**
 * Receive every unicast frame the PF lets through. @return 0; -EPERM the
 * PF refused (Linux's igb refuses unicast promiscuous for VFs).
 */
int srnic_promiscuous_enable(uint16_t port_id);
/** Back to filtered unicast. @return 0 or a negative errno. */
int srnic_promiscuous_disable(uint16_t port_id);
/** Receive all multicast. @return 0; -EPERM refused by the PF. */
int srnic_allmulticast_enable(uint16_t port_id);
/** Back to the multicast list. @return 0 or a negative errno. */
int srnic_allmulticast_disable(uint16_t port_id);

/**
 * Replace the multicast filter list (more than 30 addresses turn into all
 * multicast, the NIC's limit a VF). @p n 0 clears the list.
 * @return 0; -EINVAL an address is not multicast; -EPERM refused.
 */
int srnic_set_mc_addr_list(uint16_t port_id, const struct rte_ether_addr *mc, uint32_t n);

/**
 * Add (@p on) or remove a VLAN filter. @return 0; -EINVAL id above 4095;
 * -EPERM refused (e.g. the PF set a port VLAN for this VF).
 */
int srnic_vlan_filter_set(uint16_t port_id, uint16_t vlan_id, bool on);

/**
 * Set the MTU (frame = MTU + 14 + 4 CRC; the PF is asked for 4 more bytes
 * for a VLAN tag). On a started port it takes effect at once when every
 * RX queue can hold such a frame.
 * @return 0; -EINVAL out of range or frames would not fit without scatter;
 *   -EPERM refused by the PF.
 */
int srnic_set_mtu(uint16_t port_id, uint16_t mtu);

/** Register @p cb for @p event. @return 0; -EINVAL; -ENOMEM. */
int srnic_callback_register(uint16_t port_id, enum srnic_event event, srnic_event_cb cb,
	void *arg);

/** Remove a callback registered with the same arguments. @return 0 or -ENOENT. */
int srnic_callback_unregister(uint16_t port_id, enum srnic_event event, srnic_event_cb cb,
	void *arg);

/**
 * Look for events now (the control thread also does it periodically):
 * link change, PF reset, PF messages. Callbacks run before it returns.
 * @return 0 or -ENODEV.
 */
int srnic_dev_check_events(uint16_t port_id);

/**
 * Snapshot the VF's registers. With @c info->data NULL only @c length is
 * set. @return 0 or -ENODEV.
 */
int srnic_dev_get_regs(uint16_t port_id, struct srnic_reg_info *info);

/** Print every register with its name to @p f. @return 0 or -ENODEV. */
int srnic_dev_dump_regs(uint16_t port_id, FILE *f);

/** @cond INTERNAL */
/* Per-queue burst functions, switched between the real path of a started
 * port and a refusing one, for the inline burst calls below. */
typedef uint16_t (*srnic_burst_t)(void *queue, struct rte_mbuf **pkts, uint16_t n);

struct srnic_fp_ops {
	srnic_burst_t rx_burst;
	srnic_burst_t tx_burst;
	void *rxq[SRNIC_MAX_QUEUES];
	void *txq[SRNIC_MAX_QUEUES];
} __rte_cache_aligned;

extern struct srnic_fp_ops srnic_fp_ops[SRNIC_MAX_PORTS];

uint16_t srnic_burst_refuse(uint16_t port_id, uint16_t queue_id, bool rx);
/** @endcond */

/**
 * Receive up to @p n packets from RX queue @p queue_id of a started port.
 * Frames with receive errors are counted and dropped, never delivered.
 *
 * @return packets stored in @p pkts. 0 with rte_errno set when the port is
 *   not started (EAGAIN) or the ids are out of range (EINVAL).
 */
static inline uint16_t
srnic_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **pkts, uint16_t n)
{
	const struct srnic_fp_ops *fp;
	void *q;

	if (unlikely(port_id >= SRNIC_MAX_PORTS || queue_id >= SRNIC_MAX_QUEUES))
		return srnic_burst_refuse(port_id, queue_id, true);
	fp = &srnic_fp_ops[port_id];
	q = fp->rxq[queue_id];
	if (unlikely(q == NULL))
		return srnic_burst_refuse(port_id, queue_id, true);
	return fp->rx_burst(q, pkts, n);
}

/**
 * Queue up to @p n packets on TX queue @p queue_id of a started port. The
 * driver owns the mbufs it accepted and frees them once sent.
 *
 * @return packets accepted (the first ones of @p pkts); the rest stay the
 *   caller's. 0 with rte_errno set as for srnic_rx_burst().
 */
static inline uint16_t
srnic_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **pkts, uint16_t n)
{
	const struct srnic_fp_ops *fp;
	void *q;

	if (unlikely(port_id >= SRNIC_MAX_PORTS || queue_id >= SRNIC_MAX_QUEUES))
		return srnic_burst_refuse(port_id, queue_id, false);
	fp = &srnic_fp_ops[port_id];
	q = fp->txq[queue_id];
	if (unlikely(q == NULL))
		return srnic_burst_refuse(port_id, queue_id, false);
	return fp->tx_burst(q, pkts, n);
}

#ifdef __cplusplus
}
#endif

#endif /* RTE_PMD_SRNIC_H */

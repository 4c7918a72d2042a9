/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal state of a net_srnic port and its queues. Nothing here is public:
 * applications see ethdev port ids. struct srnic_port is the ethdev's
 * private data, in shared memory, so a secondary process sees the same
 * queues and counters; pointers in it stay valid there because EAL maps
 * hugepages and the VF's BAR at the same addresses in every process.
 */
#ifndef SRNIC_DEV_H
#define SRNIC_DEV_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <ethdev_driver.h>
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_tcp.h>

#include "igb_desc.h"
#include "igb_regs.h"
#include "srnic_mbx_vf.h"
#include "srnic_pci.h"
#include "rte_pmd_srnic.h"

#define SRNIC_RING_DESC_MIN		32
#define SRNIC_RING_DESC_MAX		4096
#define SRNIC_RX_FREE_THRESH_MIN	32
#define SRNIC_RX_FREE_THRESH_MAX	256
#define SRNIC_TX_FREE_THRESH_DEFAULT	32
#define SRNIC_TX_RS_THRESH_DEFAULT	32
/* SRRCTL sizes buffers in 1 KiB units: smaller buffers are unusable. */
#define SRNIC_RX_BUF_MIN		1024
#define SRNIC_RX_BUF_MAX		(127 * 1024)
#define SRNIC_ETH_OVERHEAD		(RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN)
#define SRNIC_VLAN_TAG_LEN		4
#define SRNIC_MIN_MTU			68
#define SRNIC_MAX_MTU			(IGB_MAX_FRAME_LEN - SRNIC_ETH_OVERHEAD - SRNIC_VLAN_TAG_LEN)
#define SRNIC_DEFAULT_MTU		1500
#define SRNIC_EVENT_PERIOD_MS		100
#define SRNIC_QUEUE_STOP_TIMEOUT_US	10000
#define SRNIC_MAX_MC_ADDRS		64
/* Most queue pairs of any supported VF (82576 and I350 have two a pool). */
#define SRNIC_MAX_QUEUES		IGB_VF_MAX_QUEUES_82576
#define SRNIC_NAME_LEN			RTE_ETH_NAME_MAX_LEN

#define SRNIC_RX_OFFLOAD_CAPA (RTE_ETH_RX_OFFLOAD_CHECKSUM | RTE_ETH_RX_OFFLOAD_SCATTER | \
			       RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_VLAN_FILTER)
#define SRNIC_TX_OFFLOAD_CAPA (RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_VLAN_INSERT | \
			       RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM | \
			       RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_TSO | \
			       RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE)

/* One RX queue. The first cache line is all the burst function reads. */
struct srnic_rxq {
	volatile union igb_rx_desc *ring;
	struct rte_mbuf **sw_ring;
	volatile uint32_t *rdt;		/* tail doorbell */
	struct rte_mempool *mp;
	uint64_t mbuf_initializer;	/* rearm_data of a fresh mbuf */
	uint16_t nb_desc;
	uint16_t next;			/* next descriptor to look at */
	uint16_t nb_hold;		/* handed out, waiting for refill */
	uint16_t free_thresh;		/* refill in batches of this size */
	uint16_t port_id;
	uint16_t queue_id;
	uint64_t ol_flags_mask;		/* offload flags the app asked for */

	struct rte_mbuf *pkt_first;	/* scatter: packet being assembled */
	struct rte_mbuf *pkt_last;
	uint16_t max_segs;		/* scatter: longest chain a frame needs */
	bool discard_to_eop;		/* scatter: dropping a too-long chain */

	/* Counters, written only by the lcore that polls this queue. */
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;
	uint64_t nombuf;		/* slots left without a buffer, each once */
	uint32_t nombuf_seen;		/* of the slots held now, those counted */
	uint64_t err_crc;
	uint64_t err_frame;		/* symbol, sequence, carrier, RXE */

	/* Control path. */
	const struct rte_memzone *mz;
	uint64_t ring_iova;
	uint32_t buf_size;		/* bytes the NIC may write per buffer */
	uint8_t pthresh, hthresh, wthresh;
	bool drop_en;
	uint64_t offloads;		/* per-queue offloads asked at setup */
	bool held_by_nic;		/* did not stop: buffers kept until reset */
} __rte_cache_aligned;

/* One TX queue. */
struct srnic_txq {
	volatile union igb_tx_desc *ring;
	struct rte_mbuf **sw_ring;	/* segment to free when its slot is done */
	volatile uint32_t *tdt;		/* tail doorbell */
	uint16_t *rs_fifo;		/* slots that carry RS, oldest first */
	uint16_t nb_desc;
	uint16_t tail;			/* next free slot */
	uint16_t nb_free;		/* free slots */
	uint16_t clean;			/* oldest slot not yet reclaimed */
	uint16_t free_thresh;
	uint16_t rs_thresh;
	uint16_t since_rs;		/* slots used since the last RS */
	uint16_t rs_fifo_size;
	uint16_t rs_head;		/* oldest pending RS entry */
	uint16_t rs_count;		/* pending RS entries */
	uint16_t port_id;
	uint16_t queue_id;
	uint16_t last_eop;		/* slot of the last packet's EOP */
	bool fast_free;			/* app promised refcnt 1 (MBUF_FAST_FREE) */
	bool single_segs;		/* only unchained mbufs in sw_ring */
	uint32_t ctx_vlan_macip;	/* context loaded in slot 0, to skip */
	uint32_t ctx_tucmd;		/*   re-sending an identical one */
	uint32_t ctx_mss_l4len;
	bool ctx_valid;
	bool simple_refusal_logged;	/* simple path said once why it stopped */

	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;

	const struct rte_memzone *mz;
	uint64_t ring_iova;
	uint64_t offloads;		/* per-queue offloads asked at setup */
	bool held_by_nic;		/* did not stop: buffers kept until reset */
} __rte_cache_aligned;

/* A 32-bit hardware counter extended to 64 bits across wraps. */
struct srnic_hw_counter {
	uint32_t reg;
	uint32_t last;
	uint64_t total;
	uint64_t base;			/* total at the last stats reset */
};

enum srnic_hw_stat {
	SRNIC_HW_GPRC, SRNIC_HW_GPTC, SRNIC_HW_GORC, SRNIC_HW_GOTC, SRNIC_HW_MPRC,
	SRNIC_HW_GPRLBC, SRNIC_HW_GPTLBC, SRNIC_HW_GORLBC, SRNIC_HW_GOTLBC,
	SRNIC_HW_STAT_MAX
};

/* Events a port raises through ethdev, as bits of pending_events. */
enum srnic_event {
	SRNIC_EVENT_LINK_CHANGE,	/* RTE_ETH_EVENT_INTR_LSC */
	SRNIC_EVENT_RESET_NEEDED,	/* RTE_ETH_EVENT_INTR_RESET */
	SRNIC_EVENT_PF_MESSAGE,		/* RTE_ETH_EVENT_VF_MBOX */
	SRNIC_EVENT_MAX
};

struct srnic_port {
	char name[SRNIC_NAME_LEN];	/* PCI address of the VF */
	uint16_t port_id;		/* ethdev port id */
	struct srnic_pci_info pci;	/* IDs, PF address, from sysfs at probe */
	struct srnic_bar bar0;		/* the VF's BAR0, mapped by EAL */
	const struct srnic_bar *bar;	/* &bar0, or a test double */
	struct srnic_vf_mbx mbx;
	/* Serialises the mailbox and port state between control calls and
	 * the periodic event check. Process-shared: the private data lives
	 * in hugepage memory. The datapath never takes it. */
	pthread_mutex_t lock;

	struct rte_ether_addr mac;
	bool mac_from_pf;		/* PF assigned it (administrator MAC) */
	bool mac_changed;		/* the app set it: restore on reset */
	uint16_t max_queues;

	/* Configuration, kept to restore it after a reset. */
	bool configured;
	bool started;
	uint16_t nb_rxq;
	uint16_t nb_txq;
	uint16_t mtu;
	uint64_t rx_offloads;
	uint64_t tx_offloads;
	bool promisc;
	bool allmulti;
	uint32_t nb_mc;
	struct rte_ether_addr mc[SRNIC_MAX_MC_ADDRS];
	uint64_t vlans[64];		/* VLAN filter bitmap, 4096 bits */
	struct srnic_rxq *rxq[SRNIC_MAX_QUEUES];
	struct srnic_txq *txq[SRNIC_MAX_QUEUES];

	/* Events. */
	uint32_t pending_events;	/* bit per srnic_event, delivered later */
	bool reset_needed;
	bool pf_link_ok;		/* the PF's last word: CTS given, link may be up */
	bool link_up;
	uint32_t event_period_ms;
	bool event_alarm_set;
	uint64_t resets;

	struct srnic_hw_counter hw[SRNIC_HW_STAT_MAX];
};

static inline struct srnic_port *
srnic_port_of(const struct rte_eth_dev *dev)
{
	return dev->data->dev_private;
}

/* Queues (srnic_rxq.c, srnic_txq.c). */
int srnic_rxq_create(struct srnic_port *port, uint16_t qid, uint16_t nb_desc, int socket_id,
	const struct rte_eth_rxconf *conf, struct rte_mempool *mp);
void srnic_rxq_free(struct srnic_rxq *rxq);
int srnic_rxq_start(struct srnic_port *port, struct srnic_rxq *rxq);
/* Stop a queue and give back its mbufs: 0, or -ETIMEDOUT when the NIC kept
 * it enabled; then the queue keeps its mbufs (the NIC may still write them)
 * and the port needs a reset, which gives them back. */
int srnic_rxq_stop(struct srnic_port *port, struct srnic_rxq *rxq);
/* Give back the mbufs of a queue that stopped (or of any queue once the VF
 * was reset, which ends its DMA). */
void srnic_rxq_release_mbufs(struct srnic_rxq *rxq);
int srnic_rxq_check_frame(const struct srnic_port *port, const struct srnic_rxq *rxq,
	uint32_t frame_len, uint64_t rx_offloads);
int srnic_txq_create(struct srnic_port *port, uint16_t qid, uint16_t nb_desc, int socket_id,
	const struct rte_eth_txconf *conf);
void srnic_txq_free(struct srnic_txq *txq);
int srnic_txq_start(struct srnic_port *port, struct srnic_txq *txq);
/* As srnic_rxq_stop(). */
int srnic_txq_stop(struct srnic_port *port, struct srnic_txq *txq);
void srnic_txq_release_mbufs(struct srnic_txq *txq);
/* Clear a queue's ENABLE bit and wait until the NIC reports it stopped:
 * 0, or -ETIMEDOUT when it did not (the NIC may still own the ring). */
int srnic_queue_disable(const struct srnic_bar *bar, uint32_t dctl_reg);
int srnic_desc_count_check(const struct srnic_port *port, const char *dir, uint16_t nb_desc);
/* Port stopped and configured, queue id and ring size valid for @dir. */
int srnic_queue_setup_check(const struct srnic_port *port, const char *dir, uint16_t qid,
	uint16_t nb_q, uint16_t nb_desc);

/* Burst paths (srnic_rx.c, srnic_tx.c). */
uint16_t srnic_recv_pkts(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_recv_scattered_pkts(void *rxq, struct rte_mbuf **pkts, uint16_t n);
/* Fewer instructions a packet for ports that need less: one buffer a
 * packet and no RX checksum flags; one segment and no offload on TX. */
uint16_t srnic_recv_pkts_simple(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_xmit_pkts(void *txq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_xmit_pkts_simple(void *txq, struct rte_mbuf **pkts, uint16_t n);
/* The simple paths with SIMD (srnic_rxtx_vec_sse.c, _avx2.c): the same
 * mbufs and descriptors, for a CPU that has the instructions. */
uint16_t srnic_recv_pkts_vec_sse(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_xmit_pkts_vec_sse(void *txq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_recv_pkts_vec_avx2(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_xmit_pkts_vec_avx2(void *txq, struct rte_mbuf **pkts, uint16_t n);

/* Fast free alone keeps TX simple: the app then sends single segments
 * without offload flags, as ethdev's contract says. */
static inline bool
srnic_tx_simple(uint64_t tx_offloads)
{
	return (tx_offloads & ~RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE) == 0;
}

/* The burst functions for a port's offloads, the CPU and EAL's SIMD limit
 * (srnic_rxtx_select.c), and why a vector path was not taken (NULL when
 * it was, or when none exists here): what the burst-mode calls report. */
eth_rx_burst_t srnic_rx_burst_for(uint64_t rx_offloads, const char **why_scalar);
eth_tx_burst_t srnic_tx_burst_for(uint64_t tx_offloads, const char **why_scalar);
/* The name of a burst function, as the burst-mode calls give it. */
const char *srnic_burst_name(const void *burst);

/* Give RX slot @idx the buffer of @m. Inline: the refill loop runs it once
 * a packet. */
static inline void
srnic_rx_desc_fill(volatile union igb_rx_desc *d, const struct rte_mbuf *m)
{
	d->read.pkt_addr = rte_cpu_to_le_64(rte_mbuf_data_iova_default(m));
	/* Clears the DD bit the NIC wrote last time round (hdr_addr overlays
	 * the write-back status): one-buffer mode uses no header address. */
	d->read.hdr_addr = 0;
}

static inline void
srnic_rxq_fill_desc(struct srnic_rxq *rxq, uint16_t idx, struct rte_mbuf *m)
{
	srnic_rx_desc_fill(&rxq->ring[idx], m);
}
void srnic_txq_reclaim(struct srnic_txq *txq);

/* A chain the NIC can take: at most IGB_TX_MAX_SEGS buffers, plus a context
 * descriptor and slack, within half the ring. Shared by the TX burst (which
 * drops what fails) and tx_prepare (which stops there). */
static inline bool
srnic_tx_segs_fit(const struct srnic_txq *txq, const struct rte_mbuf *m)
{
	return m->nb_segs <= IGB_TX_MAX_SEGS && m->nb_segs + 2 <= txq->nb_desc / 2;
}

/* A segmentation request the NIC can carry out: an MSS, headers that end
 * before the packet does, and segments no longer than a jumbo frame. */
static inline bool
srnic_tx_tso_fits(const struct rte_mbuf *m)
{
	uint32_t hdr = (uint32_t)m->l2_len + m->l3_len + m->l4_len;

	if (!(m->ol_flags & RTE_MBUF_F_TX_TCP_SEG))
		return true;
	return m->tso_segsz >= IGB_TSO_MSS_MIN && m->tso_segsz <= IGB_TSO_MSS_MAX &&
		m->l4_len >= sizeof(struct rte_tcp_hdr) && hdr < m->pkt_len;
}

/* PF requests (srnic_ctrl.c). */
int srnic_vf_init(struct srnic_port *port);
int srnic_apply_filters(struct srnic_port *port);
int srnic_request_lpe(struct srnic_port *port, uint16_t mtu);
/* eth_dev_ops that ask the PF. */
int srnic_dev_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *mac);
int srnic_dev_promiscuous_enable(struct rte_eth_dev *dev);
int srnic_dev_promiscuous_disable(struct rte_eth_dev *dev);
int srnic_dev_allmulticast_enable(struct rte_eth_dev *dev);
int srnic_dev_allmulticast_disable(struct rte_eth_dev *dev);
int srnic_dev_set_mc_addr_list(struct rte_eth_dev *dev, struct rte_ether_addr *mc,
	uint32_t n);
int srnic_dev_vlan_filter_set(struct rte_eth_dev *dev, uint16_t vid, int on);
int srnic_dev_vlan_offload_set(struct rte_eth_dev *dev, int mask);
int srnic_dev_mtu_set(struct rte_eth_dev *dev, uint16_t mtu);

/* Statistics (srnic_stats.c). */
void srnic_hw_stats_init(struct srnic_port *port);
void srnic_hw_stats_update(struct srnic_port *port);
int srnic_dev_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st);
int srnic_dev_stats_reset(struct rte_eth_dev *dev);
int srnic_dev_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int n);
int srnic_dev_xstats_get_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names,
	unsigned int n);
int srnic_dev_get_reg(struct rte_eth_dev *dev, struct rte_dev_reg_info *info);
int srnic_port_dump_regs(struct srnic_port *port, FILE *f);

/* The driver's ops table: what makes an ethdev port a srnic port. */
extern const struct eth_dev_ops srnic_eth_dev_ops;

/* The srnic port behind an ethdev port id: 0, -ENODEV or -ENOTSUP. */
int srnic_port_lookup(uint16_t port_id, struct srnic_port **port);

/* Queue ops (srnic_queue_ops.c). */
int srnic_dev_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
	unsigned int socket_id, const struct rte_eth_rxconf *conf, struct rte_mempool *mp);
int srnic_dev_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
	unsigned int socket_id, const struct rte_eth_txconf *conf);
void srnic_dev_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
void srnic_dev_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
void srnic_dev_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid,
	struct rte_eth_rxq_info *qinfo);
void srnic_dev_txq_info_get(struct rte_eth_dev *dev, uint16_t qid,
	struct rte_eth_txq_info *qinfo);
int srnic_dev_rx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
	struct rte_eth_burst_mode *mode);
int srnic_dev_tx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
	struct rte_eth_burst_mode *mode);
uint32_t srnic_dev_rx_queue_count(void *rxq);
int srnic_dev_rx_descriptor_status(void *rxq, uint16_t offset);
int srnic_dev_tx_descriptor_status(void *txq, uint16_t offset);
int srnic_dev_tx_done_cleanup(void *txq, uint32_t free_cnt);
uint16_t srnic_prep_pkts(void *txq, struct rte_mbuf **pkts, uint16_t n);
/* The burst functions for the port's configuration. */
void srnic_set_burst_functions(struct rte_eth_dev *dev);

/* Events (srnic_events.c). Raising only records the event (port lock
 * held); ethdev callbacks run later from srnic_events_deliver(), with no
 * lock held. */
void srnic_event_raise(struct srnic_port *port, enum srnic_event event);
void srnic_mark_reset_needed(struct srnic_port *port, const char *why);
void srnic_events_poll_port(struct srnic_port *port);
/* The link as the port reports it: port up, the PF's clear-to-send, and
 * no reset pending. */
bool srnic_link_now(const struct srnic_port *port);
/* The VF's PCI command register (srnic_pci_cmd.c): true when a PF reset
 * took away its memory space or bus master; turn them back on (0, or a
 * negative errno, logged). */
bool srnic_pci_command_lost(const struct srnic_port *port);
/* RX interrupts (srnic_rx_intr.c): checked at configure, vectors set up
 * at start and taken down at stop, each queue armed by the application. */
int srnic_rx_intr_configure_check(struct rte_eth_dev *dev);
int srnic_rx_intr_start(struct rte_eth_dev *dev);
void srnic_rx_intr_stop(struct rte_eth_dev *dev);
int srnic_dev_rx_queue_intr_enable(struct rte_eth_dev *dev, uint16_t q);
int srnic_dev_rx_queue_intr_disable(struct rte_eth_dev *dev, uint16_t q);
int srnic_pci_command_restore(const struct srnic_port *port);
void srnic_events_deliver(struct srnic_port *port);
/* Periodic look at the mailbox and link from EAL's interrupt thread. */
int srnic_events_start(struct srnic_port *port);
void srnic_events_stop(struct srnic_port *port);
int srnic_dev_link_update(struct rte_eth_dev *dev, int wait_to_complete);

/* data_off, refcnt, nb_segs and port sit together in 8 bytes of the mbuf
 * (its rearm_data marker): a fresh mbuf is set up with one store. */
_Static_assert(offsetof(struct rte_mbuf, port) - offsetof(struct rte_mbuf, data_off) == 6,
	"mbuf rearm fields are contiguous");

static inline void
srnic_mbuf_rearm(struct rte_mbuf *m, uint64_t word)
{
	memcpy(&m->data_off, &word, sizeof(word));
}

static inline uint64_t
srnic_mbuf_rearm_word(const struct rte_mbuf *m)
{
	uint64_t word;

	memcpy(&word, &m->data_off, sizeof(word));
	return word;
}

/* Frame length the NIC must accept for @mtu, and the PF is asked for. */
static inline uint32_t
srnic_mtu_to_frame(uint16_t mtu)
{
	return (uint32_t)mtu + SRNIC_ETH_OVERHEAD;
}

#endif /* SRNIC_DEV_H */

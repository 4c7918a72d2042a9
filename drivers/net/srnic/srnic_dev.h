/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal state of a srnic port and its queues. Nothing here is public:
 * applications see port ids and the functions of rte_pmd_srnic.h.
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
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "igb_desc.h"
#include "igb_regs.h"
#include "srnic_mbx_vf.h"
#include "srnic_vfio.h"
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
#define SRNIC_MAX_MC_ADDRS		64

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

	/* Counters, written only by the lcore that polls this queue. */
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;
	uint64_t nombuf;
	uint64_t err_crc;
	uint64_t err_frame;		/* symbol, sequence, carrier, RXE */

	/* Control path. */
	const struct rte_memzone *mz;
	uint64_t ring_iova;
	uint32_t buf_size;		/* bytes the NIC may write per buffer */
	uint8_t pthresh, hthresh, wthresh;
	bool drop_en;
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
	uint32_t ctx_vlan_macip;	/* context loaded in slot 0, to skip */
	uint32_t ctx_tucmd;		/*   re-sending an identical one */
	bool ctx_valid;

	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;

	const struct rte_memzone *mz;
	uint64_t ring_iova;
} __rte_cache_aligned;

struct srnic_callback {
	TAILQ_ENTRY(srnic_callback) next;
	enum srnic_event event;
	srnic_event_cb cb;
	void *arg;
};
TAILQ_HEAD(srnic_callback_list, srnic_callback);

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

struct srnic_port {
	char name[SRNIC_NAME_LEN];
	uint16_t port_id;
	struct srnic_vfio_dev vdev;
	const struct srnic_bar *bar;
	struct srnic_vf_mbx mbx;
	/* Serialises the mailbox and port state between API calls and the
	 * event thread. The datapath never takes it. */
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
	struct srnic_callback_list callbacks[SRNIC_EVENT_MAX];
	uint64_t resets;

	struct srnic_hw_counter hw[SRNIC_HW_STAT_MAX];
};

/* Registry (srnic_ethdev.c). */
struct srnic_port *srnic_port_get(uint16_t port_id);
void srnic_fp_ops_set_started(struct srnic_port *port);
void srnic_fp_ops_set_stopped(struct srnic_port *port);

/* Queues (srnic_rxq.c, srnic_txq.c). */
int srnic_rxq_create(struct srnic_port *port, uint16_t qid, uint16_t nb_desc, int socket_id,
	const struct srnic_rxq_conf *conf, struct rte_mempool *mp);
void srnic_rxq_free(struct srnic_rxq *rxq);
int srnic_rxq_start(struct srnic_port *port, struct srnic_rxq *rxq);
void srnic_rxq_stop(struct srnic_port *port, struct srnic_rxq *rxq);
int srnic_rxq_check_frame(const struct srnic_port *port, const struct srnic_rxq *rxq,
	uint32_t frame_len, uint64_t rx_offloads);
int srnic_txq_create(struct srnic_port *port, uint16_t qid, uint16_t nb_desc, int socket_id,
	const struct srnic_txq_conf *conf);
void srnic_txq_free(struct srnic_txq *txq);
int srnic_txq_start(struct srnic_port *port, struct srnic_txq *txq);
void srnic_txq_stop(struct srnic_port *port, struct srnic_txq *txq);
/* Clear a queue's ENABLE bit and wait until the NIC reports it stopped. */
void srnic_queue_disable(const struct srnic_bar *bar, uint32_t dctl_reg);
int srnic_desc_count_check(const struct srnic_port *port, const char *dir, uint16_t nb_desc);
/* Port stopped and configured, queue id and ring size valid for @dir. */
int srnic_queue_setup_check(const struct srnic_port *port, const char *dir, uint16_t qid,
	uint16_t nb_q, uint16_t nb_desc);

/* Burst paths (srnic_rx.c, srnic_tx.c). */
uint16_t srnic_recv_pkts(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_recv_scattered_pkts(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t srnic_xmit_pkts(void *txq, struct rte_mbuf **pkts, uint16_t n);
/* Give RX slot @idx the buffer of @m. Inline: the refill loop runs it once
 * a packet. */
static inline void
srnic_rxq_fill_desc(struct srnic_rxq *rxq, uint16_t idx, struct rte_mbuf *m)
{
	volatile union igb_rx_desc *d = &rxq->ring[idx];

	d->read.pkt_addr = rte_cpu_to_le_64(rte_mbuf_data_iova_default(m));
	/* Clears the DD bit the NIC wrote last time round (hdr_addr overlays
	 * the write-back status): one-buffer mode uses no header address. */
	d->read.hdr_addr = 0;
}
void srnic_txq_reclaim(struct srnic_txq *txq);

/* PF requests (srnic_ctrl.c). */
int srnic_vf_init(struct srnic_port *port);
int srnic_apply_filters(struct srnic_port *port);
int srnic_request_lpe(struct srnic_port *port, uint16_t mtu);

/* Statistics (srnic_stats.c). */
void srnic_hw_stats_init(struct srnic_port *port);
void srnic_hw_stats_update(struct srnic_port *port);

/* Visit every probed port with the registry locked (ports cannot go away). */
void srnic_for_each_port(void (*fn)(struct srnic_port *port, void *arg), void *arg);

/* Events (srnic_events.c). Raising only records the event (port lock
 * held); callbacks run later from srnic_events_deliver(), with no lock. */
void srnic_event_raise(struct srnic_port *port, enum srnic_event event);
void srnic_mark_reset_needed(struct srnic_port *port, const char *why);
void srnic_events_poll_port(struct srnic_port *port);
/* The link as the port reports it: port up, the PF's clear-to-send, and
 * no reset pending. */
bool srnic_link_now(const struct srnic_port *port);
void srnic_events_deliver(struct srnic_port *port);
int srnic_events_start(uint32_t period_ms);
void srnic_events_stop(void);

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

/* An API error: rte_errno as DPDK habit wants it, the negative errno back. */
static inline int
srnic_fail(int err)
{
	rte_errno = -err;
	return err;
}

/* Frame length the NIC must accept for @mtu, and the PF is asked for. */
static inline uint32_t
srnic_mtu_to_frame(uint16_t mtu)
{
	return (uint32_t)mtu + SRNIC_ETH_OVERHEAD;
}

#endif /* SRNIC_DEV_H */

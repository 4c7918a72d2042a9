/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-testpmd: shared state of the forwarding app. Its ports are the
 * ethdev ports EAL probed (srnic's VFs or any other driver's). One file a job:
 * parameters.c (options), config.c (ports, streams, lcores), fwd.c (the
 * per-lcore loop), stats.c (port displays), stats_fwd.c and stats_burst.c
 * (forward statistics), fwd_*.c (engines; fwd_parse.c finds their headers),
 * cli*.c (prompt), telemetry.c, main.c.
 */
#ifndef SRNIC_TESTPMD_H
#define SRNIC_TESTPMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mbuf.h>

#define TP_MAX_PORTS		32
#define TP_MAX_QUEUES		RTE_MAX_QUEUES_PER_PORT
#define TP_NAME_LEN		RTE_ETH_NAME_MAX_LEN
#define TP_MAX_BURST		512
#define TP_MAX_SEGS		8
#define TP_MAX_FWD_LCORES	RTE_MAX_LCORE
#define TP_MAX_PFS		4
#define TP_SOCKET_UNSET		(-1)	/* no --*-numa-config / --socket-num given */
#define TP_MAX_MTU		9706
/* Frame bytes beyond the MTU when the driver does not say: header, CRC. */
#define TP_FRAME_OVERHEAD	(RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN)

enum topology { TOPO_PAIRED, TOPO_CHAINED, TOPO_LOOP };

/* Everything the command line sets. */
struct app_config {
	uint16_t nb_cores;
	uint16_t nb_rxq;
	uint16_t nb_txq;
	uint16_t nb_rxd;
	uint16_t nb_txd;
	uint16_t burst;
	uint16_t rx_free_thresh;		/* 0: the driver's default */
	uint16_t tx_free_thresh;
	uint16_t tx_rs_thresh;
	uint32_t mbcache;
	uint32_t total_mbufs;			/* 0: computed */
	uint16_t mbuf_size;			/* data room */
	uint16_t mtu;
	bool scatter;
	char fwd_mode[32];
	struct rte_ether_addr peer[TP_MAX_PORTS];
	bool peer_set[TP_MAX_PORTS];
	enum topology topology;
	uint16_t txpkts[TP_MAX_SEGS];		/* segment lengths of txonly/flowgen packets */
	uint16_t nb_txpkts;
	bool tx_first;
	uint32_t stats_period;			/* seconds, 0: off */
	uint64_t max_pkts;			/* stop after this many RX packets, 0: no */
	uint32_t duration;			/* stop after this many seconds, 0: no */
	bool interactive;
	bool auto_start;
	bool promisc;
	uint32_t icmp_ip[TP_MAX_PORTS];		/* network order, 0: none */
	uint32_t flowgen_flows;
	uint64_t tx_pps;			/* txonly/flowgen rate, 0: as fast as possible */
	char pfs[TP_MAX_PFS][TP_NAME_LEN];	/* PFs the set vf commands act on */
	uint16_t nb_pfs;
	/* Devices hot-plugged once the PFs are open: VFs of a PF this
	 * process serves, which EAL cannot open before the PF exists. */
	char attach[TP_MAX_PORTS][TP_NAME_LEN];
	uint16_t nb_attach;
	/* Memory placement, as testpmd's options (numa.c applies them). */
	bool numa;				/* rings and pools on each port's socket */
	int socket_num;				/* --socket-num */
	int port_numa[TP_MAX_PORTS];		/* --port-numa-config */
	int rxring_numa[TP_MAX_PORTS];		/* --ring-numa-config */
	int txring_numa[TP_MAX_PORTS];
	/* Which ports forward, as testpmd's: ethdev port ids in --portmask
	 * (0: all), at most --nb-ports of them (0: all). */
	uint64_t portmask;
	uint16_t fwd_port_limit;
	uint64_t coremask;			/* forwarding lcores, 0: EAL's workers */
	bool nb_cores_given;			/* --nb-cores given, else all of --coremask */
	char cmdline_file[256];			/* prompt commands run at start */
	uint32_t max_pkt_len;			/* frame length, 0: from --mtu */
	bool disable_rss;
	bool record_burst_stats;
	bool txonly_multi_flow;			/* txonly: a new UDP source port a packet */
	uint8_t verbose;			/* 1: print received, 2: and sent packets */
};

/* How many bursts carried each number of packets (--record-burst-stats). */
struct burst_spread {
	uint64_t count[TP_MAX_BURST + 1];
};

/* Checksums the csum engine found wrong (--forward-mode=csum). */
struct csum_bad {
	uint64_t ip;
	uint64_t l4;
	uint64_t outer_ip;
	uint64_t outer_l4;
};

/* One RX queue forwarded to one TX queue, polled by one lcore. */
struct fwd_stream {
	uint16_t rx_port;			/* ethdev port ids */
	uint16_t rx_queue;
	uint16_t tx_port;
	uint16_t tx_queue;
	uint16_t rx_idx;			/* indexes into ports[] */
	uint16_t tx_idx;
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t fwd_dropped;
	uint64_t rx_bad;			/* dropped by the engine as not for it */
	uint32_t flow;				/* flowgen position */
	uint64_t next_tx_tsc;			/* --tx-pps: when the next burst may go */
	uint16_t ip_id;
	struct csum_bad bad_csum;
	struct burst_spread rx_bursts;
	struct burst_spread tx_bursts;
} __rte_cache_aligned;

struct fwd_engine {
	const char *name;
	/* Called on each stream before forwarding starts (may be NULL). */
	void (*stream_init)(struct fwd_stream *fs);
	void (*packet_fwd)(struct fwd_stream *fs);
};

struct port_state {
	uint16_t id;				/* ethdev port id */
	char name[TP_NAME_LEN];
	struct rte_ether_addr mac;
	struct rte_eth_stats at_start;		/* for the forward statistics */
	struct rte_eth_stats last;		/* for rates since the last display */
	uint64_t last_tsc;
	int socket;				/* where its memory goes (numa.c) */
	int rx_socket;				/* its RX rings and their mbufs */
	int tx_socket;				/* its TX rings */
	struct rte_mempool *rx_pool;		/* mbufs for its RX rings */
	struct rte_mempool *tx_pool;		/* mbufs of packets generated for it */
	/* Set by the driver's RTE_ETH_EVENT_INTR_RESET, cleared by "port
	 * reset": the event callback runs on another thread and must not
	 * reset the port itself. */
	volatile bool reset_needed;
	/* Started by the app; a failed reset leaves it stopped (ethdev stops a
	 * port before resetting it) and forwarding must not poll it. */
	bool started;
};

extern struct app_config cfg;
extern struct port_state ports[TP_MAX_PORTS];
extern uint16_t nb_ports;
extern struct fwd_stream *streams;
extern uint16_t nb_streams;
extern const struct fwd_engine *cur_engine;
extern volatile bool force_quit;

/* parameters.c */
void app_config_defaults(struct app_config *c);
int app_parse_args(int argc, char **argv, struct app_config *c, char *err, size_t errlen);
void app_usage(const char *prog);

/* engines */
extern const struct fwd_engine io_engine, mac_engine, macswap_engine, rxonly_engine,
	txonly_engine, flowgen_engine, icmpecho_engine, fivetswap_engine, csum_engine;
const struct fwd_engine *fwd_engine_find(const char *name);
const char *fwd_engine_names(void);
/* Receive a burst on the stream's RX queue, counted (and recorded with
 * --record-burst-stats, printed with set verbose). */
uint16_t fwd_recv(struct fwd_stream *fs, struct rte_mbuf **pkts);
void fwd_send(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n);
/* Build a burst of generated packets in @flows flows and send it. */
void fwd_generate(struct fwd_stream *fs, uint32_t flows);

/* Where a packet's headers are (fwd_parse.c): l3_type is an Ethernet
 * type (IPv4 or IPv6, else 0), l4_proto TCP, UDP or SCTP (else 0). */
struct pkt_hdrs {
	uint16_t l3_type;
	uint16_t l3_off;
	uint16_t l4_off;
	uint8_t l4_proto;
};
void pkt_parse(const struct rte_mbuf *m, struct pkt_hdrs *h);

/* engine logic, on mbufs only (unit tested) */
void pkt_mac_rewrite(struct rte_mbuf **pkts, uint16_t n, const struct rte_ether_addr *src,
	const struct rte_ether_addr *dst);
void pkt_macswap(struct rte_mbuf **pkts, uint16_t n);
/* Swap MACs, IPv4/IPv6 addresses and TCP/UDP/SCTP ports of each packet. */
void pkt_5tswap(struct rte_mbuf **pkts, uint16_t n);
/* Count the IPv4/TCP/UDP checksums that are wrong (the driver's verdict
 * when it gives one, else checked here) into @bad, then write right ones. */
void pkt_csum(struct rte_mbuf **pkts, uint16_t n, struct csum_bad *bad);
int pkt_txonly_build(struct rte_mempool *mp, struct rte_mbuf **pkts, uint16_t n,
	const struct rte_ether_addr *src, const struct rte_ether_addr *dst,
	const uint16_t *seg_lens, uint16_t nb_segs, uint32_t flows, uint32_t *flow);
/* Turn ARP requests and ICMP echo requests for @ip into replies in place;
 * returns how many of @pkts are replies (moved to the front), frees the rest. */
uint16_t pkt_icmpecho(struct rte_mbuf **pkts, uint16_t n, const struct rte_ether_addr *mac,
	uint32_t ip, uint64_t *not_for_us);

/* config.c */
int ports_open(void);
int port_reset(uint16_t idx);
void ports_close(void);
int streams_setup(void);
uint16_t port_peer(uint16_t idx);
int port_index_of(uint16_t port_id);
/* Ports that forward (--portmask, --nb-ports), as indexes into ports[]. */
extern uint16_t fwd_ports[TP_MAX_PORTS];
extern uint16_t nb_fwd_ports;
bool port_is_fwd(uint16_t idx);
int port_stop(uint16_t idx);
int port_start(uint16_t idx);

/* fwd.c */
int fwd_start(bool tx_first);
void fwd_stop(void);
bool fwd_is_running(void);
uint64_t fwd_total_rx(void);
/* Streams and their lcores as the next start would have them (or the
 * running ones), in testpmd's "show config fwd" format. */
void fwd_config_show(void);
/* Worker lcores forwarding may use (--coremask, else all EAL's). */
uint16_t fwd_lcores_available(void);

/* stats.c */
void stats_show_port(uint16_t idx);
void stats_show_all(void);
void stats_show_xstats(uint16_t idx);
void stats_show_info(uint16_t idx);
void stats_show_summary_header(void);
void stats_show_summary(uint16_t idx);
/* stats_fwd.c */
void stats_fwd_begin(void);
void stats_fwd_show(void);
void stats_fwd_clear(void);
/* stats_burst.c: the --record-burst-stats line of @dir ("RX", "TX") */
void burst_spread_print(FILE *f, const char *dir, const struct burst_spread *b);
void stats_clear(uint16_t idx);
/* Names and values of a port's xstats, calloc'ed (free both); their count,
 * or a negative errno with both NULL. */
int port_xstats_read(uint16_t port_id, struct rte_eth_xstat_name **names,
	struct rte_eth_xstat **vals);

/* cli.c */
int cli_run(void);
int cli_run_file(const char *path);

/* numa.c: each port's socket and the mbuf pool of each socket in use */
int numa_place_ports(void);
void numa_pools_free(void);
void numa_show_port(uint16_t idx);

/* pf.c: the PFs of --pf, through librte_srnic_pf */
struct srnic_pf;
extern struct srnic_pf *pf_handles[TP_MAX_PFS];
int pfs_open(void);
void pfs_close(void);

/* telemetry.c */
void telemetry_register(void);

#endif /* SRNIC_TESTPMD_H */

/* SPDX-License-Identifier: BSD-3-Clause */
/* The list of forwarding engines, and receiving and sending with their
 * accounting: packet counts, drops, burst sizes, verbose dumps. */
#include <stdio.h>
#include <string.h>

#include "testpmd.h"

static const struct fwd_engine *const engines[] = {
	&io_engine, &mac_engine, &macswap_engine, &rxonly_engine, &txonly_engine,
	&flowgen_engine, &icmpecho_engine, &fivetswap_engine, &csum_engine,
};

const struct fwd_engine *
fwd_engine_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(engines); i++)
		if (strcmp(engines[i]->name, name) == 0)
			return engines[i];
	return NULL;
}

const char *
fwd_engine_names(void)
{
	static char names[128];
	size_t used = 0;
	unsigned int i;

	if (names[0] != '\0')
		return names;
	for (i = 0; i < RTE_DIM(engines); i++)
		used += snprintf(names + used, sizeof(names) - used, "%s%s", i ? ", " : "",
			engines[i]->name);
	return names;
}

/* "set verbose": one line a burst and one a packet, in testpmd's words
 * (a subset of its fields). Forwarding lcores print it themselves. */
static void
dump_burst(const char *what, uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
	uint16_t n)
{
	uint16_t i;

	printf("port %u/queue %u: %s %u packets\n", port, queue, what, n);
	for (i = 0; i < n; i++) {
		const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);

		printf("  src=" RTE_ETHER_ADDR_PRT_FMT " - dst=" RTE_ETHER_ADDR_PRT_FMT
			" - pool=%s - type=0x%04x - length=%u - nb_segs=%u\n",
			RTE_ETHER_ADDR_BYTES(&eth->src_addr), RTE_ETHER_ADDR_BYTES(&eth->dst_addr),
			pkts[i]->pool->name, rte_be_to_cpu_16(eth->ether_type), pkts[i]->pkt_len,
			pkts[i]->nb_segs);
	}
	fflush(stdout);
}

uint16_t
fwd_recv(struct fwd_stream *fs, struct rte_mbuf **pkts)
{
	uint16_t n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, cfg.burst);

	/* Empty polls count too: they show how often the queue ran dry. */
	if (cfg.record_burst_stats)
		fs->rx_bursts.count[n]++;
	if (n == 0)
		return 0;
	fs->rx_packets += n;
	if (unlikely(cfg.verbose > 0))
		dump_burst("received", fs->rx_port, fs->rx_queue, pkts, n);
	return n;
}

/* Send on the stream's TX queue; what the ring did not take is dropped
 * and counted, as testpmd does. */
void
fwd_send(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t sent;

	if (unlikely(cfg.verbose > 1))
		dump_burst("sent", fs->tx_port, fs->tx_queue, pkts, n);
	sent = rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts, n);
	if (cfg.record_burst_stats)
		fs->tx_bursts.count[sent]++;
	fs->tx_packets += sent;
	if (unlikely(sent < n)) {
		fs->fwd_dropped += n - sent;
		rte_pktmbuf_free_bulk(pkts + sent, n - sent);
	}
}

/* SPDX-License-Identifier: BSD-3-Clause */
/* The list of forwarding engines, and sending with drop accounting. */
#include <stdio.h>
#include <string.h>

#include "testpmd.h"

static const struct fwd_engine *const engines[] = {
	&io_engine, &mac_engine, &macswap_engine, &rxonly_engine, &txonly_engine,
	&flowgen_engine, &icmpecho_engine,
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

/* Send on the stream's TX queue; what the ring did not take is dropped
 * and counted, as testpmd does. */
void
fwd_send(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t sent = rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts, n);

	fs->tx_packets += sent;
	if (unlikely(sent < n)) {
		fs->fwd_dropped += n - sent;
		rte_pktmbuf_free_bulk(pkts + sent, n - sent);
	}
}

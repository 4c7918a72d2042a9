/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * flowgen: generate IPv4/UDP packets that cycle through --flowgen-flows
 * flows (source address and port), to exercise receivers with many flows.
 */
#include "testpmd.h"

static void
flowgen_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n;

	/* Whatever comes back is counted and dropped, as testpmd's flowgen. */
	n = fwd_recv(fs, pkts);
	if (n > 0)
		rte_pktmbuf_free_bulk(pkts, n);
	fwd_generate(fs, cfg.flowgen_flows);
}

const struct fwd_engine flowgen_engine = { .name = "flowgen", .packet_fwd = flowgen_fwd };

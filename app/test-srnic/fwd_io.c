/* SPDX-License-Identifier: BSD-3-Clause */
/* io: forward packets unchanged. */
#include "testpmd.h"

static void
io_fwd(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = fwd_recv(fs, pkts);

	if (n == 0)
		return;
	fwd_send(fs, pkts, n);
}

const struct fwd_engine io_engine = { .name = "io", .packet_fwd = io_fwd };

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mempool exhaustion in a VF application: the receiver holds every free
 * mbuf of its RX pool and every frame it receives, so the driver cannot
 * refill the descriptors it hands up. Frames keep coming: the port counts
 * RX-nombuf and the NIC drops what finds no descriptor, without the port
 * stalling for good. Once the application gives the mbufs back, the ring
 * fills again and every frame of the next flow arrives intact, and after
 * close every pool has all its mbufs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "vf_frames.h"
#include "vf_nombuf_scenario.h"
#include "vf_util.h"

#define BURST		32
#define FLOOD_FRAMES	2000
#define AFTER_FRAMES	300

struct hold {
	struct rte_mbuf **m;
	unsigned int n, cap;
	unsigned int raw;	/* the first @raw came straight from the pool */
};

static void
hold_free_pool(struct hold *h, struct rte_mempool *mp)
{
	void *obj;

	while (h->n < h->cap && rte_mempool_get(mp, &obj) == 0)
		h->m[h->n++] = obj;
	h->raw = h->n;
}

static void
hold_release(struct hold *h, struct rte_mempool *mp)
{
	unsigned int i;

	for (i = 0; i < h->n; i++) {
		if (i < h->raw)
			rte_mempool_put(mp, h->m[i]);
		else
			rte_pktmbuf_free(h->m[i]);
	}
	h->n = h->raw = 0;
}

/* Send @count frames from @a in bursts; what @b receives meanwhile (and
 * for a while after) is kept in @h, not freed. */
static uint64_t
flood_and_keep(uint16_t a, uint16_t b, struct rte_mempool *tx, const struct vf_frame_spec *spec,
	uint64_t count, struct hold *h)
{
	struct rte_mbuf *pkts[BURST];
	uint64_t sent = 0, end;
	uint16_t i, n;

	end = rte_get_timer_cycles() + rte_get_timer_hz() / 2;
	while (sent < count || rte_get_timer_cycles() < end) {
		if (sent < count) {
			for (i = 0; i < BURST && sent + i < count; i++) {
				pkts[i] = vf_frame_build(tx, spec, sent + i);
				if (pkts[i] == NULL)
					break;
			}
			n = rte_eth_tx_burst(a, 0, pkts, i);
			sent += n;
			while (n < i)
				rte_pktmbuf_free(pkts[n++]);
			end = rte_get_timer_cycles() + rte_get_timer_hz() / 2;
		}
		n = rte_eth_rx_burst(b, 0, pkts, RTE_MIN((unsigned int)BURST, h->cap - h->n));
		memcpy(&h->m[h->n], pkts, n * sizeof(pkts[0]));
		h->n += n;
	}
	return sent;
}

/* Seconds until @b receives a frame again, with @a sending one every
 * millisecond meanwhile (up to one second); what arrives is freed, and
 * the caller drains the rest. */
static double
first_frame_after(uint16_t a, uint16_t b, struct rte_mempool *tx,
	const struct vf_frame_spec *spec)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t start = rte_get_timer_cycles(), now = start, next_send = start;
	struct rte_mbuf *m;
	uint64_t seq = 1u << 30;

	while (now - start < hz) {
		if (rte_eth_rx_burst(b, 0, &m, 1) == 1) {
			rte_pktmbuf_free(m);
			break;
		}
		if (now >= next_send) {
			m = vf_frame_build(tx, spec, seq++);
			if (m != NULL && rte_eth_tx_burst(a, 0, &m, 1) == 0)
				rte_pktmbuf_free(m);
			next_send = now + hz / 1000;
		}
		now = rte_get_timer_cycles();
	}
	return (double)(now - start) / (double)hz;
}

void
scenario_nombuf(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b,
	struct rte_mempool *tx)
{
	const struct vf_port_opts opts = { .nb_desc = 512 };
	struct rte_mempool *pools[] = { rx_a, rx_b, tx };
	struct vf_frame_spec spec;
	struct rte_eth_stats st;
	struct vf_traffic res;
	struct hold h;
	uint64_t sent;
	uint16_t a, b;

	if (!vf_check(vf_port_open(argv[0], rx_a, &opts, &a) == 0, "port %s started", argv[0]))
		return;
	if (!vf_check(vf_port_open(argv[1], rx_b, &opts, &b) == 0, "port %s started",
			argv[1])) {
		vf_port_close(a);
		return;
	}
	memset(&spec, 0, sizeof(spec));
	rte_eth_macaddr_get(a, &spec.src);
	rte_eth_macaddr_get(b, &spec.dst);
	spec.len = 256;

	h.cap = rx_b->size + 2 * opts.nb_desc;
	h.m = calloc(h.cap, sizeof(*h.m));
	h.n = h.raw = 0;
	if (!vf_check(h.m != NULL, "room to hold %u mbufs", h.cap))
		goto close;
	hold_free_pool(&h, rx_b);
	vf_check(rte_mempool_avail_count(rx_b) == 0, "receiver's pool empty (%u left, %u held)",
		rte_mempool_avail_count(rx_b), h.raw);
	sent = flood_and_keep(a, b, tx, &spec, FLOOD_FRAMES, &h);
	rte_eth_stats_get(b, &st);
	printf("info: dry pool: %lu sent, %u received and kept, RX-nombuf %lu, "
		"RX-missed %lu\n", (unsigned long)sent, h.n - h.raw, (unsigned long)st.rx_nombuf,
		(unsigned long)st.imissed);
	vf_check(sent == FLOOD_FRAMES, "sent %lu of %u frames", (unsigned long)sent,
		FLOOD_FRAMES);
	vf_check(h.n - h.raw <= opts.nb_desc, "received no more than the ring held (%u)",
		h.n - h.raw);
	vf_check(h.n - h.raw < FLOOD_FRAMES, "frames lost while the pool was dry");
	/* Each slot left empty counts once, however often the port polled. */
	vf_check(st.rx_nombuf > 0 && st.rx_nombuf <= opts.nb_desc,
		"RX-nombuf counted once a slot (%lu of %u slots)", (unsigned long)st.rx_nombuf,
		opts.nb_desc);

	hold_release(&h, rx_b);
	printf("recovery: %.3f s from the mbufs' return to the first frame through\n",
		first_frame_after(a, b, tx, &spec));
	printf("info: %lu frames of the flood still arrived after the mbufs came back\n",
		(unsigned long)vf_drain(b, 300));
	vf_traffic_run(a, b, tx, &spec, AFTER_FRAMES, 64, 2000, &res);
	vf_check(res.received == AFTER_FRAMES && res.bad == 0,
		"after the mbufs came back: %lu of %u frames received, %lu bad",
		(unsigned long)res.received, AFTER_FRAMES, (unsigned long)res.bad);
close:
	free(h.m);
	vf_port_close(a);
	vf_port_close(b);
	vf_check_pools_full(pools, RTE_DIM(pools));
}

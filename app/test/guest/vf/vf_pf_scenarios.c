/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VF-side scenarios for the PF library's guest checks: what an srnic VF
 * sees of a port VLAN its PF set, and which frames from the wire reach
 * which VF. The PF side (srnic-pfd) is set up by the check script.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_mbuf.h>

#include "vf_pf_scenarios.h"
#include "vf_util.h"

#define BURST		32
#define WIRE_MAGIC	0x53525046u	/* "SRPF", the sender's payload mark */
#define WIRE_TYPES	26		/* frame types 'a'..'z' */
/* Tags stripped into the mbuf; filters, or ethdev refuses to set them. */
#define VLAN_RX_OFFLOADS	(RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_VLAN_FILTER)

/* Send @n frames of @tx_spec from @a; count those reaching @b intact as
 * @rx_spec (the same frame as @b sees it: tag stripped or added). */
static uint64_t
one_way(uint16_t a, uint16_t b, struct rte_mempool *pool, const struct vf_frame_spec *tx_spec,
	const struct vf_frame_spec *rx_spec, uint32_t n)
{
	struct rte_mbuf *pkts[BURST];
	uint64_t end, good = 0, bad = 0, seq;
	uint32_t sent = 0, i;
	uint16_t k, got;
	char why[128];

	vf_drain(b, 50);
	while (sent < n) {
		for (i = 0; i < BURST && sent + i < n; i++)
			pkts[i] = vf_frame_build(pool, tx_spec, sent + i);
		k = rte_eth_tx_burst(a, 0, pkts, (uint16_t)i);
		while (k < i)
			rte_pktmbuf_free(pkts[--i]);
		sent += k;
		rte_delay_us_sleep(2000);
	}
	end = rte_get_timer_cycles() + rte_get_timer_hz() / 2;
	while (rte_get_timer_cycles() < end) {
		got = rte_eth_rx_burst(b, 0, pkts, BURST);
		for (k = 0; k < got; k++) {
			if (vf_frame_check(pkts[k], rx_spec, &seq, why, sizeof(why)))
				good++;
			else if (bad++ < 3)
				printf("info: unexpected frame: %s\n", why);
			rte_pktmbuf_free(pkts[k]);
		}
		if (got == 0)
			rte_delay_us_sleep(1000);
	}
	return good;
}

void
scenario_port_vlan(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b,
	struct rte_mempool *tx)
{
	const struct vf_port_opts o = { .nb_desc = 512, .rx_offloads = VLAN_RX_OFFLOADS };
	uint16_t vid = (uint16_t)atoi(argv[2]), p, q;
	struct vf_frame_spec plain, tagged;
	int ret;

	ret = vf_port_open(argv[0], rx_a, &o, &p);
	if (!vf_check(ret == 0, "port VLAN VF %s started (%d)", argv[0], ret))
		return;
	ret = vf_port_open(argv[1], rx_b, &o, &q);
	if (!vf_check(ret == 0, "peer VF %s started (%d)", argv[1], ret)) {
		vf_port_close(p);
		return;
	}
	ret = rte_eth_dev_vlan_filter(p, 5, 1);
	vf_check(ret == -EPERM, "VF with a port VLAN: own VLAN filter refused with -EPERM (%d)",
		ret);
	ret = rte_eth_dev_vlan_filter(q, vid, 1);
	vf_check(ret == 0, "peer joins VLAN %u (%d)", vid, ret);

	memset(&plain, 0, sizeof(plain));
	rte_eth_macaddr_get(p, &plain.src);
	rte_eth_macaddr_get(q, &plain.dst);
	plain.len = 200;
	tagged = plain;
	tagged.vlan = vid;
	tagged.len = plain.len + 4;
	/* Untagged from the port VLAN VF: the NIC inserts the tag. */
	vf_check(one_way(p, q, tx, &plain, &tagged, 40) == 40,
		"untagged frames from the port VLAN VF reach the peer tagged %u", vid);
	/* Tagged from the peer: the tag is stripped for the port VLAN VF. */
	tagged.src = plain.dst;
	tagged.dst = plain.src;
	vf_check(one_way(q, p, tx, &tagged, &tagged, 40) == 40,
		"frames tagged %u reach the port VLAN VF with the tag stripped", vid);
	plain.src = tagged.src;
	plain.dst = tagged.dst;
	vf_check(one_way(q, p, tx, &plain, &plain, 40) == 0,
		"untagged frames do not reach the port VLAN VF");
	vf_port_close(p);
	vf_port_close(q);
}

struct wire_counts {
	uint64_t n[WIRE_TYPES];
	uint16_t vlan[WIRE_TYPES];
	uint64_t other;
};

/* The sender's frames carry WIRE_MAGIC and a type letter after the
 * EtherType; tags the NIC stripped are in the mbuf. */
static void
classify(const struct rte_mbuf *m, struct wire_counts *c)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t off = 12, magic;
	uint8_t type;

	if (m->data_len < 24) {
		c->other++;
		return;
	}
	if (p[12] == 0x81 && p[13] == 0x00)
		off += 4;	/* a tag the NIC left in the frame */
	memcpy(&magic, p + off + 2, 4);
	type = p[off + 6];
	if (rte_be_to_cpu_32(magic) != WIRE_MAGIC || type < 'a' || type >= 'a' + WIRE_TYPES) {
		c->other++;
		return;
	}
	c->n[type - 'a']++;
	if (m->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED)
		c->vlan[type - 'a'] = m->vlan_tci & 0xFFF;
}

void
scenario_wire_rx(char **argv, struct rte_mempool *rx_a, struct rte_mempool *rx_b)
{
	const struct vf_port_opts o = { .nb_desc = 512, .rx_offloads = VLAN_RX_OFFLOADS };
	struct wire_counts counts[2];
	struct rte_mbuf *pkts[BURST];
	uint16_t port[2], vid = (uint16_t)atoi(argv[2]), k, got;
	uint64_t end;
	int ret, i, t;

	memset(counts, 0, sizeof(counts));
	for (i = 0; i < 2; i++) {
		ret = vf_port_open(argv[i], i == 0 ? rx_a : rx_b, &o, &port[i]);
		if (!vf_check(ret == 0, "VF %s started (%d)", argv[i], ret)) {
			if (i == 1)
				vf_port_close(port[0]);
			return;
		}
	}
	ret = rte_eth_dev_vlan_filter(port[0], vid, 1);
	vf_check(ret == 0, "VF %s joins VLAN %u (%d)", argv[0], vid, ret);
	printf("ready\n");
	fflush(stdout);
	end = rte_get_timer_cycles() + rte_get_timer_hz() * (uint64_t)atoi(argv[3]);
	while (rte_get_timer_cycles() < end) {
		for (i = 0; i < 2; i++) {
			got = rte_eth_rx_burst(port[i], 0, pkts, BURST);
			for (k = 0; k < got; k++) {
				classify(pkts[k], &counts[i]);
				rte_pktmbuf_free(pkts[k]);
			}
		}
		rte_delay_us_sleep(1000);
	}
	for (i = 0; i < 2; i++) {
		for (t = 0; t < WIRE_TYPES; t++)
			if (counts[i].n[t] > 0)
				printf("rx vf%d type=%c n=%lu vlan=%u\n", i, 'a' + t,
					(unsigned long)counts[i].n[t], counts[i].vlan[t]);
		printf("rx vf%d other=%lu\n", i, (unsigned long)counts[i].other);
		vf_port_close(port[i]);
	}
}

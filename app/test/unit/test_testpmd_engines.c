/* SPDX-License-Identifier: BSD-3-Clause */
/* srnic-testpmd engine logic on mbufs: MAC rewrite and swap, generated
 * packets (txonly, flowgen) and icmpecho replies, checksums included. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <rte_arp.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "test_eal.h"
#include "testpmd.h"

#define POOL_SIZE 511

static struct rte_mempool *mp;
static const struct rte_ether_addr mac_a = {{ 0x02, 0, 0, 0, 0, 0x0a }};
static const struct rte_ether_addr mac_b = {{ 0x02, 0, 0, 0, 0, 0x0b }};
static const struct rte_ether_addr mac_c = {{ 0x02, 0, 0, 0, 0, 0x0c }};

static struct rte_mbuf *
frame(const struct rte_ether_addr *dst, const struct rte_ether_addr *src, uint16_t type,
	uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	struct rte_ether_hdr *eth;

	assert_non_null(m);
	eth = (struct rte_ether_hdr *)rte_pktmbuf_append(m, len);
	memset(eth, 0x5a, len);
	eth->dst_addr = *dst;
	eth->src_addr = *src;
	eth->ether_type = rte_cpu_to_be_16(type);
	return m;
}

static struct rte_ether_hdr *
eth_of(struct rte_mbuf *m)
{
	return rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
}

static int
teardown(void **state)
{
	(void)state;
	assert_int_equal(rte_mempool_avail_count(mp), POOL_SIZE);
	return 0;
}

static void
mac_rewrite_sets_both_addresses_and_keeps_the_payload(void **state)
{
	struct rte_mbuf *p[3];
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		p[i] = frame(&mac_c, &mac_c, 0x0800, 100);
	pkt_mac_rewrite(p, 3, &mac_a, &mac_b);
	for (i = 0; i < 3; i++) {
		assert_memory_equal(&eth_of(p[i])->src_addr, &mac_a, 6);
		assert_memory_equal(&eth_of(p[i])->dst_addr, &mac_b, 6);
		assert_int_equal(rte_pktmbuf_mtod_offset(p[i], uint8_t *, 50)[0], 0x5a);
	}
	rte_pktmbuf_free_bulk(p, 3);
}

static void
macswap_swaps(void **state)
{
	struct rte_mbuf *m = frame(&mac_a, &mac_b, 0x0800, 64);

	(void)state;
	pkt_macswap(&m, 1);
	assert_memory_equal(&eth_of(m)->src_addr, &mac_a, 6);
	assert_memory_equal(&eth_of(m)->dst_addr, &mac_b, 6);
	rte_pktmbuf_free(m);
}

static uint16_t
cksum_of(const void *p, size_t len)
{
	return rte_raw_cksum(p, len);
}

static void
txonly_builds_valid_ipv4_udp_packets(void **state)
{
	const uint16_t segs[2] = { 60, 40 };
	struct rte_mbuf *p[4];
	uint32_t flow = 0;
	int i;

	(void)state;
	assert_int_equal(pkt_txonly_build(mp, p, 4, &mac_a, &mac_b, segs, 2, 1, &flow), 4);
	for (i = 0; i < 4; i++) {
		struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(p[i], struct rte_ipv4_hdr *, 14);
		struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);

		assert_int_equal(p[i]->nb_segs, 2);
		assert_int_equal(p[i]->pkt_len, 100);
		assert_int_equal(p[i]->data_len, 60);
		assert_memory_equal(&eth_of(p[i])->dst_addr, &mac_b, 6);
		assert_int_equal(eth_of(p[i])->ether_type, rte_cpu_to_be_16(0x0800));
		assert_int_equal(rte_be_to_cpu_16(ip->total_length), 86);
		assert_int_equal(ip->next_proto_id, IPPROTO_UDP);
		/* A header with a right checksum sums to all ones. */
		assert_int_equal(cksum_of(ip, sizeof(*ip)), 0xFFFF);
		assert_int_equal(rte_be_to_cpu_16(udp->dgram_len), 66);
		assert_int_equal(ip->src_addr, inet_addr("198.18.0.1"));
	}
	assert_int_equal(flow, 0);
	rte_pktmbuf_free_bulk(p, 4);
}

static void
flowgen_cycles_through_its_flows(void **state)
{
	const uint16_t seg = 64;
	struct rte_mbuf *p[8];
	uint32_t flow = 0;
	uint16_t src_ports[8];
	int i, j, distinct = 0;

	(void)state;
	assert_int_equal(pkt_txonly_build(mp, p, 8, &mac_a, &mac_b, &seg, 1, 4, &flow), 8);
	for (i = 0; i < 8; i++) {
		struct rte_udp_hdr *udp = rte_pktmbuf_mtod_offset(p[i], struct rte_udp_hdr *,
			14 + 20);

		src_ports[i] = rte_be_to_cpu_16(udp->src_port);
	}
	for (i = 0; i < 8; i++) {
		for (j = 0; j < i && src_ports[j] != src_ports[i]; j++)
			;
		distinct += j == i;
	}
	assert_int_equal(distinct, 4);
	assert_int_equal(src_ports[0], src_ports[4]);
	assert_int_not_equal(src_ports[0], src_ports[1]);
	assert_int_equal(flow, 0);
	rte_pktmbuf_free_bulk(p, 8);
}

static struct rte_mbuf *
echo_request(uint32_t dst_ip, uint16_t payload)
{
	uint16_t len = 14 + 20 + 8 + payload;
	struct rte_mbuf *m = frame(&mac_c, &mac_b, RTE_ETHER_TYPE_IPV4, len);
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, 14);
	struct rte_icmp_hdr *icmp = (struct rte_icmp_hdr *)(ip + 1);

	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(len - 14);
	ip->time_to_live = 3;
	ip->next_proto_id = IPPROTO_ICMP;
	ip->src_addr = inet_addr("192.0.2.2");
	ip->dst_addr = dst_ip;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	icmp->icmp_type = RTE_IP_ICMP_ECHO_REQUEST;
	icmp->icmp_code = 0;
	icmp->icmp_ident = rte_cpu_to_be_16(77);
	icmp->icmp_seq_nb = rte_cpu_to_be_16(5);
	icmp->icmp_cksum = 0;
	icmp->icmp_cksum = ~rte_raw_cksum(icmp, 8 + payload);
	return m;
}

static void
icmpecho_answers_a_ping_with_valid_checksums(void **state)
{
	uint32_t ip = inet_addr("192.0.2.1");
	struct rte_mbuf *m = echo_request(ip, 56);
	struct rte_ipv4_hdr *iph;
	struct rte_icmp_hdr *icmp;
	uint64_t dropped = 0;

	(void)state;
	assert_int_equal(pkt_icmpecho(&m, 1, &mac_c, ip, &dropped), 1);
	assert_int_equal(dropped, 0);
	iph = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, 14);
	icmp = (struct rte_icmp_hdr *)(iph + 1);
	assert_memory_equal(&eth_of(m)->dst_addr, &mac_b, 6);
	assert_memory_equal(&eth_of(m)->src_addr, &mac_c, 6);
	assert_int_equal(iph->src_addr, ip);
	assert_int_equal(iph->dst_addr, inet_addr("192.0.2.2"));
	assert_int_equal(cksum_of(iph, sizeof(*iph)), 0xFFFF);
	assert_int_equal(icmp->icmp_type, RTE_IP_ICMP_ECHO_REPLY);
	assert_int_equal(rte_be_to_cpu_16(icmp->icmp_ident), 77);
	assert_int_equal(cksum_of(icmp, 8 + 56), 0xFFFF);
	rte_pktmbuf_free(m);
}

static void
icmpecho_answers_arp_for_its_address(void **state)
{
	uint32_t ip = inet_addr("192.0.2.1");
	struct rte_mbuf *m = frame(&mac_c, &mac_b, RTE_ETHER_TYPE_ARP, 60);
	struct rte_arp_hdr *arp = rte_pktmbuf_mtod_offset(m, struct rte_arp_hdr *, 14);
	uint64_t dropped = 0;

	(void)state;
	eth_of(m)->dst_addr = (struct rte_ether_addr){{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }};
	arp->arp_hardware = rte_cpu_to_be_16(RTE_ARP_HRD_ETHER);
	arp->arp_protocol = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	arp->arp_hlen = 6;
	arp->arp_plen = 4;
	arp->arp_opcode = rte_cpu_to_be_16(RTE_ARP_OP_REQUEST);
	arp->arp_data.arp_sha = mac_b;
	arp->arp_data.arp_sip = inet_addr("192.0.2.2");
	memset(&arp->arp_data.arp_tha, 0, 6);
	arp->arp_data.arp_tip = ip;
	assert_int_equal(pkt_icmpecho(&m, 1, &mac_c, ip, &dropped), 1);
	assert_int_equal(rte_be_to_cpu_16(arp->arp_opcode), RTE_ARP_OP_REPLY);
	assert_memory_equal(&arp->arp_data.arp_sha, &mac_c, 6);
	assert_memory_equal(&arp->arp_data.arp_tha, &mac_b, 6);
	assert_int_equal(arp->arp_data.arp_sip, ip);
	assert_int_equal(arp->arp_data.arp_tip, inet_addr("192.0.2.2"));
	assert_memory_equal(&eth_of(m)->dst_addr, &mac_b, 6);
	rte_pktmbuf_free(m);
}

static void
icmpecho_drops_what_is_not_for_it(void **state)
{
	uint32_t ip = inet_addr("192.0.2.1");
	struct rte_mbuf *p[4];
	uint64_t dropped = 0;

	(void)state;
	p[0] = echo_request(inet_addr("192.0.2.9"), 8);		/* another host */
	p[1] = frame(&mac_c, &mac_b, 0x86DD, 80);		/* IPv6 */
	p[2] = frame(&mac_c, &mac_b, RTE_ETHER_TYPE_IPV4, 20);	/* truncated */
	p[3] = echo_request(ip, 8);
	assert_int_equal(pkt_icmpecho(p, 4, &mac_c, ip, &dropped), 1);
	assert_int_equal(dropped, 3);
	rte_pktmbuf_free(p[0]);	/* the one reply, moved to the front */
}

/* A right TCP/UDP checksum sums, with the pseudo header, to all ones;
 * rte_ipv4_udptcp_cksum() then gives 0 (UDP writes that as 0xFFFF). */
static bool
l4_cksum_right(const struct rte_ipv4_hdr *ip, const void *l4)
{
	uint16_t c = rte_ipv4_udptcp_cksum(ip, l4);

	return c == 0 || (ip->next_proto_id == IPPROTO_UDP && c == 0xFFFF);
}

/* Ethernet (with one VLAN tag when @vlan), IPv4 10.0.0.1 -> 10.0.0.2 and
 * UDP 1000 -> 2000 or TCP 1000 -> 2000, 8 payload bytes, all checksums
 * right. Returns the IPv4 header's offset. */
static struct rte_mbuf *
ipv4_packet(uint8_t proto, bool vlan, uint16_t *l3_off)
{
	uint16_t l4_len = (proto == IPPROTO_TCP ? 20 : 8) + 8;
	uint16_t off = vlan ? 18 : 14;
	struct rte_mbuf *m = frame(&mac_b, &mac_a, vlan ? RTE_ETHER_TYPE_VLAN :
		RTE_ETHER_TYPE_IPV4, off + 20 + l4_len);
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, off);
	uint16_t *ports_of = (uint16_t *)(ip + 1);

	if (vlan) {
		struct rte_vlan_hdr *tag = rte_pktmbuf_mtod_offset(m, struct rte_vlan_hdr *, 14);

		tag->vlan_tci = rte_cpu_to_be_16(100);
		tag->eth_proto = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	}
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(20 + l4_len);
	ip->time_to_live = 64;
	ip->next_proto_id = proto;
	ip->src_addr = inet_addr("10.0.0.1");
	ip->dst_addr = inet_addr("10.0.0.2");
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	ports_of[0] = rte_cpu_to_be_16(1000);
	ports_of[1] = rte_cpu_to_be_16(2000);
	if (proto == IPPROTO_UDP) {
		struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);

		udp->dgram_len = rte_cpu_to_be_16(l4_len);
		udp->dgram_cksum = 0;
		udp->dgram_cksum = rte_ipv4_udptcp_cksum(ip, udp);
	} else {
		struct rte_tcp_hdr *tcp = (struct rte_tcp_hdr *)(ip + 1);

		memset(&tcp->sent_seq, 0, 16);
		tcp->data_off = 5 << 4;
		tcp->cksum = rte_ipv4_udptcp_cksum(ip, tcp);
	}
	*l3_off = off;
	return m;
}

static void
fivetswap_reverses_the_5_tuple_of_ipv4_udp_behind_a_vlan_tag(void **state)
{
	uint16_t off;
	struct rte_mbuf *m = ipv4_packet(IPPROTO_UDP, true, &off);
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, off);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);

	(void)state;
	pkt_5tswap(&m, 1);
	assert_memory_equal(&eth_of(m)->dst_addr, &mac_a, 6);
	assert_memory_equal(&eth_of(m)->src_addr, &mac_b, 6);
	assert_int_equal(ip->src_addr, inet_addr("10.0.0.2"));
	assert_int_equal(ip->dst_addr, inet_addr("10.0.0.1"));
	assert_int_equal(rte_be_to_cpu_16(udp->src_port), 2000);
	assert_int_equal(rte_be_to_cpu_16(udp->dst_port), 1000);
	/* Swapped words leave every checksum right. */
	assert_int_equal(cksum_of(ip, sizeof(*ip)), 0xFFFF);
	assert_true(l4_cksum_right(ip, udp));
	rte_pktmbuf_free(m);
}

static void
fivetswap_reverses_ipv6_tcp_and_leaves_arp_payload_alone(void **state)
{
	struct rte_mbuf *p[2];
	struct rte_ipv6_hdr *ip;
	struct rte_tcp_hdr *tcp;
	uint8_t a[16], b[16];

	(void)state;
	memset(a, 0x11, sizeof(a));
	memset(b, 0x22, sizeof(b));
	p[0] = frame(&mac_b, &mac_a, RTE_ETHER_TYPE_IPV6, 14 + 40 + 20);
	ip = rte_pktmbuf_mtod_offset(p[0], struct rte_ipv6_hdr *, 14);
	memset(ip, 0, sizeof(*ip));
	ip->vtc_flow = rte_cpu_to_be_32(6u << 28);
	ip->payload_len = rte_cpu_to_be_16(20);
	ip->proto = IPPROTO_TCP;
	memcpy(ip->src_addr, a, 16);
	memcpy(ip->dst_addr, b, 16);
	tcp = (struct rte_tcp_hdr *)(ip + 1);
	tcp->src_port = rte_cpu_to_be_16(80);
	tcp->dst_port = rte_cpu_to_be_16(40000);
	p[1] = frame(&mac_b, &mac_a, RTE_ETHER_TYPE_ARP, 60);
	pkt_5tswap(p, 2);
	assert_memory_equal(ip->src_addr, b, 16);
	assert_memory_equal(ip->dst_addr, a, 16);
	assert_int_equal(rte_be_to_cpu_16(tcp->src_port), 40000);
	assert_int_equal(rte_be_to_cpu_16(tcp->dst_port), 80);
	/* Not IP: only the MACs move, the rest stays as it was. */
	assert_memory_equal(&eth_of(p[1])->dst_addr, &mac_a, 6);
	assert_int_equal(rte_pktmbuf_mtod_offset(p[1], uint8_t *, 30)[0], 0x5a);
	rte_pktmbuf_free_bulk(p, 2);
}

static void
csum_counts_wrong_checksums_and_writes_right_ones(void **state)
{
	struct csum_bad bad = { 0 };
	struct rte_mbuf *p[3];
	struct rte_ipv4_hdr *ip[3];
	uint16_t off;
	int i;

	(void)state;
	p[0] = ipv4_packet(IPPROTO_UDP, false, &off);	/* right */
	p[1] = ipv4_packet(IPPROTO_UDP, true, &off);	/* IP header and UDP wrong */
	p[2] = ipv4_packet(IPPROTO_TCP, false, &off);	/* TCP wrong */
	for (i = 0; i < 3; i++)
		ip[i] = rte_pktmbuf_mtod_offset(p[i], struct rte_ipv4_hdr *, i == 1 ? 18 : 14);
	ip[1]->hdr_checksum ^= 0x0101;
	((struct rte_udp_hdr *)(ip[1] + 1))->dgram_cksum ^= 0x00FF;
	((struct rte_tcp_hdr *)(ip[2] + 1))->cksum = rte_cpu_to_be_16(0x1234);
	pkt_csum(p, 3, &bad);
	assert_int_equal(bad.ip, 1);
	assert_int_equal(bad.l4, 2);
	assert_int_equal(bad.outer_ip, 0);
	assert_int_equal(bad.outer_l4, 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(cksum_of(ip[i], sizeof(*ip[i])), 0xFFFF);
		assert_true(l4_cksum_right(ip[i], ip[i] + 1));
	}
	rte_pktmbuf_free_bulk(p, 3);
}

static void
csum_trusts_the_drivers_verdict_and_udp_zero_means_none(void **state)
{
	struct csum_bad bad = { 0 };
	struct rte_mbuf *p[3];
	struct rte_udp_hdr *udp;
	uint16_t off;

	(void)state;
	/* Right checksums the driver calls bad: counted, as testpmd counts. */
	p[0] = ipv4_packet(IPPROTO_UDP, false, &off);
	p[0]->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_BAD | RTE_MBUF_F_RX_L4_CKSUM_BAD;
	/* A wrong IP checksum the driver calls good: not counted. */
	p[1] = ipv4_packet(IPPROTO_UDP, false, &off);
	p[1]->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	rte_pktmbuf_mtod_offset(p[1], struct rte_ipv4_hdr *, 14)->hdr_checksum ^= 1;
	/* No UDP checksum sent: not wrong, and one is written. */
	p[2] = ipv4_packet(IPPROTO_UDP, false, &off);
	udp = rte_pktmbuf_mtod_offset(p[2], struct rte_udp_hdr *, 14 + 20);
	udp->dgram_cksum = 0;
	pkt_csum(p, 3, &bad);
	assert_int_equal(bad.ip, 1);
	assert_int_equal(bad.l4, 1);
	assert_int_not_equal(udp->dgram_cksum, 0);
	assert_true(l4_cksum_right(rte_pktmbuf_mtod_offset(p[2], struct rte_ipv4_hdr *, 14),
		udp));
	rte_pktmbuf_free_bulk(p, 3);
}

static void
burst_line_has_testpmds_shape(void **state)
{
	struct burst_spread b;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	memset(&b, 0, sizeof(b));
	b.count[0] = 10;
	b.count[32] = 80;
	b.count[5] = 7;
	b.count[1] = 3;
	f = open_memstream(&out, &len);
	assert_non_null(f);
	burst_spread_print(f, "RX", &b);
	b.count[5] = 0;
	b.count[1] = 0;
	burst_spread_print(f, "TX", &b);
	memset(&b, 0, sizeof(b));
	burst_spread_print(f, "RX", &b);	/* nothing recorded: no line */
	fclose(f);
	assert_string_equal(out,
		"  RX-bursts : 100 [10% of 0 pkts + 80% of 32 pkts + 7% of 5 pkts + 3% of other]\n"
		"  TX-bursts : 90 [11% of 0 pkts + 89% of 32 pkts]\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_teardown(fn, teardown)
		T(mac_rewrite_sets_both_addresses_and_keeps_the_payload),
		T(macswap_swaps),
		T(txonly_builds_valid_ipv4_udp_packets),
		T(flowgen_cycles_through_its_flows),
		T(icmpecho_answers_a_ping_with_valid_checksums),
		T(icmpecho_answers_arp_for_its_address),
		T(icmpecho_drops_what_is_not_for_it),
		T(fivetswap_reverses_the_5_tuple_of_ipv4_udp_behind_a_vlan_tag),
		T(fivetswap_reverses_ipv6_tcp_and_leaves_arp_payload_alone),
		T(csum_counts_wrong_checksums_and_writes_right_ones),
		T(csum_trusts_the_drivers_verdict_and_udp_zero_means_none),
		T(burst_line_has_testpmds_shape),
#undef T
	};

	test_eal_init("test_testpmd_engines");
	mp = rte_pktmbuf_pool_create("engines", POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
		SOCKET_ID_ANY);
	if (mp == NULL)
		return 1;
	return cmocka_run_group_tests_name("testpmd_engines", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the SSE and AVX2 bursts share: the descriptor reads, the TX
 * descriptor of one packet, and the layout facts they rely on. The AVX2 file includes
 * this too, so these compile to VEX code there.
 */
#ifndef SRNIC_RXTX_VEC_H
#define SRNIC_RXTX_VEC_H

#include <stddef.h>
#include <stdint.h>

#include <rte_mbuf.h>
#include <rte_vect.h>

#include "srnic_dev.h"
#include "srnic_rx_simple.h"
#include "srnic_tx_simple.h"

/* The mbuf fields moved as 16-byte blocks, at the offsets they have in
 * every DPDK 22.11 build with IOVA in the mbuf. */
_Static_assert(offsetof(struct rte_mbuf, buf_iova) == offsetof(struct rte_mbuf, buf_addr) + 8,
	"buf_iova follows buf_addr");
_Static_assert(offsetof(struct rte_mbuf, pkt_len) == offsetof(struct rte_mbuf, packet_type) + 4 &&
	offsetof(struct rte_mbuf, data_len) == offsetof(struct rte_mbuf, packet_type) + 8 &&
	offsetof(struct rte_mbuf, hash) == offsetof(struct rte_mbuf, packet_type) + 12,
	"packet_type, pkt_len, data_len, vlan_tci and hash are one 16-byte block");
_Static_assert(offsetof(struct rte_mbuf, nb_segs) == offsetof(struct rte_mbuf, data_off) + 4,
	"nb_segs is bytes 4-5 of the rearm word");
_Static_assert(offsetof(struct igb_rx_desc_wb, length) ==
	offsetof(struct igb_rx_desc_wb, status_error) + 4, "length follows status_error");

/* Descriptor memory as the intrinsics take it. The NIC writes it, so the
 * loads are ordered by hand (a barrier after the done bits), not by
 * volatile. */
static inline const void *
srnic_vec_rx_hi_addr(volatile const union igb_rx_desc *d)
{
	return (const void *)(uintptr_t)&d->wb.status_error;
}

/* Second quad words (status, length, tag) of two descriptors, the first
 * in the low half. */
static __rte_always_inline __m128i
srnic_vec_rx_hi_pair(volatile const union igb_rx_desc *d)
{
	__m128i h = _mm_loadl_epi64(srnic_vec_rx_hi_addr(&d[0]));

	return _mm_castpd_si128(_mm_loadh_pd(_mm_castsi128_pd(h), srnic_vec_rx_hi_addr(&d[1])));
}

/* The sum of four 32-bit lengths, each lane at most a share of 65535
 * lengths below 64 KiB: widened before it could overflow. */
static __rte_always_inline uint64_t
srnic_vec_sum4(__m128i lanes)
{
	return (uint64_t)(uint32_t)_mm_extract_epi32(lanes, 0) +
		(uint32_t)_mm_extract_epi32(lanes, 1) + (uint32_t)_mm_extract_epi32(lanes, 2) +
		(uint32_t)_mm_extract_epi32(lanes, 3);
}

/* The pkt_info words of four descriptors, read after their done bits. */
static __rte_always_inline __m128i
srnic_vec_rx_info4(volatile const union igb_rx_desc *d)
{
	const union igb_rx_desc *r = (const void *)(uintptr_t)d;

	return _mm_setr_epi32((int)r[0].wb.pkt_info, (int)r[1].wb.pkt_info,
		(int)r[2].wb.pkt_info, (int)r[3].wb.pkt_info);
}

static inline void *
srnic_vec_tx_addr(volatile union igb_tx_desc *d)
{
	return (void *)(uintptr_t)d;
}

/*
 * One TX descriptor's two quad words for @m: buffer address plus data_off;
 * command, length, and the length again as PAYLEN. @seg_ol collects what
 * the burst must check: nb_segs other than 1 and offload flags.
 */
static __rte_always_inline __m128i
srnic_vec_tx_desc(const struct rte_mbuf *m, __m128i *seg_ol, __m128i *lens)
{
	const __m128i data_off = _mm_set_epi64x(0xffff, -1);
	const __m128i one_seg = _mm_set_epi64x(0, (int64_t)1 << 32);
	/* data_len, from the block at packet_type, into dwords 0 and 1. */
	const __m128i len_twice = _mm_setr_epi8(8, 9, -1, -1, 8, 9, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1);
	const __m128i paylen = _mm_setr_epi32(1, 1 << IGB_TXD_PAYLEN_SHIFT, 0, 0);
	const __m128i cmd = _mm_set_epi64x(0, SRNIC_TX_CMD_SIMPLE);
	/* buf_iova and the rearm word: mask the rearm word to data_off and
	 * fold it onto the address. */
	__m128i iova_off = _mm_and_si128(_mm_loadu_si128((const void *)&m->buf_iova), data_off);
	__m128i addr = _mm_add_epi64(iova_off, _mm_srli_si128(iova_off, 8));
	/* Unaligned loads: an mbuf from a pool made without cache alignment
	 * must not fault here. */
	__m128i len = _mm_mullo_epi32(_mm_shuffle_epi8(
		_mm_loadu_si128((const void *)&m->packet_type), len_twice), paylen);

	*seg_ol = _mm_or_si128(*seg_ol,
		_mm_xor_si128(_mm_loadu_si128((const void *)&m->data_off), one_seg));
	*lens = _mm_add_epi32(*lens, len);
	return _mm_unpacklo_epi64(addr, _mm_or_si128(len, cmd));
}

/* Whether what srnic_vec_tx_desc collected holds a packet the simple
 * paths cannot send. */
static inline uint64_t
srnic_vec_tx_bad(__m128i seg_ol)
{
	const __m128i check = _mm_set_epi64x((int64_t)RTE_MBUF_F_TX_OFFLOAD_MASK,
		(int64_t)0xffff << 32);

	return !_mm_testz_si128(seg_ol, check);
}

#endif /* SRNIC_RXTX_VEC_H */

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SSE bursts (SSE4.1, inside the build's SSE4.2 baseline): the simple
 * paths' skeletons with four RX descriptors checked and decoded at once,
 * and TX descriptors built in registers and written with one store each.
 * The scalar simple paths are the reference they must match field for
 * field (app/test/unit/test_srnic_rxtx.c).
 */
#include <stdint.h>
#include <string.h>

#include <rte_io.h>
#include <rte_mbuf.h>
#include <rte_vect.h>

#include "srnic_dev.h"
#include "srnic_rxtx_vec.h"

#define RX_GROUP	4

/*
 * Packet types of four descriptors' pkt_info words: the L3 bits (7:4)
 * and the L4 bits (10:8) each index a 16-byte table built from the same
 * rule as the scalar table (srnic_rx_ptype_of), so one byte shuffle each
 * does four lookups.
 */
static __rte_always_inline __m128i
rx_ptype4(__m128i pkt_info, __m128i l3_table, __m128i l4_table)
{
	const __m128i nibble = _mm_set1_epi32(0x0f);
	const __m128i l4_bits = _mm_set1_epi32(IGB_RXD_PKTTYPE_TCP | IGB_RXD_PKTTYPE_UDP |
		IGB_RXD_PKTTYPE_SCTP);
	__m128i l3 = _mm_and_si128(_mm_srli_epi32(pkt_info, IGB_RXD_PKTTYPE_SHIFT), nibble);
	/* The L4 bits sit in byte 1 already: its lookup lands there too. */
	__m128i l4 = _mm_and_si128(pkt_info, l4_bits);

	return _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(l3_table, l3),
		_mm_shuffle_epi8(l4_table, l4)), _mm_set1_epi32(RTE_PTYPE_L2_ETHER));
}

/*
 * Fill four mbufs from columns, one dword a packet: @ptype (types), @len
 * (lengths), @len_vlan (length and tag words), @flags (VLAN flags).
 * Unpacks turn them into each mbuf's two 16-byte blocks: the rearm word
 * with ol_flags, and packet_type to the RSS hash (left 0). Each mbuf's two
 * stores go one after the other: stores that take turns between cache
 * lines drained half as fast on the host micro-benchmark (27 cycles a
 * packet against 16).
 */
static __rte_always_inline void
rx_fill4(struct rte_mbuf *const *sw, __m128i rearm, __m128i flags, __m128i ptype, __m128i len,
	__m128i len_vlan)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i f01 = _mm_unpacklo_epi32(flags, zero), f23 = _mm_unpackhi_epi32(flags, zero);
	__m128i pl01 = _mm_unpacklo_epi32(ptype, len), pl23 = _mm_unpackhi_epi32(ptype, len);
	__m128i v01 = _mm_unpacklo_epi32(len_vlan, zero), v23 = _mm_unpackhi_epi32(len_vlan, zero);

	_mm_storeu_si128((void *)&sw[0]->data_off, _mm_unpacklo_epi64(rearm, f01));
	_mm_storeu_si128((void *)&sw[0]->packet_type, _mm_unpacklo_epi64(pl01, v01));
	_mm_storeu_si128((void *)&sw[1]->data_off, _mm_unpackhi_epi64(rearm, f01));
	_mm_storeu_si128((void *)&sw[1]->packet_type, _mm_unpackhi_epi64(pl01, v01));
	_mm_storeu_si128((void *)&sw[2]->data_off, _mm_unpacklo_epi64(rearm, f23));
	_mm_storeu_si128((void *)&sw[2]->packet_type, _mm_unpacklo_epi64(pl23, v23));
	_mm_storeu_si128((void *)&sw[3]->data_off, _mm_unpackhi_epi64(rearm, f23));
	_mm_storeu_si128((void *)&sw[3]->packet_type, _mm_unpackhi_epi64(pl23, v23));
}

/*
 * Four descriptors at a time: their status words in one register, one
 * test for "all done, no frame error", then the mbufs' fields from
 * shuffles of the descriptors, with no branch per packet.
 */
static __rte_always_inline size_t
take_groups_sse(volatile const union igb_rx_desc *d, struct rte_mbuf *const *sw,
	struct rte_mbuf **pkts, size_t max, const struct srnic_rx_rearm rearm[2], uint64_t *bytes)
{
	const __m128i done = _mm_set1_epi32(IGB_RXD_STAT_DD);
	const __m128i done_err = _mm_set1_epi32(IGB_RXD_STAT_DD | IGB_RXD_ERR_FRAME);
	const __m128i vp = _mm_set1_epi32(IGB_RXD_STAT_VP);
	const __m128i vlan_flags = _mm_set1_epi32(SRNIC_RX_VLAN_FLAGS);
	const __m128i len_mask = _mm_set1_epi32(UINT16_MAX);
	const __m128i l3_table = _mm_loadu_si128((const void *)srnic_rx_ptype_l3);
	const __m128i l4_table = _mm_loadu_si128((const void *)srnic_rx_ptype_l4);
	/* The rearm word in both quad words: unpacks take it from either. */
	const __m128i rearm_data = _mm_set1_epi64x((int64_t)rearm[0].rearm_data);
	__m128i sum = _mm_setzero_si128();
	size_t k;

	_Static_assert(SRNIC_RX_VLAN_FLAGS <= UINT32_MAX, "VLAN flags fit ol_flags' low half");
	for (k = 0; k < max; k += RX_GROUP, d += RX_GROUP, sw += RX_GROUP) {
		__m128i h01, h23, st, ok, flags, info, ptype, len_vlan, len;

		/* Second quad words (status, length, tag), two a register. */
		h01 = srnic_vec_rx_hi_pair(&d[0]);
		h23 = srnic_vec_rx_hi_pair(&d[2]);
		st = _mm_castps_si128(_mm_shuffle_ps(_mm_castsi128_ps(h01), _mm_castsi128_ps(h23),
			_MM_SHUFFLE(2, 0, 2, 0)));
		ok = _mm_cmpeq_epi32(_mm_and_si128(st, done_err), done);
		if (_mm_movemask_ps(_mm_castsi128_ps(ok)) != 0xf)
			break;
		rte_io_rmb();	/* pkt_info is valid only once DD is seen */
		info = srnic_vec_rx_info4(d);
		ptype = rx_ptype4(info, l3_table, l4_table);
		flags = _mm_and_si128(_mm_cmpeq_epi32(_mm_and_si128(st, vp), vp), vlan_flags);
		len_vlan = _mm_castps_si128(_mm_shuffle_ps(_mm_castsi128_ps(h01),
			_mm_castsi128_ps(h23), _MM_SHUFFLE(3, 1, 3, 1)));
		len = _mm_and_si128(len_vlan, len_mask);
		sum = _mm_add_epi32(sum, len);
		rx_fill4(sw, rearm_data, flags, ptype, len, len_vlan);
		/* After the fills: a store to @pkts could be a store to @sw
		 * for all the compiler knows, and would make it load again. */
		memcpy(&pkts[k], sw, RX_GROUP * sizeof(*pkts));
	}
	*bytes += srnic_vec_sum4(sum);
	return k;
}

uint16_t
srnic_recv_pkts_vec_sse(void *queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	return srnic_rx_simple_burst(queue, pkts, nb_pkts, take_groups_sse, RX_GROUP);
}

/* One 16-byte store a descriptor; the checks of the scalar path folded
 * into a register that is tested once a burst. */
static __rte_always_inline uint64_t
write_sse(volatile union igb_tx_desc *d, struct rte_mbuf **sw, struct rte_mbuf **pkts,
	uint16_t n, uint64_t *bad)
{
	__m128i seg_ol = _mm_setzero_si128(), lens = _mm_setzero_si128();
	size_t i;

	for (i = 0; i + 2 <= n; i += 2) {
		_mm_store_si128(srnic_vec_tx_addr(&d[i]), srnic_vec_tx_desc(pkts[i], &seg_ol, &lens));
		_mm_store_si128(srnic_vec_tx_addr(&d[i + 1]),
			srnic_vec_tx_desc(pkts[i + 1], &seg_ol, &lens));
	}
	if (i < n)
		_mm_store_si128(srnic_vec_tx_addr(&d[i]), srnic_vec_tx_desc(pkts[i], &seg_ol, &lens));
	memcpy(sw, pkts, n * sizeof(*sw));
	*bad |= srnic_vec_tx_bad(seg_ol);
	return (uint32_t)_mm_cvtsi128_si32(lens);
}

uint16_t
srnic_xmit_pkts_vec_sse(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	return srnic_tx_simple_burst(queue, pkts, n, write_sse);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The AVX2 bursts, built with -mavx2 and chosen only on a CPU that has it:
 * the SSE paths' steps with the per-group work done for eight RX
 * descriptors at once, and two TX descriptors built in one register and
 * written with one 32-byte store.
 */
#include <stdint.h>
#include <string.h>

#include <rte_io.h>
#include <rte_mbuf.h>
#include <rte_vect.h>

#include "srnic_dev.h"
#include "srnic_rxtx_vec.h"

#define RX_GROUP	8

/* The rearm word with ol_flags and the block from packet_type follow each
 * other in the mbuf (data_off to the RSS hash): one 32-byte store. */
_Static_assert(offsetof(struct rte_mbuf, packet_type) == offsetof(struct rte_mbuf, data_off) + 16,
	"the mbuf's two RX blocks are adjacent");

/* @rearm and @fields hold the blocks of mbuf @lo in their low lanes and of
 * mbuf @hi in their high lanes: one store for each mbuf. */
static __rte_always_inline void
store_pair(struct rte_mbuf *lo, struct rte_mbuf *hi, __m256i rearm, __m256i fields)
{
	_mm256_storeu_si256((void *)&lo->data_off, _mm256_permute2x128_si256(rearm, fields, 0x20));
	_mm256_storeu_si256((void *)&hi->data_off, _mm256_permute2x128_si256(rearm, fields, 0x31));
}

/*
 * Fill eight mbufs, lane 0 holding packets 0-3 and lane 1 packets 4-7 of
 * @ptype (types), @len (lengths) and @len_vlan (length and tag words), one
 * dword a packet; @flags their VLAN flags the same way. Unpacks turn the
 * columns into each mbuf's two 16-byte blocks, two mbufs a register: the
 * rearm word with ol_flags, and packet_type to the RSS hash (left 0). An
 * mbuf gets both in one store: stores that take turns between cache lines
 * drained half as fast on the host micro-benchmark.
 */
static __rte_always_inline void
rx_fill8(struct rte_mbuf *const *sw, __m256i rearm, __m256i flags, __m256i ptype, __m256i len,
	__m256i len_vlan)
{
	const __m256i zero = _mm256_setzero_si256();
	__m256i f01 = _mm256_unpacklo_epi32(flags, zero), f23 = _mm256_unpackhi_epi32(flags, zero);
	__m256i pl01 = _mm256_unpacklo_epi32(ptype, len), pl23 = _mm256_unpackhi_epi32(ptype, len);
	__m256i v01 = _mm256_unpacklo_epi32(len_vlan, zero);
	__m256i v23 = _mm256_unpackhi_epi32(len_vlan, zero);

	store_pair(sw[0], sw[4], _mm256_unpacklo_epi64(rearm, f01), _mm256_unpacklo_epi64(pl01, v01));
	store_pair(sw[1], sw[5], _mm256_unpackhi_epi64(rearm, f01), _mm256_unpackhi_epi64(pl01, v01));
	store_pair(sw[2], sw[6], _mm256_unpacklo_epi64(rearm, f23), _mm256_unpacklo_epi64(pl23, v23));
	store_pair(sw[3], sw[7], _mm256_unpackhi_epi64(rearm, f23), _mm256_unpackhi_epi64(pl23, v23));
}

static __rte_always_inline size_t
take_groups_avx2(volatile const union igb_rx_desc *d, struct rte_mbuf *const *sw,
	struct rte_mbuf **pkts, size_t max, const struct srnic_rx_rearm rearm[2], uint64_t *bytes)
{
	const __m256i done = _mm256_set1_epi32(IGB_RXD_STAT_DD);
	const __m256i done_err = _mm256_set1_epi32(IGB_RXD_STAT_DD | IGB_RXD_ERR_FRAME);
	const __m256i vp = _mm256_set1_epi32(IGB_RXD_STAT_VP);
	const __m256i vlan_flags = _mm256_set1_epi32(SRNIC_RX_VLAN_FLAGS);
	const __m256i len_mask = _mm256_set1_epi32(UINT16_MAX);
	const __m256i nibble = _mm256_set1_epi32(0x0f);
	const __m256i l4_bits = _mm256_set1_epi32(IGB_RXD_PKTTYPE_TCP | IGB_RXD_PKTTYPE_UDP |
		IGB_RXD_PKTTYPE_SCTP);
	const __m256i l2 = _mm256_set1_epi32(RTE_PTYPE_L2_ETHER);
	const __m256i l3_table = _mm256_broadcastsi128_si256(
		_mm_loadu_si128((const void *)srnic_rx_ptype_l3));
	const __m256i l4_table = _mm256_broadcastsi128_si256(
		_mm_loadu_si128((const void *)srnic_rx_ptype_l4));
	/* The rearm word in both quad words: unpacks take it from either. */
	const __m256i rearm_data = _mm256_set1_epi64x((int64_t)rearm[0].rearm_data);
	__m256i sum = _mm256_setzero_si256();
	size_t k;

	for (k = 0; k < max; k += RX_GROUP, d += RX_GROUP, sw += RX_GROUP) {
		__m128i h01 = srnic_vec_rx_hi_pair(&d[0]), h23 = srnic_vec_rx_hi_pair(&d[2]);
		__m128i h45 = srnic_vec_rx_hi_pair(&d[4]), h67 = srnic_vec_rx_hi_pair(&d[6]);
		/* Lane 0 holds descriptors 0-3, lane 1 descriptors 4-7. */
		__m256i a = _mm256_inserti128_si256(_mm256_castsi128_si256(h01), h45, 1);
		__m256i b = _mm256_inserti128_si256(_mm256_castsi128_si256(h23), h67, 1);
		__m256i st, ok, info, ptype, flags, len_vlan, len;

		st = _mm256_castps_si256(_mm256_shuffle_ps(_mm256_castsi256_ps(a),
			_mm256_castsi256_ps(b), _MM_SHUFFLE(2, 0, 2, 0)));
		ok = _mm256_cmpeq_epi32(_mm256_and_si256(st, done_err), done);
		if (_mm256_movemask_ps(_mm256_castsi256_ps(ok)) != 0xff)
			break;
		rte_io_rmb();	/* pkt_info is valid only once DD is seen */
		info = _mm256_inserti128_si256(_mm256_castsi128_si256(srnic_vec_rx_info4(&d[0])),
			srnic_vec_rx_info4(&d[4]), 1);
		/* As the SSE path's rx_ptype4, eight at once. */
		ptype = _mm256_or_si256(_mm256_or_si256(
			_mm256_shuffle_epi8(l3_table, _mm256_and_si256(
				_mm256_srli_epi32(info, IGB_RXD_PKTTYPE_SHIFT), nibble)),
			_mm256_shuffle_epi8(l4_table, _mm256_and_si256(info, l4_bits))), l2);
		flags = _mm256_and_si256(_mm256_cmpeq_epi32(_mm256_and_si256(st, vp), vp),
			vlan_flags);
		len_vlan = _mm256_castps_si256(_mm256_shuffle_ps(_mm256_castsi256_ps(a),
			_mm256_castsi256_ps(b), _MM_SHUFFLE(3, 1, 3, 1)));
		len = _mm256_and_si256(len_vlan, len_mask);
		sum = _mm256_add_epi32(sum, len);
		rx_fill8(sw, rearm_data, flags, ptype, len, len_vlan);
		/* After the fills: a store to @pkts could be a store to @sw
		 * for all the compiler knows, and would make it load again. */
		_mm256_storeu_si256((void *)&pkts[k], _mm256_loadu_si256((const void *)sw));
		_mm256_storeu_si256((void *)&pkts[k + 4], _mm256_loadu_si256((const void *)&sw[4]));
	}
	*bytes += srnic_vec_sum4(_mm_add_epi32(_mm256_castsi256_si128(sum),
		_mm256_extracti128_si256(sum, 1)));
	return k;
}

uint16_t
srnic_recv_pkts_vec_avx2(void *queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	return srnic_rx_simple_burst(queue, pkts, nb_pkts, take_groups_avx2, RX_GROUP);
}

/* Two descriptors in one register, as srnic_vec_tx_desc builds one. */
static __rte_always_inline __m256i
tx_desc_pair(const struct rte_mbuf *m0, const struct rte_mbuf *m1, __m256i *seg_ol,
	__m256i *lens)
{
	const __m256i data_off = _mm256_set_epi64x(0xffff, -1, 0xffff, -1);
	const __m256i one_seg = _mm256_set_epi64x(0, (int64_t)1 << 32, 0, (int64_t)1 << 32);
	const __m256i len_twice = _mm256_broadcastsi128_si256(_mm_setr_epi8(8, 9, -1, -1,
		8, 9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
	const __m256i paylen = _mm256_setr_epi32(0, IGB_TXD_PAYLEN_SHIFT, 0, 0,
		0, IGB_TXD_PAYLEN_SHIFT, 0, 0);
	const __m256i cmd = _mm256_set_epi64x(0, SRNIC_TX_CMD_SIMPLE, 0, SRNIC_TX_CMD_SIMPLE);
	__m256i iova_off = _mm256_and_si256(_mm256_loadu2_m128i((const void *)&m1->buf_iova,
		(const void *)&m0->buf_iova), data_off);
	__m256i addr = _mm256_add_epi64(iova_off, _mm256_srli_si256(iova_off, 8));
	__m256i len = _mm256_sllv_epi32(_mm256_shuffle_epi8(_mm256_loadu2_m128i(
		(const void *)&m1->packet_type, (const void *)&m0->packet_type), len_twice), paylen);

	*seg_ol = _mm256_or_si256(*seg_ol, _mm256_xor_si256(_mm256_loadu2_m128i(
		(const void *)&m1->data_off, (const void *)&m0->data_off), one_seg));
	*lens = _mm256_add_epi32(*lens, len);
	return _mm256_unpacklo_epi64(addr, _mm256_or_si256(len, cmd));
}

static __rte_always_inline uint64_t
write_avx2(volatile union igb_tx_desc *d, struct rte_mbuf **sw, struct rte_mbuf **pkts,
	uint16_t n, uint64_t *bad)
{
	__m256i seg_ol2 = _mm256_setzero_si256(), lens2 = _mm256_setzero_si256();
	__m128i seg_ol = _mm_setzero_si128(), lens = _mm_setzero_si128();
	size_t i;

	for (i = 0; i + 4 <= n; i += 4) {
		_mm256_storeu_si256(srnic_vec_tx_addr(&d[i]),
			tx_desc_pair(pkts[i], pkts[i + 1], &seg_ol2, &lens2));
		_mm256_storeu_si256(srnic_vec_tx_addr(&d[i + 2]),
			tx_desc_pair(pkts[i + 2], pkts[i + 3], &seg_ol2, &lens2));
	}
	if (i + 2 <= n) {
		_mm256_storeu_si256(srnic_vec_tx_addr(&d[i]),
			tx_desc_pair(pkts[i], pkts[i + 1], &seg_ol2, &lens2));
		i += 2;
	}
	if (i < n)
		_mm_store_si128(srnic_vec_tx_addr(&d[i]), srnic_vec_tx_desc(pkts[i], &seg_ol, &lens));
	memcpy(sw, pkts, n * sizeof(*sw));
	seg_ol = _mm_or_si128(seg_ol, _mm_or_si128(_mm256_castsi256_si128(seg_ol2),
		_mm256_extracti128_si256(seg_ol2, 1)));
	lens = _mm_add_epi32(lens, _mm_add_epi32(_mm256_castsi256_si128(lens2),
		_mm256_extracti128_si256(lens2, 1)));
	*bad |= srnic_vec_tx_bad(seg_ol);
	return (uint32_t)_mm_cvtsi128_si32(lens);
}

uint16_t
srnic_xmit_pkts_vec_avx2(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	return srnic_tx_simple_burst(queue, pkts, n, write_avx2);
}

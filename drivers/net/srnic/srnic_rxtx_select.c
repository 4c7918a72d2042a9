/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which burst functions a port gets at start, and what they are called in
 * the burst-mode reports. The port's offloads pick the scalar path that
 * covers them; where that is a simple path, the widest vector version of
 * it that the CPU runs and EAL's SIMD limit (--force-max-simd-bitwidth)
 * allows takes its place.
 *
 * VLAN strip does not matter: the PF strips a port VLAN whatever the app
 * asked, and every RX path reports the tag the descriptor carries.
 */
/* rte_vect_get_max_simd_bitwidth is experimental in DPDK 22.11. */
#define ALLOW_EXPERIMENTAL_API

#include <stddef.h>

#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_vect.h>

#include "srnic_dev.h"

enum simd_level {
	SIMD_NONE,
	SIMD_SSE,
	SIMD_AVX2,
};

/* The widest vector path this build has, the CPU runs and EAL allows; if
 * that is none, *why says what stood in the way. */
static enum simd_level
simd_level(const char **why)
{
	uint16_t limit = rte_vect_get_max_simd_bitwidth();

#ifdef RTE_ARCH_X86
	if (!rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_1)) {
		*why = "the CPU lacks SSE4.1";
		return SIMD_NONE;
	}
	if (limit < RTE_VECT_SIMD_128) {
		*why = "EAL limits SIMD to 64 bits";
		return SIMD_NONE;
	}
#ifdef SRNIC_VEC_AVX2
	if (limit >= RTE_VECT_SIMD_256 && rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2))
		return SIMD_AVX2;
#endif
	return SIMD_SSE;
#else
	RTE_SET_USED(limit);
	*why = "no vector path for this CPU architecture";
	return SIMD_NONE;
#endif
}

/* The simple paths by SIMD level; a level this build lacks names the
 * scalar one (simd_level never returns it then). */
#ifdef RTE_ARCH_X86
#define RX_SSE srnic_recv_pkts_vec_sse
#define TX_SSE srnic_xmit_pkts_vec_sse
#else
#define RX_SSE srnic_recv_pkts_simple
#define TX_SSE srnic_xmit_pkts_simple
#endif
#ifdef SRNIC_VEC_AVX2
#define RX_AVX2 srnic_recv_pkts_vec_avx2
#define TX_AVX2 srnic_xmit_pkts_vec_avx2
#else
#define RX_AVX2 RX_SSE
#define TX_AVX2 TX_SSE
#endif

static const eth_rx_burst_t rx_simple[] = {
	[SIMD_NONE] = srnic_recv_pkts_simple, [SIMD_SSE] = RX_SSE, [SIMD_AVX2] = RX_AVX2,
};

static const eth_tx_burst_t tx_simple[] = {
	[SIMD_NONE] = srnic_xmit_pkts_simple, [SIMD_SSE] = TX_SSE, [SIMD_AVX2] = TX_AVX2,
};

eth_rx_burst_t
srnic_rx_burst_for(uint64_t rx_offloads, const char **why_scalar)
{
	const char *why = NULL;
	eth_rx_burst_t burst;

	if (rx_offloads & RTE_ETH_RX_OFFLOAD_SCATTER) {
		why = "the vector paths take one buffer a packet: scatter asked";
		burst = srnic_recv_scattered_pkts;
	} else if (rx_offloads & RTE_ETH_RX_OFFLOAD_CHECKSUM) {
		why = "the vector paths give no checksum flags: RX checksum asked";
		burst = srnic_recv_pkts;
	} else {
		burst = rx_simple[simd_level(&why)];
	}
	if (why_scalar != NULL)
		*why_scalar = why;
	return burst;
}

eth_tx_burst_t
srnic_tx_burst_for(uint64_t tx_offloads, const char **why_scalar)
{
	const char *why = NULL;
	eth_tx_burst_t burst;

	if (!srnic_tx_simple(tx_offloads)) {
		why = "the vector paths send single segments without offloads";
		burst = srnic_xmit_pkts;
	} else {
		burst = tx_simple[simd_level(&why)];
	}
	if (why_scalar != NULL)
		*why_scalar = why;
	return burst;
}

const char *
srnic_burst_name(const void *burst)
{
	static const struct {
		const void *burst;
		const char *name;
	} names[] = {
		{ (const void *)srnic_recv_pkts, "Scalar" },
		{ (const void *)srnic_recv_scattered_pkts, "Scalar Scattered" },
		{ (const void *)srnic_recv_pkts_simple, "Scalar Simple" },
		{ (const void *)srnic_xmit_pkts, "Scalar" },
		{ (const void *)srnic_xmit_pkts_simple, "Scalar Simple" },
#ifdef RTE_ARCH_X86
		{ (const void *)srnic_recv_pkts_vec_sse, "Vector SSE" },
		{ (const void *)srnic_xmit_pkts_vec_sse, "Vector SSE" },
#endif
#ifdef SRNIC_VEC_AVX2
		{ (const void *)srnic_recv_pkts_vec_avx2, "Vector AVX2" },
		{ (const void *)srnic_xmit_pkts_vec_avx2, "Vector AVX2" },
#endif
	};
	size_t i;

	for (i = 0; i < RTE_DIM(names); i++)
		if (names[i].burst == burst)
			return names[i].name;
	return "Unknown";
}

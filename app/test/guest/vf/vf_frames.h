/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test frames that carry their own check: a sequence number and a byte
 * pattern derived from it, so a receiver can prove every byte arrived.
 */
#ifndef VF_FRAMES_H
#define VF_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define VF_TEST_ETHERTYPE	0x88B5	/* IEEE local experimental */
#define VF_TEST_MAGIC		0x53524E43u	/* "SRNC" */
#define VF_FRAME_MIN		60

struct vf_frame_spec {
	struct rte_ether_addr dst;
	struct rte_ether_addr src;
	uint16_t vlan;		/* 0: untagged, else an 802.1Q tag in the frame */
	uint32_t len;		/* frame length without CRC */
};

/* Build a frame (chained over several mbufs when longer than one). NULL
 * when the pool is empty. */
struct rte_mbuf *vf_frame_build(struct rte_mempool *mp, const struct vf_frame_spec *spec,
	uint64_t seq);

/* Check a received frame; on success store its sequence number. A
 * description of the first difference goes to @why. */
bool vf_frame_check(const struct rte_mbuf *m, const struct vf_frame_spec *spec, uint64_t *seq,
	char *why, size_t why_len);

#endif /* VF_FRAMES_H */

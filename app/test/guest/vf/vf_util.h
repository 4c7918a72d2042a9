/* SPDX-License-Identifier: BSD-3-Clause */
/* Port bring-up and traffic helpers for the guest VF driver tests. */
#ifndef VF_UTIL_H
#define VF_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_mempool.h>

#include "rte_pmd_srnic.h"
#include "vf_frames.h"

extern int vf_failures;

/* Record a check: prints "ok: ..." or "FAIL: ..." and counts failures. */
bool vf_check(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct vf_port_opts {
	uint16_t nb_desc;
	uint16_t mtu;		/* 0: ethdev's default, 1500 */
	uint64_t rx_offloads;	/* RTE_ETH_RX_OFFLOAD_* */
	uint64_t tx_offloads;	/* RTE_ETH_TX_OFFLOAD_* */
};

/*
 * The ethdev port EAL made of the PCI device @pci ("-a @pci"), in any form
 * EAL reads ("01:10.0" too). -EINVAL not an address, -ENODEV no such port.
 */
int vf_port_find(const char *pci, uint16_t *port_id);

/* Find, configure with one queue pair, set up and start; a port that
 * fails on the way is closed. */
int vf_port_open(const char *pci, struct rte_mempool *rx_pool, const struct vf_port_opts *o,
	uint16_t *port_id);

/* Stop and close: the port id is free afterwards, the mbufs back home. */
int vf_port_close(uint16_t port_id);

struct vf_traffic {
	uint64_t sent;
	uint64_t received;
	uint64_t bad;		/* received but wrong content or out of order */
	uint64_t bytes;
};

/*
 * Send @count frames of @spec from @tx to @rx, keeping at most @window in
 * flight so the receiver's ring never overflows, and verify each frame that
 * arrives. Stops @idle_ms after the last progress.
 */
void vf_traffic_run(uint16_t tx, uint16_t rx, struct rte_mempool *tx_pool,
	const struct vf_frame_spec *spec, uint64_t count, uint16_t window, uint32_t idle_ms,
	struct vf_traffic *res);

/* Frames @rx receives within @ms, freed. */
uint64_t vf_drain(uint16_t rx, uint32_t ms);

/* Check that each of the @n pools holds every mbuf it was made with. */
void vf_check_pools_full(struct rte_mempool *const *pools, unsigned int n);

#endif /* VF_UTIL_H */

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register access for igb-family BARs, and the per-topic register headers.
 *
 * A BAR is either the mapped device memory or, in host unit tests, a
 * register file that software plays: hooks let a test see every control
 * path access (a read of V2PMAILBOX clears bits, a write to CTRL resets).
 * The datapath writes doorbells straight to memory and never takes hooks.
 */
#ifndef IGB_REGS_H
#define IGB_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_io.h>

#include "igb_pci_ids.h"
#include "igb_vf_regs.h"
#include "igb_pf_regs.h"

struct srnic_bar_hooks {
	uint32_t (*read32)(void *ctx, uint32_t off);
	void (*write32)(void *ctx, uint32_t off, uint32_t val);
	/* The device's PCI command register: read into, or written from,
	 * @cmd. 0 or a negative errno. */
	int (*pci_command)(void *ctx, uint16_t *cmd, bool write);
};

/** A mapped register BAR, or a test's register file. */
struct srnic_bar {
	uint8_t *base;
	size_t len;
	const struct srnic_bar_hooks *hooks;	/* NULL on real hardware */
	void *hook_ctx;
};

static inline uint32_t
srnic_read32(const struct srnic_bar *bar, uint32_t off)
{
	if (unlikely(bar->hooks != NULL))
		return bar->hooks->read32(bar->hook_ctx, off);
	/* rte_read32 orders this read before later memory reads. */
	return rte_le_to_cpu_32(rte_read32(bar->base + off));
}

static inline void
srnic_write32(const struct srnic_bar *bar, uint32_t off, uint32_t val)
{
	if (unlikely(bar->hooks != NULL)) {
		bar->hooks->write32(bar->hook_ctx, off, val);
		return;
	}
	/* rte_write32 orders earlier memory writes before this one. */
	rte_write32(rte_cpu_to_le_32(val), bar->base + off);
}

/** Read STATUS to push posted writes out to the device. */
static inline void
srnic_flush(const struct srnic_bar *bar)
{
	(void)srnic_read32(bar, IGB_VF_STATUS);
}

/** The address of a doorbell (tail) register for the datapath. */
static inline volatile uint32_t *
srnic_reg_addr(const struct srnic_bar *bar, uint32_t off)
{
	return (volatile uint32_t *)(bar->base + off);
}

#endif /* IGB_REGS_H */

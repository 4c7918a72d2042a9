/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A test double for the NIC side of a VF: a memory-backed BAR0, the
 * descriptor handling of the hardware (reads the rings the driver
 * programmed, writes frames and write-back descriptors, completes TX), and
 * on the control path (the BAR's hooks) a VF reset, queues whose ENABLE bit
 * a test can make stick, the PF end of the mailbox, and the PCI command
 * register.
 * EAL must run with IOVA as VA so descriptor addresses are pointers.
 */
#ifndef FAKE_NIC_H
#define FAKE_NIC_H

#include <stdbool.h>
#include <stdint.h>

#include "igb_desc.h"
#include "igb_regs.h"

struct fake_nic {
	struct srnic_bar bar;
	uint8_t *regs;
	uint16_t rx_head[IGB_VF_MAX_QUEUES_82576];
	uint16_t tx_head[IGB_VF_MAX_QUEUES_82576];
	uint16_t rx_vlan;		/* tag written back with the next frames */
	/* RXDCTL/TXDCTL registers whose ENABLE bit stays set until a reset. */
	uint32_t enable_held[2 * IGB_VF_MAX_QUEUES_82576];
	unsigned int nb_enable_held;
	int resets;			/* CTRL.RST writes */
	/* The PF end of the mailbox. */
	uint32_t v2p_live;		/* VFU */
	uint32_t v2p_r2c;		/* PFSTS, PFACK: a read clears them */
	bool pf_silent;			/* the PF answers no request */
	uint8_t pf_mac[6];		/* given in the reset reply; 0: none */
	/* The PCI command register. Without memory space the BAR reads 0 and
	 * takes no writes, as the emulated NIC's does after a PF reset. */
	uint16_t pci_command;
};

struct fake_tx_frame {
	uint8_t data[16384];
	uint32_t len;
	uint32_t segs;
	uint32_t cmd_first;		/* cmd_type_len of the first data descriptor */
	uint32_t olinfo_first;
	bool had_context;
	uint32_t ctx_vlan_macip;
	uint32_t ctx_tucmd;
	uint32_t ctx_mss_l4len;
};

void fake_nic_init(struct fake_nic *nic);
void fake_nic_fini(struct fake_nic *nic);

uint32_t fake_nic_reg(const struct fake_nic *nic, uint32_t off);
void fake_nic_set_reg(struct fake_nic *nic, uint32_t off, uint32_t val);

/* Make the queue whose RXDCTL or TXDCTL sits at @dctl_reg keep its ENABLE
 * bit whatever the driver writes, as a queue whose DMA does not stop would,
 * until the next VF reset (CTRL.RST). */
void fake_nic_hold_enable(struct fake_nic *nic, uint32_t dctl_reg);

/* The PF posts @n words to the VF (a ping, a control message). */
void fake_nic_pf_send(struct fake_nic *nic, const uint32_t *w, int n);

/* Free RX descriptors the NIC owns on queue @q (RDH up to RDT-1). */
uint16_t fake_nic_rx_room(const struct fake_nic *nic, uint16_t q);

/* Receive one frame on queue @q as the NIC would: fill buffers, write the
 * descriptors back (DD, EOP on the last, @status_extra), advance the head.
 * False, and nothing written, when the frame does not fit. */
bool fake_nic_rx_frame(struct fake_nic *nic, uint16_t q, const void *data, uint32_t len,
	uint32_t status_extra);

/* Process TX descriptors up to TDT; complete RS descriptors with DD. Up to
 * @max frames are stored in @out; returns how many frames were sent. */
uint32_t fake_nic_tx_process(struct fake_nic *nic, uint16_t q, struct fake_tx_frame *out,
	uint32_t max);

#endif /* FAKE_NIC_H */

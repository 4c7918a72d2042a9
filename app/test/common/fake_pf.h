/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A test double for a PF's BAR0 as the PF library sees it: a register file
 * with the hardware's side effects on the control path (read-to-clear ICR,
 * write-1-to-clear MBVFICR/VFLRE, the P2VMAILBOX lock and post bits, the
 * reset that holds RSTI, PFRSTD, MDIC and autonegotiation), plus the VF end
 * of each mailbox, which a test plays.
 */
#ifndef FAKE_PF_H
#define FAKE_PF_H

#include <stdbool.h>
#include <stdint.h>

#include "igb_mbx.h"
#include "igb_regs.h"

#define FAKE_PF_VFS	8

struct fake_pf {
	struct srnic_bar bar;
	uint32_t *regs;
	uint8_t perm_mac[6];
	/* The VF end of each mailbox. */
	uint32_t v2p[FAKE_PF_VFS];		/* PFSTS, PFACK, RSTI, RSTD */
	bool vf_lock[FAKE_PF_VFS];		/* the VF holds VFU */
	uint32_t posted[FAKE_PF_VFS][IGB_MBX_WORDS];	/* last PF message */
	int nb_posted[FAKE_PF_VFS];
	int nb_taken[FAKE_PF_VFS];		/* VF messages the PF acknowledged */
	int nb_unlocked[FAKE_PF_VFS];		/* posts and takes without PFU */
	int resets;				/* CTRL.RST writes */
	/* A VF's FLR leaves its VFRE/VFTE bits on (the emulated NIC clears
	 * them; a PF must not count on it). */
	bool flr_keeps_pools;
	/* Told of every message the PF posts, when set (the stateful fuzzer
	 * counts replies with it). */
	void (*on_post)(void *arg, uint16_t vf, const uint32_t *w);
	void *on_post_arg;
};

void fake_pf_init(struct fake_pf *f, const uint8_t perm_mac[6]);
void fake_pf_fini(struct fake_pf *f);

uint32_t fake_pf_reg(const struct fake_pf *f, uint32_t off);
void fake_pf_set_reg(struct fake_pf *f, uint32_t off, uint32_t val);

/* VF @vf posts @n words (the rest of the buffer keeps stale garbage). */
void fake_vf_send(struct fake_pf *f, uint16_t vf, const uint32_t *w, int n);
/* VF @vf read a PF message and acknowledged it. */
void fake_vf_ack(struct fake_pf *f, uint16_t vf);
/* VF @vf went through a function-level reset. */
void fake_vf_flr(struct fake_pf *f, uint16_t vf);
/* Word 0 of the last message posted to @vf, or 0 when none since @seen. */
uint32_t fake_vf_last(const struct fake_pf *f, uint16_t vf, int seen);

#endif /* FAKE_PF_H */

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VF side of the igb mailbox: lock, move words, wait for the PF, and the
 * VF reset handshake. What the messages mean is srnic_mbx_proto's job.
 */
#ifndef SRNIC_MBX_VF_H
#define SRNIC_MBX_VF_H

#include <stdbool.h>
#include <stdint.h>

#include "igb_regs.h"
#include "srnic_mbx_proto.h"

/* Posted operations wait this long for the PF (Linux igbvf: 2000 x 500 us). */
#define SRNIC_MBX_TIMEOUT_US		1000000
#define SRNIC_MBX_POLL_US		500
/* Wait for the PF to leave reset after a VF reset. Linux waits about 1 ms;
 * an emulated NIC can be much slower, and a PF that is down never answers. */
#define SRNIC_VF_RESET_TIMEOUT_US	200000
/* Linux igbvf waits this long between VF_RESET and reading the reply. */
#define SRNIC_VF_RESET_REPLY_DELAY_US	10000

struct srnic_vf_mbx {
	const struct srnic_bar *bar;
	const char *name;		/* device, for logs */
	uint32_t sticky;		/* read-to-clear bits seen, not yet consumed */
	uint32_t timeout_us;		/* 0: posted operations disabled */
	bool timed_out;			/* a posted operation timed out: sticky
					 * until the next successful reset */
	/* Counters for xstats. */
	uint64_t sent;
	uint64_t acked;
	uint64_t nacked;
	uint64_t timeouts;
	uint64_t pf_msgs;
	uint64_t pf_resets;
};

void srnic_vf_mbx_init(struct srnic_vf_mbx *mbx, const struct srnic_bar *bar, const char *name);

/** Read V2PMAILBOX, remember read-to-clear bits; true and consume @bit if seen. */
bool srnic_vf_mbx_check(struct srnic_vf_mbx *mbx, uint32_t bit);

/** V2PMAILBOX as it reads now, with read-to-clear bits not yet consumed. */
uint32_t srnic_vf_mbx_peek(struct srnic_vf_mbx *mbx);

/** Send @m and wait for the PF's ACK. -EBUSY lock, -ETIMEDOUT no ACK. */
int srnic_vf_mbx_write_posted(struct srnic_vf_mbx *mbx, const struct srnic_mbx_msg *m);

/** Wait for a PF message and read @len words. -ETIMEDOUT no message. */
int srnic_vf_mbx_read_posted(struct srnic_vf_mbx *mbx, struct srnic_mbx_msg *m, uint16_t len);

/** Read a PF message if one is waiting (PFSTS). 0 read, -EAGAIN none. */
int srnic_vf_mbx_read_pending(struct srnic_vf_mbx *mbx, struct srnic_mbx_msg *m, uint16_t len);

/**
 * Send a request and read the PF's reply into @reply (@reply_len words).
 * Returns 0 when ACKed, -EPERM when NACKed, -ETIMEDOUT, -EPROTO.
 */
int srnic_vf_mbx_request(struct srnic_vf_mbx *mbx, const struct srnic_mbx_msg *req,
	struct srnic_mbx_msg *reply, uint16_t reply_len);

/**
 * Reset the VF (CTRL.RST), wait for the PF to be out of reset, send VF_RESET
 * and read the MAC the PF gives. -EAGAIN when the PF stays in reset (the PF
 * is down or not initialised), -ETIMEDOUT when it does not answer.
 */
int srnic_vf_mbx_reset(struct srnic_vf_mbx *mbx, uint8_t mac[6], bool *has_mac);

#endif /* SRNIC_MBX_VF_H */

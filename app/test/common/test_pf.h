/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A userspace PF from the PF library on the fake PF's registers, and the
 * VF end of its mailbox as tests of the PF library play it: the handle, a
 * clock the test moves, requests and the words they are answered with.
 */
#ifndef TEST_PF_H
#define TEST_PF_H

#include <stdbool.h>
#include <stdint.h>

#include "fake_pf.h"
#include "pf_priv.h"

/* The PF's permanent MAC in the model (RAR 0). */
extern const uint8_t test_pf_perm_mac[6];

/* The PF's clock, in ms: tests move it past the refusal interval. */
extern uint64_t test_pf_now_ms;

/*
 * Reset @fake and attach a PF with @nb_vfs VFs and @opts (NULL: defaults)
 * to it; the link comes up and its pings are taken out of the way. Returns
 * the handle, or NULL with pf_vfio_attach's error in @err (may be NULL).
 */
struct srnic_pf *test_pf_open(struct fake_pf *fake, uint16_t nb_vfs,
	const struct srnic_pf_opts *opts, int *err);
void test_pf_close(struct fake_pf *fake, struct srnic_pf *pf);

/* VF @vf sends @n words; the server runs once; word 0 of the answer, or 0.
 * An answer is acknowledged, as a VF does once it has read it. */
uint32_t test_pf_request(struct fake_pf *fake, struct srnic_pf *pf, uint16_t vf, int n,
	uint32_t w0, uint32_t w1, uint32_t w2);

/* Word 0 of the answers a VF that may talk gets. */
uint32_t test_pf_ack_cts(uint32_t w0);
uint32_t test_pf_nack_cts(uint32_t w0);

/* The VLVF register that holds @vid says @pool receives it, and VFTA has
 * @vid. */
bool test_pf_vlan_reaches_pool(const struct fake_pf *fake, uint16_t vid, uint16_t pool);

#endif /* TEST_PF_H */

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Handing a PF over, the parts a host can check: the export of a PF on the
 * register model (its snapshot and descriptors), the refusals of a snapshot
 * that is not this library's (another version, size or PF, or no snapshot
 * at all) before anything of the device is touched, and the check of the
 * NIC's filter registers against the state handed over.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "test_eal.h"
#include "test_pf.h"

static struct fake_pf fake;
static struct srnic_pf *pf;
static struct srnic_pf_handover h;

static int
setup(void **state)
{
	struct rte_ether_addr mac = { .addr_bytes = { 0x02, 0, 0, 0, 0, 0x31 } };

	(void)state;
	pf = test_pf_open(&fake, 2, NULL, NULL);
	if (pf == NULL || srnic_pf_set_vf_mac(pf, 1, &mac) < 0 ||
	    srnic_pf_vf_vlan_filter(pf, 1, 300, true) < 0)
		return -1;
	memset(&h, 0, sizeof(h));
	return srnic_pf_handover_export(pf, &h);
}

static int
teardown(void **state)
{
	(void)state;
	free(h.state);
	test_pf_close(&fake, pf);
	return 0;
}

static void
export_gives_the_state_and_the_descriptors(void **state)
{
	(void)state;
	assert_non_null(h.state);
	assert_true(h.state_len > 1000);	/* every VF's state and the tables */
	assert_true(h.stopped_ms > 0);
	/* The model has no vfio device and no interrupt. */
	assert_int_equal(h.fd[0], -1);
	assert_int_equal(h.fd[2], -1);
	assert_int_equal(h.fd[3], -1);
}

/* Import @copy of the snapshot with @len bytes; the result. */
static int
import(const char *addr, const void *copy, size_t len, const int fds[4])
{
	struct srnic_pf_handover t = h;
	struct srnic_pf *out = (struct srnic_pf *)&t;	/* must become NULL */
	int ret;

	t.state = (void *)(uintptr_t)copy;
	t.state_len = len;
	memcpy(t.fd, fds, sizeof(t.fd));
	ret = srnic_pf_handover_import(addr, &t, &out);
	assert_null(out);
	return ret;
}

static void
a_snapshot_that_is_not_ours_is_refused_and_the_fds_stay_the_callers(void **state)
{
	uint8_t *copy = malloc(h.state_len);
	uint32_t version;
	int fds[4], p[2], i;

	(void)state;
	assert_non_null(copy);
	assert_int_equal(pipe(p), 0);
	fds[0] = p[0];
	fds[1] = p[1];
	fds[2] = dup(p[0]);
	fds[3] = dup(p[1]);
	/* Another version (the field after the 8-byte magic). */
	memcpy(copy, h.state, h.state_len);
	memcpy(&version, copy + 8, sizeof(version));
	version++;
	memcpy(copy + 8, &version, sizeof(version));
	assert_int_equal(import("0000:01:00.0", copy, h.state_len, fds), -EPROTO);
	assert_int_equal(rte_errno, EPROTO);
	/* Another size: a shorter or longer block. */
	assert_int_equal(import("0000:01:00.0", h.state, h.state_len - 4, fds), -EPROTO);
	memcpy(copy, h.state, h.state_len);
	assert_int_equal(import("0000:01:00.0", copy, h.state_len + 0, fds), -ENODEV);
	/* No snapshot at all. */
	memset(copy, 0x5a, h.state_len);
	assert_int_equal(import("0000:01:00.0", copy, h.state_len, fds), -EPROTO);
	assert_int_equal(import("0000:01:00.0", NULL, 0, fds), -EPROTO);
	/* Another PF's, in either form of the address; and no address. */
	assert_int_equal(import("0000:02:00.0", h.state, h.state_len, fds), -EINVAL);
	assert_int_equal(import("02:00.0", h.state, h.state_len, fds), -EINVAL);
	assert_int_equal(import("eth0", h.state, h.state_len, fds), -EINVAL);
	/* Refused: every descriptor is still open, and the caller's. */
	for (i = 0; i < 4; i++) {
		assert_true(fcntl(fds[i], F_GETFD) >= 0);
		close(fds[i]);
	}
	free(copy);
}

static void
the_nic_is_checked_against_the_state(void **state)
{
	const struct pf_filters *f = &pf->vfio.filt;
	char why[160] = "";
	uint16_t i;

	(void)state;
	assert_int_equal(pf_filters_check(f, why, sizeof(why)), 0);
	/* Someone else writes a receive address: the state is stale. */
	for (i = 1; i < f->nb_rar && f->rar[i].pools == 0; i++)
		;
	assert_true(i < f->nb_rar);
	fake_pf_set_reg(&fake, IGB_RAL(i), fake_pf_reg(&fake, IGB_RAL(i)) ^ 1);
	assert_int_equal(pf_filters_check(f, why, sizeof(why)), -ESTALE);
	assert_non_null(strstr(why, "receive address"));
	fake_pf_set_reg(&fake, IGB_RAL(i), fake_pf_reg(&fake, IGB_RAL(i)) ^ 1);
	/* Or a VLAN pool filter. */
	for (i = 0; i < IGB_VLVF_ENTRIES && f->vlvf[i].vid != 300; i++)
		;
	assert_true(i < IGB_VLVF_ENTRIES);
	fake_pf_set_reg(&fake, IGB_VLVF(i), 0);
	assert_int_equal(pf_filters_check(f, why, sizeof(why)), -ESTALE);
	assert_non_null(strstr(why, "VLAN pool filter"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(export_gives_the_state_and_the_descriptors),
		T(a_snapshot_that_is_not_ours_is_refused_and_the_fds_stay_the_callers),
		T(the_nic_is_checked_against_the_state),
#undef T
	};

	test_eal_init("test_pf_handover");
	return cmocka_run_group_tests_name("pf_handover", tests, NULL, NULL);
}

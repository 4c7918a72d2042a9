/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bad-input matrix of the driver's own API (rte_pmd_srnic.h), on a
 * net_srnic port over the fake NIC and on a port of another driver: each
 * row is a call with one bad argument, the negative errno it must return,
 * the line it must log, and proof that it changed nothing: the VF's
 * registers and the port's state are as before. (--vfs-from-env, the last
 * function of the header, has its rows in the command-line matrix.)
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ethdev_driver.h>

#include "rte_pmd_srnic.h"
#include "srnic_dev.h"
#include "srnic_logs.h"
#include "test_eal.h"
#include "test_port.h"

enum call { CHECK_EVENTS, RESET_NEEDED, PF_NAME, DUMP_REGS };
enum target { SRNIC, NO_PORT, OTHER_DRIVER };

struct row {
	const char *what;		/* what is wrong */
	enum call call;
	enum target target;
	bool null_arg;			/* the buffer or stream is NULL */
	size_t len;			/* buffer length for PF_NAME */
	int ret;			/* the negative errno */
	const char *log;		/* what the log must say */
};

#define PF_NAME_STR	"0000:01:00.0"

static const struct row rows[] = {
	{ "no such port", CHECK_EVENTS, NO_PORT, false, 0, -ENODEV,
		"rte_pmd_srnic_check_events(): port 77 does not exist (ports are the devices EAL "
		"probed: -a VF on its command line)" },
	{ "no such port", RESET_NEEDED, NO_PORT, false, 0, -ENODEV,
		"rte_pmd_srnic_reset_needed(): port 77 does not exist" },
	{ "no such port", PF_NAME, NO_PORT, false, 32, -ENODEV,
		"rte_pmd_srnic_get_pf_name(): port 77 does not exist" },
	{ "no such port", DUMP_REGS, NO_PORT, false, 0, -ENODEV,
		"rte_pmd_srnic_dump_regs(): port 77 does not exist" },
	{ "another driver's port", CHECK_EVENTS, OTHER_DRIVER, false, 0, -ENOTSUP,
		"rte_pmd_srnic_check_events(): port 1 belongs to net_other, not to net_srnic" },
	{ "another driver's port", RESET_NEEDED, OTHER_DRIVER, false, 0, -ENOTSUP,
		"rte_pmd_srnic_reset_needed(): port 1 belongs to net_other, not to net_srnic" },
	{ "another driver's port", PF_NAME, OTHER_DRIVER, false, 32, -ENOTSUP,
		"rte_pmd_srnic_get_pf_name(): port 1 belongs to net_other" },
	{ "another driver's port", DUMP_REGS, OTHER_DRIVER, false, 0, -ENOTSUP,
		"rte_pmd_srnic_dump_regs(): port 1 belongs to net_other" },
	{ "NULL buffer", PF_NAME, SRNIC, true, 32, -EINVAL,
		"rte_pmd_srnic_get_pf_name(): a NULL buffer cannot hold PF name '" PF_NAME_STR
		"': give a buffer of 13 bytes or more" },
	{ "zero-length buffer", PF_NAME, SRNIC, false, 0, -EINVAL,
		"rte_pmd_srnic_get_pf_name(): the buffer cannot hold PF name '" PF_NAME_STR
		"': give a buffer of 13 bytes or more" },
	{ "buffer one byte short", PF_NAME, SRNIC, false, 12, -EINVAL,
		"give a buffer of 13 bytes or more" },
	{ "NULL stream", DUMP_REGS, SRNIC, true, 0, -EINVAL,
		"rte_pmd_srnic_dump_regs(): the stream is NULL" },
};

static struct fake_nic nic;
static int srnic_port;
static struct rte_eth_dev *other;
static const struct eth_dev_ops other_ops;
static struct rte_driver other_driver = { .name = "net_other" };
static struct rte_device other_device = { .name = "other0", .driver = &other_driver };

static int
do_call(const struct row *r)
{
	uint16_t port = r->target == SRNIC ? (uint16_t)srnic_port :
		r->target == OTHER_DRIVER ? other->data->port_id : 77;
	char buf[32];

	switch (r->call) {
	case CHECK_EVENTS: return rte_pmd_srnic_check_events(port);
	case RESET_NEEDED: return rte_pmd_srnic_reset_needed(port);
	case PF_NAME: return rte_pmd_srnic_get_pf_name(port, r->null_arg ? NULL : buf, r->len);
	case DUMP_REGS: return rte_pmd_srnic_dump_regs(port, r->null_arg ? NULL : stdout);
	}
	return 0;
}

/* Everything a bad call could have changed. */
struct state {
	uint8_t regs[IGB_VF_BAR0_SIZE];
	bool reset_needed, started;
	struct rte_eth_link link;
};

static void
snapshot(struct state *s)
{
	struct srnic_port *port;

	memcpy(s->regs, nic.regs, sizeof(s->regs));
	assert_int_equal(srnic_port_lookup((uint16_t)srnic_port, &port), 0);
	s->reset_needed = port->reset_needed;
	s->started = rte_eth_devices[srnic_port].data->dev_started;
	memset(&s->link, 0, sizeof(s->link));
	assert_int_equal(rte_eth_link_get_nowait((uint16_t)srnic_port, &s->link), 0);
}

static void
each_bad_call_is_refused_said_and_changes_nothing(void **state)
{
	static struct state before, after;
	char *log = NULL;
	size_t len = 0, i;
	FILE *stream;
	int ret;

	(void)state;
	for (i = 0; i < RTE_DIM(rows); i++) {
		const struct row *r = &rows[i];

		snapshot(&before);
		stream = open_memstream(&log, &len);
		assert_non_null(stream);
		rte_openlog_stream(stream);
		ret = do_call(r);
		rte_openlog_stream(NULL);
		fclose(stream);
		if (ret != r->ret || strstr(log, r->log) == NULL)
			fail_msg("row %zu (%s): returned %d, want %d; logged '%s', want '%s'", i,
				r->what, ret, r->ret, log, r->log);
		snapshot(&after);
		if (memcmp(&before, &after, sizeof(before)) != 0)
			fail_msg("row %zu (%s) changed the port", i, r->what);
		free(log);
		log = NULL;
	}
}

/* The rows' refusals are not slips of the table: the same calls with good
 * arguments succeed on the same port. */
static void
good_calls_succeed(void **state)
{
	char buf[sizeof(PF_NAME_STR)];
	FILE *null = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(null);
	assert_int_equal(rte_pmd_srnic_check_events((uint16_t)srnic_port), 0);
	assert_int_equal(rte_pmd_srnic_reset_needed((uint16_t)srnic_port), 0);
	assert_int_equal(rte_pmd_srnic_get_pf_name((uint16_t)srnic_port, buf, sizeof(buf)), 0);
	assert_string_equal(buf, PF_NAME_STR);
	assert_int_equal(rte_pmd_srnic_dump_regs((uint16_t)srnic_port, null), 0);
	fclose(null);
}

static int
setup(void **state)
{
	struct srnic_port *port;

	(void)state;
	srnic_port = test_port_create(&nic, "srnic_bad_inputs");
	if (srnic_port < 0)
		return -1;
	assert_int_equal(srnic_port_lookup((uint16_t)srnic_port, &port), 0);
	snprintf(port->pci.physfn, sizeof(port->pci.physfn), PF_NAME_STR);
	other = rte_eth_dev_allocate("other0");
	assert_non_null(other);
	other->dev_ops = &other_ops;
	other->device = &other_device;
	rte_eth_dev_probing_finish(other);
	/* The refusals are errors of the init (no port) and driver types. */
	rte_log_set_level(srnic_logtype_init, RTE_LOG_ERR);
	rte_log_set_level(srnic_logtype_driver, RTE_LOG_ERR);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	rte_log_set_level(srnic_logtype_init, RTE_LOG_CRIT);
	rte_log_set_level(srnic_logtype_driver, RTE_LOG_CRIT);
	rte_eth_dev_release_port(other);
	assert_int_equal(rte_eth_dev_close((uint16_t)srnic_port), 0);
	fake_nic_fini(&nic);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_bad_call_is_refused_said_and_changes_nothing),
		cmocka_unit_test(good_calls_succeed),
	};

	test_eal_init("test_bad_inputs_pmd_api");
	return cmocka_run_group_tests_name("bad_inputs_pmd_api", tests, setup, teardown);
}

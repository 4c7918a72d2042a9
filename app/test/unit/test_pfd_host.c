/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd's commands on a daemon with two PFs (fake NICs): "pf NAME"
 * reaches that PF and no other, by name or PCI address in either form;
 * "show" lists both; a PF command without a PF is refused, saying which
 * PFs there are; a daemon of one PF takes it without "pf NAME"; a handover
 * it cannot make (another protocol, PFs with no vfio device) is refused on
 * the socket and leaves it serving.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "pfd.h"
#include "test_eal.h"
#include "test_pf.h"

static struct fake_pf fake_left, fake_right;
static struct pfd_conf conf = {
	.pf = {
		{ .name = "left", .named = true, .pci = "0000:01:00.0", .vfs = 2 },
		{ .name = "right", .named = true, .pci = "0000:02:00.0", .vfs = 2 },
	},
	.nb_pf = 2,
};
static struct pfd_host host = { .conf = &conf, .nb_pf = 2 };
static char *said;

static int
setup(void **state)
{
	(void)state;
	host.pf[0] = test_pf_open(&fake_left, 2, NULL, NULL);
	host.pf[1] = test_pf_open(&fake_right, 2, NULL, NULL);
	host.nb_pf = 2;
	return host.pf[0] == NULL || host.pf[1] == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	test_pf_close(&fake_left, host.pf[0]);
	test_pf_close(&fake_right, host.pf[1]);
	free(said);
	said = NULL;
	return 0;
}

/* Run @line as the control socket would; what it printed lands in said. */
static int
run(const char *line)
{
	char buf[PFD_LINE_LEN], *argv[PFD_MAX_ARGS];
	size_t len = 0;
	FILE *out;
	int argc, ret;

	free(said);
	said = NULL;
	snprintf(buf, sizeof(buf), "%s", line);
	argc = pfd_split(buf, argv);
	assert_true(argc >= 0);
	out = open_memstream(&said, &len);
	assert_non_null(out);
	ret = pfd_command(&host, argc, argv, out);
	fclose(out);
	return ret;
}

static bool
trusted(unsigned int pf, uint16_t vf)
{
	struct srnic_pf_vf_info info;

	assert_int_equal(srnic_pf_vf_info_get(host.pf[pf], vf, &info), 0);
	return info.trusted;
}

static void
pf_name_reaches_that_pf_only(void **state)
{
	struct srnic_pf_vf_info info;

	(void)state;
	assert_int_equal(run("pf right vf 1 trust on"), 0);
	assert_true(trusted(1, 1));
	assert_false(trusted(0, 1));
	/* The PCI address, long or short, names the PF too. */
	assert_int_equal(run("pf 0000:01:00.0 vf 0 trust on"), 0);
	assert_true(trusted(0, 0));
	assert_false(trusted(1, 0));
	assert_int_equal(run("pf 02:00.0 vf 0 mac 02:00:00:00:02:00"), 0);
	assert_int_equal(srnic_pf_vf_info_get(host.pf[1], 0, &info), 0);
	assert_int_equal(info.mac.addr_bytes[4], 0x02);
	assert_int_equal(srnic_pf_vf_info_get(host.pf[0], 0, &info), 0);
	assert_int_not_equal(info.mac.addr_bytes[4], 0x02);
}

static void
show_lists_every_pf(void **state)
{
	(void)state;
	assert_int_equal(run("show"), 0);
	assert_non_null(strstr(said, "pf left (0000:01:00.0):"));
	assert_non_null(strstr(said, "pf right (0000:02:00.0):"));
	assert_true(strstr(said, "pf left") < strstr(said, "pf right"));
	assert_int_equal(run("pf right show"), 0);
	assert_null(strstr(said, "pf left"));
}

static void
a_pf_command_without_its_pf_is_refused(void **state)
{
	(void)state;
	assert_int_equal(run("vf 1 trust on"), -EINVAL);
	assert_non_null(strstr(said, "serves 2 PFs; name one: pf NAME vf"));
	assert_false(trusted(0, 1));
	assert_false(trusted(1, 1));
	assert_int_equal(run("token"), -EINVAL);
	assert_int_equal(run("pf middle vf 1 trust on"), -ENODEV);
	assert_non_null(strstr(said, "no PF 'middle' here; the PFs are: left (0000:01:00.0) "
		"right (0000:02:00.0)"));
	assert_int_equal(run("pf left"), -EINVAL);
	assert_non_null(strstr(said, "usage: pf NAME"));
	assert_int_equal(run("pf left quit"), -EINVAL);
	assert_false(pfd_quit);
}

static void
one_pf_needs_no_name(void **state)
{
	(void)state;
	host.nb_pf = 1;
	assert_int_equal(run("vf 1 trust on"), 0);
	assert_true(trusted(0, 1));
	assert_int_equal(run("pf left vf 0 trust on"), 0);
	assert_true(trusted(0, 0));
	assert_int_equal(run("show"), 0);
	assert_null(strstr(said, "pf left"));	/* the PF's own dump, as before */
	host.nb_pf = 2;
}

/* "handover WORDS" given on one end of a socket pair: what the running
 * daemon answered on it (into said) and whether it let go. */
static int
give(const char *words)
{
	char buf[PFD_LINE_LEN], *argv[PFD_MAX_ARGS];
	int sv[2], argc, ret;
	ssize_t n;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	snprintf(buf, sizeof(buf), "%s", words);
	argc = pfd_split(buf, argv);
	ret = pfd_handover_give(&host, sv[0], argc, argv);
	n = recv(sv[1], buf, sizeof(buf) - 1, MSG_DONTWAIT);
	buf[n > 0 ? n : 0] = '\0';
	free(said);
	said = strdup(buf);
	close(sv[0]);
	close(sv[1]);
	return ret;
}

static void
a_handover_the_daemon_cannot_make_leaves_it_serving(void **state)
{
	struct pfd_sock sock = { .fd = -1 };
	int sv[2];

	(void)state;
	/* No socket to hand over (a test harness): refused. */
	assert_int_equal(give("handover 1"), 0);
	assert_non_null(strstr(said, "refused: this srnic-pfd has no control socket"));
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	sock.fd = sv[0];
	host.sock = &sock;
	/* Another protocol: refused before any PF is exported. */
	assert_int_equal(give("handover 2"), 0);
	assert_non_null(strstr(said, "refused: this srnic-pfd hands over with protocol 1, "
		"asked for '2'"));
	/* PFs with no vfio device to hand over (the model's): refused, and
	 * they still answer. */
	assert_int_equal(give("handover 1"), 0);
	assert_non_null(strstr(said, "refused: PF left (0000:01:00.0) cannot be handed over"));
	assert_false(host.handed_over);
	assert_int_equal(run("pf right vf 1 trust on"), 0);
	assert_true(trusted(1, 1));
	host.sock = NULL;
	close(sv[0]);
	close(sv[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(pf_name_reaches_that_pf_only),
		T(show_lists_every_pf),
		T(a_pf_command_without_its_pf_is_refused),
		T(one_pf_needs_no_name),
		T(a_handover_the_daemon_cannot_make_leaves_it_serving),
#undef T
	};

	pfd_note_stream = stderr;
	test_eal_init("test_pfd_host");
	return cmocka_run_group_tests_name("pfd_host", tests, NULL, NULL);
}

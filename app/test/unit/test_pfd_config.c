/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd's configuration file, read with rte_cfgfile and checked whole
 * before the PF is touched: numbers are numbers in range, MACs, VLANs and
 * on/off are what they say, unknown sections and keys are refused with the
 * file, section and key, and a line too long is refused rather than cut.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "pfd.h"

static char path[64];
static char msg[4096];		/* what the load said on stderr */
static struct pfd_conf conf;

static int
setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_pfd_config.%d.conf", (int)getpid());
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pfd_conf_free(&conf);
	unlink(path);
	return 0;
}

/* Load @text as a configuration file; what it said lands in msg. */
static int
load(const char *text)
{
	FILE *f = fopen(path, "w"), *err = tmpfile();
	int saved = dup(STDERR_FILENO), ret;
	size_t n;

	assert_non_null(f);
	assert_non_null(err);
	fputs(text, f);
	fclose(f);
	pfd_conf_free(&conf);
	memset(&conf, 0, sizeof(conf));
	fflush(stderr);
	dup2(fileno(err), STDERR_FILENO);
	ret = pfd_config_load(path, &conf);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(err);
	n = fread(msg, 1, sizeof(msg) - 1, err);
	msg[n] = '\0';
	fclose(err);
	return ret;
}

static void
a_good_file_is_read_whole(void **state)
{
	(void)state;
	assert_int_equal(load("[pf]\npci = 01:00.0   # short form\nvfs = 3\nwait = backoff\n"
		"remove_vfs_on_exit = yes\nvlans_per_vf = 5\n"
		"vf_token = 2ab6b8d4-3b44-4a8c-9f7e-0c1d6f3b9a10\n"
		"[vf 1]\nmac = 02:00:00:00:00:10\nvlan = 100 qos 3\ntrust = on\n"
		"[vf 2]\nvlan_filter = 200 300\nrxmode = broadcast,multicast\n"), 0);
	assert_string_equal(conf.pf[0].pci, "0000:01:00.0");
	assert_int_equal(conf.pf[0].vfs, 3);
	assert_true(conf.pf[0].backoff);
	assert_true(conf.pf[0].remove_vfs_on_exit);
	assert_int_equal(conf.pf[0].vlans_per_vf, 5);
	assert_string_equal(conf.pf[0].token, "2ab6b8d4-3b44-4a8c-9f7e-0c1d6f3b9a10");
	assert_int_equal(conf.pf[0].nb_vf, 5);
	assert_int_equal(conf.pf[0].vf[1].vf, 1);
	assert_string_equal(conf.pf[0].vf[1].key, "vlan");
	assert_string_equal(conf.pf[0].vf[1].value, "100 qos 3");
	assert_int_equal(conf.pf[0].vf[3].vf, 2);
	assert_string_equal(msg, "");
}

static void
vfs_must_be_a_number_of_vfs_the_pf_can_have(void **state)
{
	static const char *const bad[] = { "two", "65537", "8", "-1", "2x", "" };
	char text[128];
	size_t i;

	(void)state;
	for (i = 0; i < RTE_DIM(bad); i++) {
		snprintf(text, sizeof(text), "[pf]\npci = 0000:01:00.0\nvfs = %s\n", bad[i]);
		assert_int_equal(load(text), -EINVAL);
		assert_int_equal(conf.nb_pf, 0);	/* nothing to act on */
	}
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvfs = two\n"), -EINVAL);
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, "[pf] vfs = two"));
	assert_non_null(strstr(msg, "0..7"));
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvfs = 7\n"), 0);
	assert_int_equal(conf.pf[0].vfs, 7);
}

static void
values_are_checked_before_the_pf_is_touched(void **state)
{
	static const char *const bad[] = {
		"[pf]\npci = eth0\n",
		"[pf]\npci = 0000:01:00.0\nvf_token = not-a-uuid\n",
		"[pf]\npci = 0000:01:00.0\nwait = sometimes\n",
		"[pf]\npci = 0000:01:00.0\nremove_vfs_on_exit = maybe\n",
		"[pf]\npci = 0000:01:00.0\nvfs = 2\nvfs = 3\n",
		"[pf]\nvfs = 2\n",
		"[vf 0]\nmac = 02:00:00:00:00:01\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\nmac = 02:00:00:00:00:zz\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\nmac = 01:00:5e:00:00:01\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\nvlan = 4096\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\nvlan = 100 qos 8\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\nvlan_filter = 10 4096\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\ntrust = maybe\n",
		"[pf]\npci = 0000:01:00.0\n[vf 0]\nrxmode = everything\n",
		"[pf]\npci = 0000:01:00.0\nvfs = 2\n[vf 2]\ntrust = on\n",
		"[pf]\npci = 0000:01:00.0\n[vf 7]\ntrust = on\n",
		"[pf]\npci = 0000:01:00.0\n[vf one]\ntrust = on\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < RTE_DIM(bad); i++) {
		if (load(bad[i]) != -EINVAL)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(msg, path));
	}
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\n[vf 0]\nvlan = 4096\n"), -EINVAL);
	assert_non_null(strstr(msg, "[vf 0] vlan = 4096"));
}

static void
vlans_per_vf_must_fit_the_vlan_filter_table(void **state)
{
	static const char *const bad[] = { "0", "32", "eight", "-1", "3x", "65539" };
	char text[128];
	size_t i;

	(void)state;
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvlans_per_vf = 3\nvfs = 7\n"), 0);
	assert_int_equal(conf.pf[0].vlans_per_vf, 3);
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvlans_per_vf = 31\n"), 0);
	assert_int_equal(conf.pf[0].vlans_per_vf, 31);
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\n"), 0);
	assert_int_equal(conf.pf[0].vlans_per_vf, 0);		/* the library derives it */
	for (i = 0; i < RTE_DIM(bad); i++) {
		snprintf(text, sizeof(text), "[pf]\npci = 0000:01:00.0\nvlans_per_vf = %s\n",
			bad[i]);
		if (load(text) != -EINVAL)
			fail_msg("accepted vlans_per_vf = %s", bad[i]);
		assert_non_null(strstr(msg, "in 1..31"));
	}
	/* 7 x (4 + 1) = 35 entries: more than the NIC has, whatever the key order. */
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvlans_per_vf = 4\nvfs = 7\n"), -EINVAL);
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, "[pf] vlans_per_vf = 4 does not fit vfs = 7: 7 x (4 + 1 for "
		"the port VLAN) = 35 of the 32 VLAN filter entries; use at most 3"));
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvfs = 6\nvlans_per_vf = 4\n"), 0);
}

static void
unknown_sections_and_keys_are_refused_with_file_section_and_key(void **state)
{
	(void)state;
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvf = 2\n"), -EINVAL);
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, "[pf] vf = 2: unknown key"));
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\n[vf 1]\ncolour = blue\n"), -EINVAL);
	assert_non_null(strstr(msg, "[vf 1] colour: unknown key"));
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\n[vff 1]\ntrust = on\n"), -EINVAL);
	assert_non_null(strstr(msg, "[vff 1]: unknown section"));
	/* rte_cfgfile skips a line without '=': here it is refused. */
	assert_int_equal(load("[pf]\npci = 0000:01:00.0\nvfs 2\n"), -EINVAL);
	assert_non_null(strstr(msg, ":3:"));
}

static void
an_over_long_line_is_refused_not_cut(void **state)
{
	char text[1024];
	int n;

	(void)state;
	/* A comment whose tail, once cut, would read "vfs = 0". */
	n = snprintf(text, sizeof(text), "[pf]\npci = 0000:01:00.0\n#");
	memset(text + n, 'x', 600);
	snprintf(text + n + 600, sizeof(text) - (size_t)n - 600, "vfs = 0\n");
	assert_int_equal(load(text), -EINVAL);
	assert_int_equal(conf.nb_pf, 0);
	assert_non_null(strstr(msg, ":3: line is 608 characters long"));
}

static void
each_pf_has_a_named_section_and_its_vfs_name_it(void **state)
{
	(void)state;
	assert_int_equal(load("[pfd]\nsocket = /run/host.sock\n"
		"[vf right 0]\ntrust = on\n"		/* before its [pf]: order is free */
		"[pf left]\npci = 0000:01:00.0\nvfs = 7\n"
		"vf_token = 2ab6b8d4-3b44-4a8c-9f7e-0c1d6f3b9a10\n"
		"[pf right]\npci = 02:00.0\nvfs = 2\nwait = backoff\n"
		"[vf left 6]\nmac = 02:00:00:00:01:06\n"), 0);
	assert_string_equal(msg, "");
	assert_string_equal(conf.socket, "/run/host.sock");
	assert_int_equal(conf.nb_pf, 2);
	assert_string_equal(conf.pf[0].name, "left");
	assert_string_equal(conf.pf[0].pci, "0000:01:00.0");
	assert_int_equal(conf.pf[0].vfs, 7);
	assert_false(conf.pf[0].backoff);
	assert_string_equal(conf.pf[0].token, "2ab6b8d4-3b44-4a8c-9f7e-0c1d6f3b9a10");
	assert_int_equal(conf.pf[0].nb_vf, 1);
	assert_int_equal(conf.pf[0].vf[0].vf, 6);
	assert_string_equal(conf.pf[0].vf[0].key, "mac");
	assert_string_equal(conf.pf[1].name, "right");
	assert_string_equal(conf.pf[1].pci, "0000:02:00.0");
	assert_true(conf.pf[1].backoff);
	assert_string_equal(conf.pf[1].token, "");
	assert_int_equal(conf.pf[1].nb_vf, 1);
	assert_int_equal(conf.pf[1].vf[0].vf, 0);
	assert_string_equal(conf.pf[1].vf[0].value, "on");
	/* A lone [pf] is named by its PCI address. */
	assert_int_equal(load("[pf]\npci = 01:00.1\n[vf 0]\ntrust = on\n"), 0);
	assert_string_equal(conf.pf[0].name, "0000:01:00.1");
	assert_false(conf.pf[0].named);
}

static void
pf_sections_that_clash_or_a_vf_of_no_pf_are_refused(void **state)
{
	static const struct {
		const char *text, *said;
	} bad[] = {
		{ "[pf]\npci = 01:00.0\n[pf b]\npci = 02:00.0\n", "each needs a name" },
		{ "[pf a]\npci = 01:00.0\n[pf b]\npci = 0000:01:00.0\n",
			"[pf b] pci = 0000:01:00.0: PF a has that address already" },
		{ "[pf a]\npci = 01:00.0\n[pf a]\npci = 02:00.0\n", "[pf a] is given twice" },
		{ "[pf a]\npci = 01:00.0\n[vf 0]\ntrust = on\n", "[vf 0]: a VF section is "
			"[vf NAME N]" },
		{ "[pf a]\npci = 01:00.0\n[vf b 0]\ntrust = on\n", "[vf b 0]: no [pf b]" },
		{ "[pf a]\npci = 01:00.0\nvfs = 2\n[vf a 2]\ntrust = on\n",
			"[vf a 2]: no such VF; VFs are 0..1" },
		{ "[pf a]\npci = 01:00.0\n[vf a 0]\ntrust = maybe\n", "[vf a 0] trust = maybe" },
		{ "[pf a]\npci = 01:00.0\nsocket = /run/x.sock\n", "put socket = under [pfd]" },
		{ "[pf a/b]\npci = 01:00.0\n", "a PF's name is" },
		{ "[pfd]\nsocket = /run/x.sock\n", "names no PF" },
		{ "[pfd]\nsockets = /run/x.sock\n[pf]\npci = 01:00.0\n",
			"[pfd] sockets: unknown key" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RTE_DIM(bad); i++) {
		if (load(bad[i].text) != -EINVAL)
			fail_msg("accepted: %s", bad[i].text);
		if (strstr(msg, bad[i].said) == NULL)
			fail_msg("for %s said '%s', not '%s'", bad[i].text, msg, bad[i].said);
		assert_non_null(strstr(msg, path));
		assert_int_equal(conf.nb_pf, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(a_good_file_is_read_whole),
		T(vfs_must_be_a_number_of_vfs_the_pf_can_have),
		T(values_are_checked_before_the_pf_is_touched),
		T(vlans_per_vf_must_fit_the_vlan_filter_table),
		T(unknown_sections_and_keys_are_refused_with_file_section_and_key),
		T(an_over_long_line_is_refused_not_cut),
		T(each_pf_has_a_named_section_and_its_vfs_name_it),
		T(pf_sections_that_clash_or_a_vf_of_no_pf_are_refused),
#undef T
	};

	/* The daemon's commentary would break the TAP stream on stdout. */
	pfd_note_stream = stderr;
	return cmocka_run_group_tests_name("pfd_config", tests, NULL, NULL);
}

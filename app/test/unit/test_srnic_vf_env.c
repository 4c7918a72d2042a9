/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --vfs-from-env: the VFs of the Kubernetes SR-IOV device plugin's variable
 * become EAL "-a" options ahead of the others; bad variables and values are
 * refused with a message naming them, and leave the arguments untouched.
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

#include "srnic_vf_env.h"

#define TWO_VFS "PCIDEVICE_INTEL_COM_SRNIC=0000:01:10.0,0000:01:10.2"

struct run {
	int argc;
	char **argv;
	char *orig[16];
	char err[256];
	int ret;
};

/* Run the parser on ARGS (NULL-ended) with the environment ENVP. */
static void
run(struct run *r, char *const *envp, char **args)
{
	r->argc = 0;
	while (args[r->argc] != NULL) {
		r->orig[r->argc] = args[r->argc];
		r->argc++;
	}
	r->orig[r->argc] = NULL;
	r->argv = r->orig;
	r->err[0] = '\0';
	r->ret = srnic_vfs_from_env(&r->argc, &r->argv, envp, r->err, sizeof(r->err));
}

/* ARGS under ENVP become exactly WANT (NULL-ended), NULL after it, with
 * NB_VFS VFs added. */
static void
assert_becomes(char *const *envp, char **args, int nb_vfs, const char *const *want)
{
	struct run r;
	int i;

	run(&r, envp, args);
	assert_int_equal(r.ret, nb_vfs);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < r.argc);
		assert_string_equal(r.argv[i], want[i]);
	}
	assert_int_equal(r.argc, i);
	assert_null(r.argv[i]);
	free(r.argv);
}

/* A refusal: -EINVAL, a message holding every NULL-ended NEEDLE, and the
 * caller's arguments as they were. */
static void
assert_refused(struct run *r, int argc_before, ...)
{
	const char *needle;
	va_list ap;

	assert_int_equal(r->ret, -EINVAL);
	assert_ptr_equal(r->argv, r->orig);
	assert_int_equal(r->argc, argc_before);
	va_start(ap, argc_before);
	while ((needle = va_arg(ap, const char *)) != NULL) {
		if (strstr(r->err, needle) == NULL)
			fail_msg("message \"%s\" lacks \"%s\"", r->err, needle);
	}
	va_end(ap);
}

static void
without_the_option_nothing_changes(void **state)
{
	char *env[] = { TWO_VFS, NULL };
	char *args[] = { "app", "-l", "0-1", "--", "--vfs-from-envx", "-i", NULL };
	struct run r;

	(void)state;
	run(&r, env, args);
	assert_int_equal(r.ret, 0);
	assert_ptr_equal(r.argv, r.orig);
	assert_int_equal(r.argc, 6);
}

static void
option_among_eal_options_is_left_to_eal(void **state)
{
	char *env[] = { TWO_VFS, NULL };
	char *args[] = { "app", "--vfs-from-env", "-l", "0-1", NULL };
	struct run r;

	(void)state;
	run(&r, env, args);
	assert_int_equal(r.ret, 0);
	assert_ptr_equal(r.argv, r.orig);
}

static void
single_variable_gives_each_vf_an_allow_option(void **state)
{
	char *env[] = { "HOME=/root", TWO_VFS, "PATH=/bin", NULL };
	char *args[] = { "app", "-l", "0-1", "--", "--forward-mode=mac",
		"--vfs-from-env", "--tx-first", NULL };
	const char *want[] = { "app", "-a", "0000:01:10.0", "-a", "0000:01:10.2",
		"-l", "0-1", "--", "--forward-mode=mac", "--tx-first", NULL };

	(void)state;
	assert_becomes(env, args, 2, want);
}

static void
name_picks_one_of_several_variables(void **state)
{
	char *env[] = { "PCIDEVICE_INTEL_COM_OTHER=0000:03:00.1", TWO_VFS,
		"PCIDEVICE_INTEL_COM_SRNIC_B=0000:02:10.0", NULL };
	char *args[] = { "app", "--", "--vfs-from-env=PCIDEVICE_INTEL_COM_SRNIC", NULL };
	const char *want[] = { "app", "-a", "0000:01:10.0", "-a", "0000:01:10.2", "--", NULL };

	(void)state;
	assert_becomes(env, args, 2, want);
}

static void
resource_name_maps_to_the_plugins_variable(void **state)
{
	char *env[] = { "PCIDEVICE_EXAMPLE_ORG_SRNIC_VFS=01:10.4", NULL };
	char *args[] = { "app", "--", "--vfs-from-env=example.org/srnic-vfs", NULL };
	const char *want[] = { "app", "-a", "01:10.4", "--", NULL };

	(void)state;
	assert_becomes(env, args, 1, want);
}

static void
no_plugin_variable_is_refused(void **state)
{
	char *env[] = { "HOME=/root", "PCIDEVICE=0000:01:10.0", NULL };
	char *args[] = { "app", "--", "--vfs-from-env", NULL };
	struct run r;

	(void)state;
	run(&r, env, args);
	assert_refused(&r, 3, "no PCIDEVICE_* variable", NULL);
}

static void
several_plugin_variables_without_a_name_are_refused(void **state)
{
	char *env[] = { TWO_VFS, "PCIDEVICE_INTEL_COM_OTHER=0000:03:00.1", NULL };
	char *args[] = { "app", "--", "--vfs-from-env", NULL };
	struct run r;

	(void)state;
	run(&r, env, args);
	assert_refused(&r, 3, "several", "PCIDEVICE_INTEL_COM_SRNIC",
		"PCIDEVICE_INTEL_COM_OTHER", "--vfs-from-env=NAME", NULL);
}

static void
unknown_variable_is_refused_by_name(void **state)
{
	char *env[] = { TWO_VFS, NULL };
	char *args[] = { "app", "--", "--vfs-from-env=intel.com/srnic_b", NULL };
	struct run r;

	(void)state;
	run(&r, env, args);
	assert_refused(&r, 3, "no variable PCIDEVICE_INTEL_COM_SRNIC_B", NULL);
}

static void
empty_value_is_refused(void **state)
{
	char *env[] = { "PCIDEVICE_INTEL_COM_SRNIC=", NULL };
	char *args[] = { "app", "--", "--vfs-from-env", NULL };
	struct run r;

	(void)state;
	run(&r, env, args);
	assert_refused(&r, 3, "PCIDEVICE_INTEL_COM_SRNIC is empty", NULL);
}

/* Each value holds one item that is no PCI address: ITEM is named. */
static void
malformed_addresses_are_refused_naming_value_and_item(void **state)
{
	static const char *const cases[][2] = {
		{ "0000:01:10.0,", "\"\"" },			/* trailing comma */
		{ "0000:01:10.0,,0000:01:10.2", "\"\"" },	/* empty item */
		{ "0000:01:20.0", "\"0000:01:20.0\"" },		/* device above 31 */
		{ "0000:01:10.8", "\"0000:01:10.8\"" },		/* function above 7 */
		{ "0000:01:10.0 ", "\"0000:01:10.0 \"" },	/* trailing blank */
		{ "0000:001:10.0", "\"0000:001:10.0\"" },	/* three-digit bus */
		{ "eth0", "\"eth0\"" },
		{ "0000:01:10", "\"0000:01:10\"" },		/* no function */
	};
	char *args[] = { "app", "--", "--vfs-from-env", NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char var[96];
		char *env[] = { var, NULL };
		char value_shown[80];
		struct run r;

		snprintf(var, sizeof(var), "PCIDEVICE_INTEL_COM_SRNIC=%s", cases[i][0]);
		snprintf(value_shown, sizeof(value_shown), "PCIDEVICE_INTEL_COM_SRNIC=\"%s\"",
			cases[i][0]);
		run(&r, env, args);
		assert_refused(&r, 3, value_shown, cases[i][1], "not a PCI address", NULL);
	}
}

static void
option_twice_or_an_empty_name_is_refused(void **state)
{
	char *env[] = { TWO_VFS, NULL };
	char *twice[] = { "app", "--", "--vfs-from-env", "--vfs-from-env", NULL };
	char *empty[] = { "app", "--", "--vfs-from-env=", NULL };
	struct run r;

	(void)state;
	run(&r, env, twice);
	assert_refused(&r, 4, "given twice", NULL);
	run(&r, env, empty);
	assert_refused(&r, 3, "--vfs-from-env=:", "variable name", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(without_the_option_nothing_changes),
		cmocka_unit_test(option_among_eal_options_is_left_to_eal),
		cmocka_unit_test(single_variable_gives_each_vf_an_allow_option),
		cmocka_unit_test(name_picks_one_of_several_variables),
		cmocka_unit_test(resource_name_maps_to_the_plugins_variable),
		cmocka_unit_test(no_plugin_variable_is_refused),
		cmocka_unit_test(several_plugin_variables_without_a_name_are_refused),
		cmocka_unit_test(unknown_variable_is_refused_by_name),
		cmocka_unit_test(empty_value_is_refused),
		cmocka_unit_test(malformed_addresses_are_refused_naming_value_and_item),
		cmocka_unit_test(option_twice_or_an_empty_name_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

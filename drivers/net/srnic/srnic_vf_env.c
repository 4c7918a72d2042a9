/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VFs a container was given, read from the Kubernetes SR-IOV network
 * device plugin's variable and handed to EAL as "-a" options. The plugin
 * names the variable after the resource: "PCIDEVICE_" then the resource
 * name upper-cased with every other character than a letter or a digit
 * made '_' (intel.com/srnic gives PCIDEVICE_INTEL_COM_SRNIC); its value is
 * the comma-separated PCI addresses of the devices it allocated.
 *
 * This runs before rte_eal_init(): no EAL call, no log, the message goes
 * back to the caller.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_pmd_srnic.h"
#include "srnic_vf_env.h"

#define OPT	RTE_PMD_SRNIC_VFS_FROM_ENV_OPT
#define VAR_MAX	128

/* EAL's option for one device, in writable storage as argv wants. */
static char eal_allow[] = "-a";

/*
 * Where "--vfs-from-env[=NAME]" is among the application's options (after
 * the first "--"): its index, 0 when it is absent, -EINVAL when given
 * twice. *name is what follows '=', or NULL.
 */
static int
find_option(int argc, char **argv, const char **name, char *err, size_t len)
{
	int i, found = 0;
	bool app = false;

	*name = NULL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t n = strlen(OPT);

		if (!app) {
			app = strcmp(a, "--") == 0;
			continue;
		}
		if (strncmp(a, OPT, n) != 0 || (a[n] != '\0' && a[n] != '='))
			continue;
		if (found != 0) {
			snprintf(err, len, OPT " given twice");
			return -EINVAL;
		}
		found = i;
		*name = a[n] == '=' ? a + n + 1 : NULL;
	}
	return found;
}

/*
 * The variable NAME stands for: a resource name (it has a '/') becomes the
 * plugin's variable for it, anything else is the variable's own name.
 */
static int
var_of_name(const char *name, char *var, size_t len, char *err, size_t err_len)
{
	size_t i, pre = strlen(SRNIC_VF_ENV_PREFIX);

	if (name[0] == '\0' || strchr(name, '=') != NULL) {
		snprintf(err, err_len, OPT "=%s: want a variable name (%sRESOURCE) "
			"or a resource name (intel.com/srnic)", name, SRNIC_VF_ENV_PREFIX);
		return -EINVAL;
	}
	if (strchr(name, '/') == NULL) {
		if ((size_t)snprintf(var, len, "%s", name) >= len)
			goto too_long;
		return 0;
	}
	if (pre + strlen(name) >= len)
		goto too_long;
	memcpy(var, SRNIC_VF_ENV_PREFIX, pre);
	for (i = 0; name[i] != '\0'; i++)
		var[pre + i] = isalnum((unsigned char)name[i]) ?
			(char)toupper((unsigned char)name[i]) : '_';
	var[pre + i] = '\0';
	return 0;
too_long:
	snprintf(err, err_len, OPT "=%s: name too long", name);
	return -EINVAL;
}

/* The value of VAR in ENVP, or NULL. */
static const char *
env_value(char *const *envp, const char *var)
{
	size_t n = strlen(var);

	for (; *envp != NULL; envp++)
		if (strncmp(*envp, var, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* The one PCIDEVICE_* variable of ENVP: its name into VAR. */
static int
env_single(char *const *envp, char *var, size_t len, char *err, size_t err_len)
{
	size_t pre = strlen(SRNIC_VF_ENV_PREFIX);
	const char *first = NULL;
	int count = 0;

	for (; *envp != NULL; envp++) {
		size_t n = strcspn(*envp, "=");

		if (strncmp(*envp, SRNIC_VF_ENV_PREFIX, pre) != 0 || (*envp)[n] != '=')
			continue;
		if (count++ == 0) {
			first = *envp;
			if (n >= len) {
				snprintf(err, err_len, OPT ": variable %.*s... has too long a name",
					(int)pre, *envp);
				return -EINVAL;
			}
			memcpy(var, *envp, n);
			var[n] = '\0';
		} else {
			snprintf(err, err_len, OPT ": several %s* variables (%s, %.*s, ...): "
				"name one with " OPT "=NAME", SRNIC_VF_ENV_PREFIX, var,
				(int)n, *envp);
			return -EINVAL;
		}
	}
	if (first == NULL) {
		snprintf(err, err_len, OPT ": no %s* variable in the environment: does the "
			"pod spec request the VF resource for this container?",
			SRNIC_VF_ENV_PREFIX);
		return -EINVAL;
	}
	return 0;
}

/* MIN to MAX hex digits at *P, their value at most LIMIT; *P moves past. */
static bool
hex_field(const char **p, size_t min, size_t max, unsigned long limit)
{
	unsigned long v = 0;
	size_t n = 0;

	for (; n < max && isxdigit((unsigned char)(*p)[n]); n++) {
		int c = tolower((unsigned char)(*p)[n]);

		v = v * 16 + (unsigned long)(isdigit(c) ? c - '0' : c - 'a' + 10);
	}
	*p += n;
	return n >= min && v <= limit;
}

/* [DOMAIN:]BUS:DEVICE.FUNCTION, as EAL's -a takes it. */
static bool
is_pci_addr(const char *s)
{
	const char *p = s, *colon = strchr(s, ':');
	bool domain = colon != NULL && strchr(colon + 1, ':') != NULL;

	if (domain && (!hex_field(&p, 1, 8, 0xffffffff) || *p++ != ':'))
		return false;
	if (!hex_field(&p, 1, 2, 0xff) || *p++ != ':')
		return false;
	if (!hex_field(&p, 1, 2, 0x1f) || *p++ != '.')
		return false;
	return hex_field(&p, 1, 1, 7) && *p == '\0';
}

/*
 * Split VALUE (a copy, cut in place) into ADDRS; the count, or -EINVAL
 * with a message naming VAR and the value.
 */
static int
split_addrs(const char *var, const char *value, char *copy, char **addrs,
	char *err, size_t len)
{
	int n = 0;
	char *s = copy;

	if (*value == '\0') {
		snprintf(err, len, "%s is empty: the device plugin gave this container no VF",
			var);
		return -EINVAL;
	}
	for (;;) {
		char *comma = strchr(s, ',');

		if (comma != NULL)
			*comma = '\0';
		if (!is_pci_addr(s)) {
			snprintf(err, len, "%s=\"%s\": \"%s\" is not a PCI address "
				"(want DDDD:BB:DD.F, comma-separated)", var, value, s);
			return -EINVAL;
		}
		addrs[n++] = s;
		if (comma == NULL)
			return n;
		s = comma + 1;
	}
}

/* Count of comma-separated items in S. */
static int
count_items(const char *s)
{
	int n = 1;

	for (; *s != '\0'; s++)
		n += *s == ',';
	return n;
}

int
srnic_vfs_from_env(int *argc, char ***argv, char *const *envp, char *err, size_t err_len)
{
	char var[VAR_MAX], **old = *argv, **args, **addrs, *copy;
	const char *name, *value;
	int at, n, i, j, items, nb_args;
	size_t vlen;

	at = find_option(*argc, old, &name, err, err_len);
	if (at <= 0)
		return at;
	n = name != NULL ? var_of_name(name, var, sizeof(var), err, err_len) :
		env_single(envp, var, sizeof(var), err, err_len);
	if (n < 0)
		return n;
	value = env_value(envp, var);
	if (value == NULL) {
		snprintf(err, err_len, OPT "=%s: no variable %s in the environment", name, var);
		return -EINVAL;
	}
	/* One block for the new vector, the addresses and a copy of the value
	 * they point into: EAL keeps pointers into argv, so it is never freed. */
	items = count_items(value);
	vlen = strlen(value) + 1;
	nb_args = *argc - 1 + 2 * items;
	args = malloc((size_t)(nb_args + 1 + items) * sizeof(*args) + vlen);
	if (args == NULL) {
		snprintf(err, err_len, OPT ": out of memory");
		return -ENOMEM;
	}
	addrs = args + nb_args + 1;
	copy = memcpy(addrs + items, value, vlen);
	n = split_addrs(var, value, copy, addrs, err, err_len);
	if (n < 0) {
		free(args);
		return n;
	}
	j = 0;
	args[j++] = old[0];
	for (i = 0; i < n; i++) {
		args[j++] = eal_allow;
		args[j++] = addrs[i];
	}
	for (i = 1; i < *argc; i++)
		if (i != at)
			args[j++] = old[i];
	args[j] = NULL;
	*argc = j;
	*argv = args;
	return n;
}

int
rte_pmd_srnic_vfs_from_env(int *argc, char ***argv, char *err, size_t err_len)
{
	extern char **environ;

	if (argc == NULL || argv == NULL || *argv == NULL || err == NULL || err_len == 0)
		return -EINVAL;
	return srnic_vfs_from_env(argc, argv, environ, err, err_len);
}

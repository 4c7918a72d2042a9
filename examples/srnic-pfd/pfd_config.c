/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration file: INI-like sections of "key = value" lines; '#'
 * starts a comment.
 *
 *   [pf]                      pci = 0000:01:00.0   vfs = 2
 *                             vf_token = <uuid>    socket = PATH
 *                             wait = interrupt|backoff
 *                             remove_vfs_on_exit = yes|no
 *   [vf N]                    any VF command as "command = arguments":
 *                             mac = 02:00:00:00:00:10   vlan = 100 qos 3
 *                             vlan_filter = 200 300     trust = on
 *                             spoofchk = off   link = auto   rxmode = broadcast
 *                             bind = igbvf
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pfd.h"

struct line {
	const char *path;
	int no;
	char section[32];
	char *key;
	char *value;
};

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * Call @fn for each "key = value" line, with the section it is in. Stops at
 * the first error (@fn's, or a line that is neither).
 */
static int
each_line(const char *path, int (*fn)(struct line *, void *), void *arg)
{
	char buf[PFD_LINE_LEN], *s, *eq;
	struct line l = { .path = path };
	FILE *f = fopen(path, "r");
	int ret = 0;

	if (f == NULL) {
		fprintf(stderr, "srnic-pfd: cannot read %s: %s\n", path, strerror(errno));
		return -errno;
	}
	while (ret == 0 && fgets(buf, sizeof(buf), f) != NULL) {
		l.no++;
		s = strchr(buf, '#');
		if (s != NULL)
			*s = '\0';
		s = trim(buf);
		if (*s == '\0')
			continue;
		if (*s == '[') {
			eq = strchr(s, ']');
			if (eq == NULL) {
				fprintf(stderr, "%s:%d: section header without ']'\n", path, l.no);
				ret = -EINVAL;
				break;
			}
			*eq = '\0';
			snprintf(l.section, sizeof(l.section), "%s", trim(s + 1));
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			fprintf(stderr, "%s:%d: expected 'key = value'\n", path, l.no);
			ret = -EINVAL;
			break;
		}
		*eq = '\0';
		l.key = trim(s);
		l.value = trim(eq + 1);
		ret = fn(&l, arg);
	}
	fclose(f);
	return ret;
}

static int
pf_key(struct line *l, void *arg)
{
	struct pfd_conf *c = arg;

	if (strcmp(l->section, "pf") != 0)
		return 0;
	if (strcmp(l->key, "pci") == 0) {
		snprintf(c->pci, sizeof(c->pci), "%s", l->value);
	} else if (strcmp(l->key, "vfs") == 0) {
		c->vfs = atoi(l->value);
	} else if (strcmp(l->key, "vf_token") == 0) {
		snprintf(c->token, sizeof(c->token), "%s", l->value);
	} else if (strcmp(l->key, "socket") == 0) {
		snprintf(c->socket, sizeof(c->socket), "%s", l->value);
	} else if (strcmp(l->key, "wait") == 0 && (strcmp(l->value, "backoff") == 0 ||
		   strcmp(l->value, "interrupt") == 0)) {
		c->backoff = strcmp(l->value, "backoff") == 0;
	} else if (strcmp(l->key, "remove_vfs_on_exit") == 0) {
		c->remove_vfs_on_exit = strcmp(l->value, "yes") == 0 ||
			strcmp(l->value, "on") == 0;
	} else {
		fprintf(stderr, "%s:%d: unknown [pf] setting '%s = %s' (pci, vfs, vf_token, "
			"socket, wait = interrupt|backoff, remove_vfs_on_exit)\n", l->path, l->no,
			l->key, l->value);
		return -EINVAL;
	}
	return 0;
}

int
pfd_config_pf(const char *path, struct pfd_conf *conf)
{
	return each_line(path, pf_key, conf);
}

static int
run(struct srnic_pf *pf, struct line *l, char **argv, int argc)
{
	int ret = pfd_command(pf, argc, argv, stderr);

	if (ret < 0)
		fprintf(stderr, "%s:%d: '%s = %s' failed: %s\n", l->path, l->no, l->key,
			l->value, strerror(-ret));
	return ret;
}

static int
vf_key(struct line *l, void *arg)
{
	struct srnic_pf *pf = arg;
	char vf[8], key[32], *argv[PFD_MAX_ARGS], *words[PFD_MAX_ARGS], *p;
	int n, i, ret;

	if (sscanf(l->section, "vf %7s", vf) != 1)
		return 0;
	snprintf(key, sizeof(key), "%s", l->key);
	for (p = key; *p != '\0'; p++)
		if (*p == '_')
			*p = '-';
	n = pfd_split(l->value, words);
	argv[0] = (char *)(uintptr_t)"vf";
	argv[1] = vf;
	argv[2] = key;
	/* One filter a VLAN ID: "vlan_filter = 10 20" adds both. */
	if (strcmp(key, "vlan-filter") == 0) {
		argv[3] = (char *)(uintptr_t)"add";
		for (i = 0; i < n; i++) {
			argv[4] = words[i];
			ret = run(pf, l, argv, 5);
			if (ret < 0)
				return ret;
		}
		return 0;
	}
	for (i = 0; i < n && i + 3 < PFD_MAX_ARGS; i++)
		argv[3 + i] = words[i];
	return run(pf, l, argv, 3 + i);
}

int
pfd_config_vfs(const char *path, struct srnic_pf *pf)
{
	return each_line(path, vf_key, pf);
}

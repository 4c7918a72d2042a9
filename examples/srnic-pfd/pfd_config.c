/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration file, read with DPDK's rte_cfgfile: sections of
 * "key = value" lines; '#' starts a comment.
 *
 *   [pfd]                     socket = PATH   (the daemon's; optional)
 *   [pf NAME]                 one section a PF; NAME names it in commands:
 *                             pci = 0000:01:00.0   vfs = 0..7
 *                             vf_token = <uuid>
 *                             wait = interrupt|backoff
 *                             remove_vfs_on_exit = on|off
 *                             vlans_per_vf = 1..31
 *   [vf NAME N]               VF N of PF NAME: any VF command as
 *                             "command = arguments":
 *                             mac = 02:00:00:00:00:10   vlan = 100 qos 3
 *                             vlan_filter = 200 300     trust = on
 *                             spoofchk = off   link = auto   rxmode = broadcast
 *                             bind = igbvf
 *
 * A file for one PF may say [pf] and [vf N] instead (the PF is then named
 * by its PCI address), and keep socket = in [pf].
 *
 * The whole file is checked before the PF is touched: a value that is not
 * what its key takes, an unknown section or key, a setting given twice, a
 * line rte_cfgfile would cut or skip; each refusal names the file, the
 * section and the key (or the line) and what the key takes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cfgfile.h>
#include <rte_pci.h>
#include <rte_uuid.h>

#include "pfd.h"

/* The longest line rte_cfgfile reads whole: its buffer holds a name, a
 * value, " = ", the newline and a NUL. */
#define LINE_MAX_LEN	(CFG_NAME_LEN + CFG_VALUE_LEN + 1)

static const char vf_keys[][16] = {
	"mac", "vlan", "vlan_filter", "trust", "spoofchk", "link", "rxmode", "bind",
};

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* What rte_cfgfile would cut, skip or refuse without saying where: check
 * each line first. Returns 0 or -EINVAL, said on stderr with the line. */
static int
check_line(const char *path, int no, char *line, bool *in_section)
{
	char *s = line, *eq;
	size_t len = strlen(line);

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len > LINE_MAX_LEN) {
		fprintf(stderr, "srnic-pfd: %s:%d: line is %zu characters long, at most %d are "
			"read; shorten it\n", path, no, len, LINE_MAX_LEN);
		return -EINVAL;
	}
	eq = strchr(s, '#');
	if (eq != NULL)
		*eq = '\0';
	s = trim(s);
	if (*s == '\0')
		return 0;
	if (*s == '[') {
		if (s[strlen(s) - 1] != ']') {
			fprintf(stderr, "srnic-pfd: %s:%d: '%s': a section header ends in ']'\n",
				path, no, s);
			return -EINVAL;
		}
		*in_section = true;
		return 0;
	}
	eq = strchr(s, '=');
	if (eq == NULL || eq == s || *trim(eq + 1) == '\0') {
		fprintf(stderr, "srnic-pfd: %s:%d: '%s' is not 'key = value'\n", path, no, s);
		return -EINVAL;
	}
	if (!*in_section) {
		fprintf(stderr, "srnic-pfd: %s:%d: '%s' comes before any section; put it under "
			"[pf NAME] or [vf NAME N]\n", path, no, s);
		return -EINVAL;
	}
	*eq = '\0';
	if (strlen(trim(s)) >= CFG_NAME_LEN || strlen(trim(eq + 1)) >= CFG_VALUE_LEN) {
		fprintf(stderr, "srnic-pfd: %s:%d: key '%s' or its value is too long (keys up to "
			"%d characters, values up to %d)\n", path, no, trim(s), CFG_NAME_LEN - 1,
			CFG_VALUE_LEN - 1);
		return -EINVAL;
	}
	return 0;
}

static int
check_lines(const char *path)
{
	bool in_section = false;
	char *line = NULL;
	size_t cap = 0;
	int no = 0, ret = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		ret = -errno;
		fprintf(stderr, "srnic-pfd: cannot read %s: %s\n", path, strerror(-ret));
		return ret;
	}
	while (ret == 0 && getline(&line, &cap, f) >= 0)
		ret = check_line(path, ++no, line, &in_section);
	free(line);
	fclose(f);
	return ret;
}

/* socket = @val into @socket, or why not into @why ([pfd], or a lone [pf]). */
static int
socket_value(char *socket, const char *val, const char **why)
{
	*why = "too long for a UNIX socket path (at most 107 characters)";
	if (strlen(val) >= PFD_SOCKET_LEN)
		return -EINVAL;
	snprintf(socket, PFD_SOCKET_LEN, "%s", val);
	return 0;
}

/* One [pf] key: its value into @c (or the daemon's @socket), or why not
 * into @why. */
static int
pf_value(struct pfd_pf_conf *c, char *socket, const char *key, const char *val,
	const char **why)
{
	struct rte_pci_addr addr;
	rte_uuid_t uuid;
	unsigned long n;

	if (strcmp(key, "pci") == 0) {
		*why = "not a PCI address (as 0000:01:00.0; lspci -D lists them)";
		if (rte_pci_addr_parse(val, &addr) < 0)
			return -EINVAL;
		rte_pci_device_name(&addr, c->pci, sizeof(c->pci));
	} else if (strcmp(key, "vfs") == 0) {
		*why = "not a number of VFs in 0..7 (what srnic gives one PF; 0 removes them)";
		if (pfd_number(val, SRNIC_PF_MAX_VFS, &n, NULL) < 0)
			return -EINVAL;
		c->vfs = (int)n;
	} else if (strcmp(key, "vf_token") == 0) {
		*why = "not a UUID (uuidgen makes one)";
		if (rte_uuid_parse(val, uuid) < 0)
			return -EINVAL;
		snprintf(c->token, sizeof(c->token), "%s", val);
	} else if (strcmp(key, "socket") == 0 && !c->named) {
		return socket_value(socket, val, why);
	} else if (strcmp(key, "wait") == 0) {
		*why = "say interrupt or backoff";
		if (strcmp(val, "backoff") != 0 && strcmp(val, "interrupt") != 0)
			return -EINVAL;
		c->backoff = strcmp(val, "backoff") == 0;
	} else if (strcmp(key, "remove_vfs_on_exit") == 0) {
		*why = "say on or off";
		return pfd_on_off(val, &c->remove_vfs_on_exit, NULL);
	} else if (strcmp(key, "vlans_per_vf") == 0) {
		/* One VF with one entry kept for its port VLAN: 31 at most. */
		*why = "not a number of VLAN filters in 1..31 (leave it out to derive it from "
			"the VF count)";
		if (pfd_number(val, SRNIC_PF_VLAN_ENTRIES - 1, &n, NULL) < 0 || n == 0)
			return -EINVAL;
		c->vlans_per_vf = (uint16_t)n;
	} else {
		*why = c->named && strcmp(key, "socket") == 0 ? "the daemon has one socket: "
			"put socket = under [pfd]" : "unknown key (pci, vfs, vf_token, wait, "
			"remove_vfs_on_exit, vlans_per_vf)";
		return -EINVAL;
	}
	return 0;
}

/* The entries of section @idx, or NULL (said on stderr). Free them. */
static struct rte_cfgfile_entry *
entries(struct rte_cfgfile *cfg, const char *path, int idx, char *name, int *n)
{
	struct rte_cfgfile_entry *e;

	*n = rte_cfgfile_section_num_entries_by_index(cfg, name, idx);
	e = calloc(*n > 0 ? (size_t)*n : 1, sizeof(*e));
	if (e == NULL || *n < 0 ||
	    rte_cfgfile_section_entries_by_index(cfg, idx, name, e, *n) != *n) {
		fprintf(stderr, "srnic-pfd: %s: cannot read section %d (out of memory?)\n",
			path, idx);
		free(e);
		return NULL;
	}
	return e;
}

/* A key given twice in one section: else the last would win unsaid. */
static int
twice(const char *path, const char *section, const struct rte_cfgfile_entry *e, int i)
{
	int j;

	for (j = 0; j < i; j++)
		if (strcmp(e[i].name, e[j].name) == 0) {
			fprintf(stderr, "srnic-pfd: %s: [%s] %s is given twice; keep one\n", path,
				section, e[i].name);
			return -EINVAL;
		}
	return 0;
}

/* Each VF's share and an entry for its port VLAN must fit the table, as
 * the library will check when it creates the VFs. */
static int
vlans_fit(const struct pfd_pf_conf *c, const char *path, const char *section)
{
	unsigned int need = (unsigned int)c->vfs * (c->vlans_per_vf + 1u);

	if (c->vfs <= 0 || c->vlans_per_vf == 0 || need <= SRNIC_PF_VLAN_ENTRIES)
		return 0;
	fprintf(stderr, "srnic-pfd: %s: [%s] vlans_per_vf = %u does not fit vfs = %d: %d x "
		"(%u + 1 for the port VLAN) = %u of the %d VLAN filter entries; use at most %d "
		"or leave it out\n", path, section, c->vlans_per_vf, c->vfs, c->vfs,
		c->vlans_per_vf, need, SRNIC_PF_VLAN_ENTRIES, SRNIC_PF_VLAN_ENTRIES / c->vfs - 1);
	return -EINVAL;
}

/* A name a command can carry as one word, and no PCI address but its own. */
static bool
good_name(const char *name)
{
	const char *p;

	if (*name == '\0' || strlen(name) >= PFD_NAME_LEN)
		return false;
	for (p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("-_.:", *p) == NULL)
			return false;
	return true;
}

/* The PF of section [pf @name], or NULL. */
static struct pfd_pf_conf *
pf_by_name(struct pfd_conf *c, const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nb_pf; i++)
		if (strcmp(c->pf[i].name, name) == 0)
			return &c->pf[i];
	return NULL;
}

/* Section [pf] or [pf NAME] (@name), with its @n entries @e. */
static int
read_pf(struct pfd_conf *conf, const char *path, const char *section,
	const struct rte_cfgfile_entry *e, int n)
{
	const char *name = section[2] == ' ' ? section + 3 : NULL, *why;
	struct pfd_pf_conf *c;
	unsigned int i;
	int k, ret;

	if (conf->nb_pf == PFD_MAX_PFS) {
		fprintf(stderr, "srnic-pfd: %s: [%s]: one srnic-pfd serves at most %d PFs\n", path,
			section, PFD_MAX_PFS);
		return -EINVAL;
	}
	if (name != NULL && !good_name(name)) {
		fprintf(stderr, "srnic-pfd: %s: [%s]: a PF's name is 1 to %d letters, digits "
			"or '-_.:'\n", path, section, PFD_NAME_LEN - 1);
		return -EINVAL;
	}
	if (name != NULL && pf_by_name(conf, name) != NULL) {
		fprintf(stderr, "srnic-pfd: %s: [%s] is given twice; name each PF once\n", path,
			section);
		return -EINVAL;
	}
	c = &conf->pf[conf->nb_pf];
	memset(c, 0, sizeof(*c));
	c->vfs = -1;
	c->named = name != NULL;
	for (k = 0; k < n; k++) {
		ret = twice(path, section, e, k);
		if (ret < 0)
			return ret;
		if (pf_value(c, conf->socket, e[k].name, e[k].value, &why) < 0) {
			fprintf(stderr, "srnic-pfd: %s: [%s] %s = %s: %s\n", path, section,
				e[k].name, e[k].value, why);
			return -EINVAL;
		}
	}
	if (c->pci[0] == '\0') {
		fprintf(stderr, "srnic-pfd: %s: [%s] needs pci = <the PF's PCI address>\n", path,
			section);
		return -EINVAL;
	}
	for (i = 0; i < conf->nb_pf; i++)
		if (strcmp(conf->pf[i].pci, c->pci) == 0) {
			fprintf(stderr, "srnic-pfd: %s: [%s] pci = %s: PF %s has that address "
				"already; each PF has one section\n", path, section, c->pci,
				conf->pf[i].name);
			return -EINVAL;
		}
	snprintf(c->name, sizeof(c->name), "%s", name != NULL ? name : c->pci);
	ret = vlans_fit(c, path, section);
	if (ret == 0)
		conf->nb_pf++;
	return ret;
}

static int
read_daemon(struct pfd_conf *conf, const char *path, const struct rte_cfgfile_entry *e,
	int n)
{
	const char *why;
	int k;

	for (k = 0; k < n; k++) {
		if (twice(path, "pfd", e, k) < 0)
			return -EINVAL;
		if (strcmp(e[k].name, "socket") != 0) {
			fprintf(stderr, "srnic-pfd: %s: [pfd] %s: unknown key (socket)\n", path,
				e[k].name);
			return -EINVAL;
		}
		if (socket_value(conf->socket, e[k].value, &why) < 0) {
			fprintf(stderr, "srnic-pfd: %s: [pfd] socket = %s: %s\n", path, e[k].value,
				why);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * Section "vf N" or "vf NAME N": its PF into @pfc, N returned; -1 when
 * @name is no VF section, -2 when it is a wrong one (said on stderr).
 */
static int
vf_section(struct pfd_conf *c, const char *path, const char *name,
	struct pfd_pf_conf **pfc)
{
	char words[CFG_NAME_LEN], *w[3];
	unsigned long vf;
	int n, max;

	if (strncmp(name, "vf ", 3) != 0)
		return -1;
	snprintf(words, sizeof(words), "%s", name + 3);
	n = pfd_split(words, w);
	if (n == 2) {
		*pfc = pf_by_name(c, w[0]);
		if (*pfc == NULL || !(*pfc)->named) {
			fprintf(stderr, "srnic-pfd: %s: [%s]: no [pf %s] in the file\n", path,
				name, w[0]);
			return -2;
		}
	} else if (n == 1 && c->nb_pf == 1 && !c->pf[0].named) {
		*pfc = &c->pf[0];
	} else {
		fprintf(stderr, "srnic-pfd: %s: [%s]: a VF section is [vf NAME N] for the VF N "
			"of [pf NAME]%s\n", path, name, c->nb_pf == 1 && !c->pf[0].named ?
			" (or [vf N] under a lone [pf])" : "");
		return -2;
	}
	max = (*pfc)->vfs >= 0 ? (*pfc)->vfs : SRNIC_PF_MAX_VFS;
	if (pfd_number(w[n - 1], SRNIC_PF_MAX_VFS - 1, &vf, NULL) < 0 || (int)vf >= max) {
		fprintf(stderr, "srnic-pfd: %s: [%s]: no such VF; VFs are 0..%d%s\n", path, name,
			max - 1, (*pfc)->vfs >= 0 ? " (vfs = in its [pf])" : "");
		return -2;
	}
	return (int)vf;
}

/* "vf N" or "vf NAME N", as the file says it for VF @vf of @pfc. */
static void
vf_label(const struct pfd_pf_conf *pfc, uint16_t vf, char *buf, size_t len)
{
	if (pfc->named)
		snprintf(buf, len, "vf %s %u", pfc->name, vf);
	else
		snprintf(buf, len, "vf %u", vf);
}

/*
 * Run VF setting @s as the commands it stands for ("vlan_filter = 10 20"
 * is one filter a VLAN), on @pf; with @pf NULL only check their words.
 */
static int
vf_setting_run(const struct pfd_vf_setting *s, struct srnic_pf *pf, FILE *out)
{
	char vf[8], cmd[CFG_NAME_LEN], words[CFG_VALUE_LEN], *w[PFD_MAX_ARGS];
	char *argv[PFD_MAX_ARGS + 3];
	int n, i, argc, ret = 0;
	char *p;

	snprintf(vf, sizeof(vf), "%u", s->vf);
	snprintf(cmd, sizeof(cmd), "%s", s->key);
	for (p = cmd; *p != '\0'; p++)
		if (*p == '_')
			*p = '-';
	snprintf(words, sizeof(words), "%s", s->value);
	n = pfd_split(words, w);
	if (n < 0) {
		fprintf(out, "more than %d words\n", PFD_MAX_ARGS);
		return -EINVAL;
	}
	argv[0] = (char *)(uintptr_t)"vf";
	argv[1] = vf;
	argv[2] = cmd;
	for (i = 0; i < n && ret == 0; i++) {
		if (strcmp(cmd, "vlan-filter") == 0) {
			argv[3] = (char *)(uintptr_t)"add";
			argv[4] = w[i];
			argc = 5;
		} else {
			memcpy(argv + 3, w, (size_t)n * sizeof(*w));
			argc = 3 + n;
			i = n;
		}
		ret = pf == NULL ? pfd_vf_check(argc, argv, out) :
			pfd_pf_command(pf, argc, argv, out);
	}
	return ret;
}

/* Check one VF setting now, without a PF; keep it for pfd_config_apply. */
static int
add_vf(struct pfd_pf_conf *c, const char *path, uint16_t vf, const struct rte_cfgfile_entry *e)
{
	struct pfd_vf_setting *s;
	char *msg = NULL, label[CFG_NAME_LEN + 8];
	size_t len = 0, k;
	FILE *out;
	int ret;

	vf_label(c, vf, label, sizeof(label));
	for (k = 0; k < RTE_DIM(vf_keys) && strcmp(e->name, vf_keys[k]) != 0; k++)
		;
	if (k == RTE_DIM(vf_keys)) {
		fprintf(stderr, "srnic-pfd: %s: [%s] %s: unknown key (mac, vlan, vlan_filter, "
			"trust, spoofchk, link, rxmode, bind)\n", path, label, e->name);
		return -EINVAL;
	}
	/* Else the last would win unsaid; also across two sections of a VF. */
	for (k = 0; k < c->nb_vf; k++)
		if (c->vf[k].vf == vf && strcmp(c->vf[k].key, e->name) == 0) {
			fprintf(stderr, "srnic-pfd: %s: [%s] %s is given twice; keep one (a "
				"vlan_filter line takes several IDs)\n", path, label, e->name);
			return -EINVAL;
		}
	s = realloc(c->vf, (c->nb_vf + 1) * sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	c->vf = s;
	s = &c->vf[c->nb_vf];
	s->vf = vf;
	snprintf(s->key, sizeof(s->key), "%s", e->name);
	snprintf(s->value, sizeof(s->value), "%s", e->value);
	out = open_memstream(&msg, &len);
	if (out == NULL)
		return -ENOMEM;
	ret = vf_setting_run(s, NULL, out);
	fclose(out);
	if (ret < 0)
		fprintf(stderr, "srnic-pfd: %s: [%s] %s = %s: %s", path, label, e->name,
			e->value, len > 0 ? msg : "refused\n");
	else
		c->nb_vf++;
	free(msg);
	return ret;
}

/* What section @name is. */
enum section_kind { SECTION_DAEMON, SECTION_PF, SECTION_OTHER };

static enum section_kind
section_kind(const char *name)
{
	if (strcmp(name, "pfd") == 0)
		return SECTION_DAEMON;
	if (strcmp(name, "pf") == 0 || strncmp(name, "pf ", 3) == 0)
		return SECTION_PF;
	return SECTION_OTHER;
}

/* Pass one: [pfd] and the PF sections (they say how many VFs there are to
 * configure); pass two: the VF sections and anything unknown. */
static int
read_sections(struct pfd_conf *c, struct rte_cfgfile *cfg, const char *path, bool vfs)
{
	struct pfd_pf_conf *pfc = NULL;
	struct rte_cfgfile_entry *e;
	char name[CFG_NAME_LEN];
	int nb, i, k, n, vf, ret = 0;

	nb = rte_cfgfile_num_sections(cfg, NULL, 0);
	for (i = 0; i < nb && ret == 0; i++) {
		e = entries(cfg, path, i, name, &n);
		if (e == NULL)
			return -ENOMEM;
		if (!vfs && section_kind(name) == SECTION_DAEMON)
			ret = read_daemon(c, path, e, n);
		else if (!vfs && section_kind(name) == SECTION_PF)
			ret = read_pf(c, path, name, e, n);
		else if (vfs && section_kind(name) == SECTION_OTHER) {
			vf = vf_section(c, path, name, &pfc);
			if (vf == -1)
				fprintf(stderr, "srnic-pfd: %s: [%s]: unknown section ([pfd], "
					"[pf NAME] or [vf NAME N])\n", path, name);
			ret = vf < 0 ? -EINVAL : 0;
			for (k = 0; k < n && ret == 0; k++)
				ret = add_vf(pfc, path, (uint16_t)vf, &e[k]);
		}
		free(e);
	}
	return ret;
}

static int
read_file(struct pfd_conf *c, struct rte_cfgfile *cfg, const char *path)
{
	unsigned int i;
	int ret;

	ret = read_sections(c, cfg, path, false);
	if (ret == 0 && c->nb_pf == 0) {
		fprintf(stderr, "srnic-pfd: %s: names no PF: give a [pf NAME] section with pci = "
			"<the PF's PCI address> for each\n", path);
		ret = -EINVAL;
	}
	for (i = 0; ret == 0 && i < c->nb_pf; i++)
		if (!c->pf[i].named && c->nb_pf > 1) {
			fprintf(stderr, "srnic-pfd: %s: [pf] of %s: with several PFs each needs a "
				"name, as [pf NAME]\n", path, c->pf[i].pci);
			ret = -EINVAL;
		}
	return ret == 0 ? read_sections(c, cfg, path, true) : ret;
}

int
pfd_config_load(const char *path, struct pfd_conf *conf)
{
	const struct rte_cfgfile_parameters params = { .comment_character = '#' };
	struct rte_cfgfile *cfg;
	int ret;

	memset(conf, 0, sizeof(*conf));
	ret = check_lines(path);
	if (ret < 0)
		return ret;
	cfg = rte_cfgfile_load_with_params(path, 0, &params);
	if (cfg == NULL) {
		fprintf(stderr, "srnic-pfd: %s: rte_cfgfile cannot read it (see its message "
			"above)\n", path);
		return -EINVAL;
	}
	ret = read_file(conf, cfg, path);
	rte_cfgfile_close(cfg);
	if (ret < 0)
		pfd_conf_free(conf);
	return ret;
}

int
pfd_config_apply(const struct pfd_pf_conf *pfc, const char *path, struct srnic_pf *pf)
{
	const struct pfd_vf_setting *s;
	char label[CFG_NAME_LEN + 8];
	unsigned int i;
	int ret;

	for (i = 0; i < pfc->nb_vf; i++) {
		s = &pfc->vf[i];
		ret = vf_setting_run(s, pf, stderr);
		if (ret < 0) {
			vf_label(pfc, s->vf, label, sizeof(label));
			fprintf(stderr, "srnic-pfd: %s: [%s] %s = %s failed: %s (see the "
				"message above)\n", path, label, s->key, s->value, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

void
pfd_conf_free(struct pfd_conf *conf)
{
	unsigned int i;

	for (i = 0; i < conf->nb_pf; i++) {
		free(conf->pf[i].vf);
		conf->pf[i].vf = NULL;
		conf->pf[i].nb_vf = 0;
	}
	conf->nb_pf = 0;
}

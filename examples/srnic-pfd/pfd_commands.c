/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command language of srnic-pfd, shared by the configuration file
 * ("[vf 1]" + "trust = on" runs "vf 1 trust on") and the control socket:
 *
 *   show | help | quit
 *   [pf NAME] show | [pf NAME] token | [pf NAME] stats VF
 *   [pf NAME] vf N mac ADDR | vf N vlan ID [qos Q] | vf N vlan-filter add|del ID
 *   vf N trust on|off | vf N spoofchk on|off|mac|vlan | vf N link auto|up|down
 *   vf N rxmode none|MODE[,MODE...]   (broadcast, multicast, promisc)
 *   vf N bind DRIVER|none
 *
 * "pf NAME" picks one PF by its name or PCI address; a daemon with one PF
 * takes its commands without it. "show" alone shows every PF.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_pci.h>

#include "pfd.h"

volatile bool pfd_quit;

int
pfd_split(char *line, char **argv)
{
	char *save = NULL, *w;
	int n = 0;

	for (w = strtok_r(line, " \t\r\n", &save); w != NULL;
	     w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == PFD_MAX_ARGS)
			return -1;
		argv[n++] = w;
	}
	return n;
}

int
pfd_number(const char *s, unsigned long max, unsigned long *val, FILE *out)
{
	char *end;

	errno = 0;
	*val = strtoul(s, &end, 0);
	/* strtoul takes "-1" and leading blanks: a count must be digits. */
	if (errno != 0 || end == s || *end != '\0' || *s == '-' || *s == '+' ||
	    isspace((unsigned char)*s) || *val > max) {
		if (out != NULL)
			fprintf(out, "'%s' is not a number in 0..%lu\n", s, max);
		return -EINVAL;
	}
	return 0;
}

int
pfd_on_off(const char *s, bool *on, FILE *out)
{
	if (strcmp(s, "on") == 0 || strcmp(s, "1") == 0 || strcmp(s, "yes") == 0)
		*on = true;
	else if (strcmp(s, "off") == 0 || strcmp(s, "0") == 0 || strcmp(s, "no") == 0)
		*on = false;
	else {
		if (out != NULL)
			fprintf(out, "'%s': say on or off\n", s);
		return -EINVAL;
	}
	return 0;
}

static int
rxmodes(const char *s, uint32_t *modes, FILE *out)
{
	char buf[64], *save = NULL, *w;

	*modes = 0;
	if (strcmp(s, "none") == 0)
		return 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (w = strtok_r(buf, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save)) {
		if (strcmp(w, "broadcast") == 0)
			*modes |= SRNIC_PF_RXMODE_BROADCAST;
		else if (strcmp(w, "multicast") == 0)
			*modes |= SRNIC_PF_RXMODE_MULTICAST;
		else if (strcmp(w, "promisc") == 0)
			*modes |= SRNIC_PF_RXMODE_PROMISC;
		else {
			fprintf(out, "unknown receive mode '%s' (broadcast, multicast, promisc, "
				"or none)\n", w);
			return -EINVAL;
		}
	}
	return 0;
}

static int
vf_mac(struct srnic_pf *pf, uint16_t vf, int argc, char **argv, FILE *out)
{
	struct rte_ether_addr mac;

	if (argc != 1) {
		fprintf(out, "usage: vf N mac 02:00:00:00:00:01\n");
		return -EINVAL;
	}
	if (rte_ether_unformat_addr(argv[0], &mac) < 0) {
		fprintf(out, "'%s' is not a MAC address (as 02:00:00:00:00:01)\n", argv[0]);
		return -EINVAL;
	}
	if (!rte_is_valid_assigned_ether_addr(&mac)) {
		fprintf(out, "%s is a multicast or all-zero address: give a unicast one, as "
			"02:00:00:00:00:01\n", argv[0]);
		return -EINVAL;
	}
	return pf == NULL ? 0 : srnic_pf_set_vf_mac(pf, vf, &mac);
}

static int
vf_vlan(struct srnic_pf *pf, uint16_t vf, int argc, char **argv, FILE *out)
{
	unsigned long vid, qos = 0;

	if ((argc != 1 && argc != 3) || (argc == 3 && strcmp(argv[1], "qos") != 0)) {
		fprintf(out, "usage: vf N vlan ID [qos Q]   (ID 0 removes the port VLAN)\n");
		return -EINVAL;
	}
	if (pfd_number(argv[0], 4094, &vid, out) < 0 ||
	    (argc == 3 && pfd_number(argv[2], 7, &qos, out) < 0))
		return -EINVAL;
	return pf == NULL ? 0 : srnic_pf_set_vf_vlan(pf, vf, (uint16_t)vid, (uint8_t)qos);
}

static int
vf_vlan_filter(struct srnic_pf *pf, uint16_t vf, int argc, char **argv, FILE *out)
{
	unsigned long vid;

	if (argc != 2 || (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "del") != 0)) {
		fprintf(out, "usage: vf N vlan-filter add|del ID\n");
		return -EINVAL;
	}
	if (pfd_number(argv[1], 4095, &vid, out) < 0)
		return -EINVAL;
	return pf == NULL ? 0 :
		srnic_pf_vf_vlan_filter(pf, vf, (uint16_t)vid, argv[0][0] == 'a');
}

static int
vf_spoofchk(struct srnic_pf *pf, uint16_t vf, int argc, char **argv, FILE *out)
{
	uint32_t checks;
	bool on;

	if (argc != 1) {
		fprintf(out, "usage: vf N spoofchk on|off|mac|vlan\n");
		return -EINVAL;
	}
	if (strcmp(argv[0], "mac") == 0)
		checks = SRNIC_PF_SPOOFCHK_MAC;
	else if (strcmp(argv[0], "vlan") == 0)
		checks = SRNIC_PF_SPOOFCHK_VLAN;
	else if (pfd_on_off(argv[0], &on, out) == 0)
		checks = on ? SRNIC_PF_SPOOFCHK_ALL : 0;
	else
		return -EINVAL;
	return pf == NULL ? 0 : srnic_pf_set_vf_spoofchk(pf, vf, checks);
}

static int
vf_link(struct srnic_pf *pf, uint16_t vf, int argc, char **argv, FILE *out)
{
	enum srnic_pf_link_state st;

	if (argc == 1 && strcmp(argv[0], "auto") == 0)
		st = SRNIC_PF_LINK_AUTO;
	else if (argc == 1 && strcmp(argv[0], "up") == 0)
		st = SRNIC_PF_LINK_UP;
	else if (argc == 1 && strcmp(argv[0], "down") == 0)
		st = SRNIC_PF_LINK_DOWN;
	else {
		fprintf(out, "usage: vf N link auto|up|down\n");
		return -EINVAL;
	}
	return pf == NULL ? 0 : srnic_pf_set_vf_link_state(pf, vf, st);
}

/* With @pf NULL: check the words only. */
static int
vf_command(struct srnic_pf *pf, int argc, char **argv, FILE *out)
{
	unsigned long vf;
	uint32_t modes;
	bool on;

	if (argc < 3 || pfd_number(argv[1], SRNIC_PF_MAX_VFS - 1, &vf, out) < 0) {
		fprintf(out, "usage: vf N mac|vlan|vlan-filter|trust|spoofchk|link|rxmode|bind "
			"...\n");
		return -EINVAL;
	}
	if (strcmp(argv[2], "mac") == 0)
		return vf_mac(pf, (uint16_t)vf, argc - 3, argv + 3, out);
	if (strcmp(argv[2], "vlan") == 0)
		return vf_vlan(pf, (uint16_t)vf, argc - 3, argv + 3, out);
	if (strcmp(argv[2], "vlan-filter") == 0)
		return vf_vlan_filter(pf, (uint16_t)vf, argc - 3, argv + 3, out);
	if (strcmp(argv[2], "spoofchk") == 0)
		return vf_spoofchk(pf, (uint16_t)vf, argc - 3, argv + 3, out);
	if (strcmp(argv[2], "link") == 0)
		return vf_link(pf, (uint16_t)vf, argc - 3, argv + 3, out);
	if (strcmp(argv[2], "trust") == 0 && argc == 4) {
		if (pfd_on_off(argv[3], &on, out) < 0)
			return -EINVAL;
		return pf == NULL ? 0 : srnic_pf_set_vf_trust(pf, (uint16_t)vf, on);
	}
	if (strcmp(argv[2], "rxmode") == 0 && argc == 4) {
		if (rxmodes(argv[3], &modes, out) < 0)
			return -EINVAL;
		return pf == NULL ? 0 : srnic_pf_set_vf_rxmode(pf, (uint16_t)vf, modes);
	}
	if (strcmp(argv[2], "bind") == 0 && argc == 4)
		return pf == NULL ? 0 : srnic_pf_vf_bind(pf, (uint16_t)vf,
			strcmp(argv[3], "none") == 0 ? NULL : argv[3]);
	fprintf(out, "unknown or incomplete VF command '%s' (try: help)\n", argv[2]);
	return -EINVAL;
}

int
pfd_vf_check(int argc, char **argv, FILE *out)
{
	return vf_command(NULL, argc, argv, out);
}

static int
stats(struct srnic_pf *pf, int argc, char **argv, FILE *out)
{
	struct srnic_pf_vf_stats s;
	unsigned long vf;
	int ret;

	if (argc != 2 || pfd_number(argv[1], SRNIC_PF_MAX_VFS - 1, &vf, out) < 0) {
		fprintf(out, "usage: stats VF\n");
		return -EINVAL;
	}
	ret = srnic_pf_vf_stats_get(pf, (uint16_t)vf, &s);
	if (ret < 0)
		return ret;
	fprintf(out, "vf=%lu msgs=%lu acks=%lu nacks=%lu bad_msgs=%lu dropped=%lu resets=%lu "
		"flrs=%lu pings=%lu mbx_busy=%lu rx_packets=%lu tx_packets=%lu rx_bytes=%lu "
		"tx_bytes=%lu refused_not_ready=%lu refused_by_app=%lu refused_by_policy=%lu\n",
		vf, (unsigned long)s.msgs, (unsigned long)s.acks,
		(unsigned long)s.nacks, (unsigned long)s.bad_msgs, (unsigned long)s.dropped,
		(unsigned long)s.resets, (unsigned long)s.flrs, (unsigned long)s.pings,
		(unsigned long)s.mbx_busy, (unsigned long)s.rx_packets,
		(unsigned long)s.tx_packets, (unsigned long)s.rx_bytes,
		(unsigned long)s.tx_bytes, (unsigned long)s.refused_not_ready,
		(unsigned long)s.refused_by_app, (unsigned long)s.refused_by_policy);
	return 0;
}

static void
help(FILE *out)
{
	fprintf(out,
		"show                             every PF and its VFs\n"
		"pf NAME COMMAND                  COMMAND on one PF (its name or PCI address);\n"
		"                                 'pf NAME' may be left out with one PF\n"
		"  show                           the PF and every VF\n"
		"  token                          the VF token (--vfio-vf-token=...)\n"
		"  stats VF                       mailbox and traffic counters of a VF\n"
		"  vf N mac ADDR                  administrator MAC\n"
		"  vf N vlan ID [qos Q]           port VLAN (0 removes it)\n"
		"  vf N vlan-filter add|del ID    a VLAN filter for the VF\n"
		"  vf N trust on|off              may change an administrator MAC\n"
		"  vf N spoofchk on|off|mac|vlan  anti-spoof checks\n"
		"  vf N link auto|up|down         link state the VF is told\n"
		"  vf N rxmode none|MODE[,MODE]   allowed: broadcast,multicast,promisc\n"
		"  vf N bind DRIVER|none          bind the VF to a kernel driver\n"
		"quit                             stop srnic-pfd\n");
}

/* The rest take no words: "quit now" is a typo, not a quit. */
static int
no_words(int argc, char **argv, FILE *out)
{
	if (argc == 1)
		return 0;
	fprintf(out, "'%s' takes no arguments, given '%s' (try: help)\n", argv[0], argv[1]);
	return -EINVAL;
}

int
pfd_pf_command(struct srnic_pf *pf, int argc, char **argv, FILE *out)
{
	char token[SRNIC_PF_TOKEN_LEN];
	int ret;

	if (strcmp(argv[0], "vf") == 0)
		return vf_command(pf, argc, argv, out);
	if (strcmp(argv[0], "stats") == 0)
		return stats(pf, argc, argv, out);
	if (strcmp(argv[0], "show") == 0)
		return no_words(argc, argv, out) < 0 ? -EINVAL : srnic_pf_dump(pf, out);
	if (strcmp(argv[0], "token") == 0) {
		if (no_words(argc, argv, out) < 0)
			return -EINVAL;
		ret = srnic_pf_vf_token_get(pf, token, sizeof(token));
		if (ret == 0)
			fprintf(out, "%s\n", token);
		return ret;
	}
	fprintf(out, "unknown command '%s' (try: help)\n", argv[0]);
	return -EINVAL;
}

/* The PF of @host called @name (or at PCI address @name); NULL, said on
 * @out, when none. */
static struct srnic_pf *
pf_named(struct pfd_host *host, const char *name, FILE *out)
{
	struct rte_pci_addr want, addr;
	bool pci = rte_pci_addr_parse(name, &want) == 0;
	unsigned int i;

	for (i = 0; i < host->nb_pf; i++) {
		if (strcmp(host->conf->pf[i].name, name) == 0)
			return host->pf[i];
		if (pci && rte_pci_addr_parse(host->conf->pf[i].pci, &addr) == 0 &&
		    rte_pci_addr_cmp(&want, &addr) == 0)
			return host->pf[i];
	}
	fprintf(out, "no PF '%s' here; the PFs are:", name);
	for (i = 0; i < host->nb_pf; i++)
		fprintf(out, " %s (%s)", host->conf->pf[i].name, host->conf->pf[i].pci);
	fprintf(out, "\n");
	return NULL;
}

/* "show" with no PF named: each PF under a line naming it. */
static int
show_all(struct pfd_host *host, FILE *out)
{
	unsigned int i;
	int ret;

	for (i = 0; i < host->nb_pf; i++) {
		fprintf(out, "pf %s (%s):\n", host->conf->pf[i].name, host->conf->pf[i].pci);
		ret = srnic_pf_dump(host->pf[i], out);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int
pfd_command(struct pfd_host *host, int argc, char **argv, FILE *out)
{
	struct srnic_pf *pf;

	if (argc == 0)
		return 0;
	if (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "quit") == 0) {
		if (no_words(argc, argv, out) < 0)
			return -EINVAL;
		if (argv[0][0] == 'h')
			help(out);
		else
			pfd_quit = true;
		return 0;
	}
	if (strcmp(argv[0], "show") == 0 && host->nb_pf != 1)
		return no_words(argc, argv, out) < 0 ? -EINVAL : show_all(host, out);
	if (strcmp(argv[0], "pf") == 0) {
		if (argc < 3) {
			fprintf(out, "usage: pf NAME show|token|stats VF|vf N ... (try: help)\n");
			return -EINVAL;
		}
		pf = pf_named(host, argv[1], out);
		return pf == NULL ? -ENODEV : pfd_pf_command(pf, argc - 2, argv + 2, out);
	}
	if (host->nb_pf != 1) {
		fprintf(out, "'%s': this srnic-pfd serves %u PFs; name one: pf NAME %s ... "
			"(show lists them)\n", argv[0], host->nb_pf, argv[0]);
		return -EINVAL;
	}
	return pfd_pf_command(host->pf[0], argc, argv, out);
}

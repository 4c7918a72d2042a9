/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd: opens one PF with librte_srnic_pf, creates and configures its
 * VFs from a configuration file, serves their mailbox, and takes changes at
 * run time as one-line commands on a UNIX socket.
 */
#ifndef PFD_H
#define PFD_H

#include <stdbool.h>
#include <stdio.h>

#include <rte_srnic_pf.h>

#define PFD_DEFAULT_SOCKET	"/run/srnic-pfd.sock"
#define PFD_MAX_ARGS		16
#define PFD_LINE_LEN		512

/* What the [pf] section says. */
struct pfd_conf {
	char pci[SRNIC_PF_NAME_LEN];
	int vfs;			/* -1: leave the VFs as they are */
	char token[SRNIC_PF_TOKEN_LEN];	/* "" for a random one */
	char socket[108];
	bool backoff;			/* wait = backoff */
	bool remove_vfs_on_exit;
};

/* pfd_commands.c: run one command (split into words) on @pf; output and
 * errors go to @out. Returns 0 or a negative errno. */
int pfd_command(struct srnic_pf *pf, int argc, char **argv, FILE *out);
/* Split @line into at most PFD_MAX_ARGS words (modifies @line). */
int pfd_split(char *line, char **argv);
/* "quit" was asked for. */
extern volatile bool pfd_quit;

/* pfd_config.c: read the [pf] section of @path into @conf. */
int pfd_config_pf(const char *path, struct pfd_conf *conf);
/* Apply every [vf N] section of @path to @pf, as commands. */
int pfd_config_vfs(const char *path, struct srnic_pf *pf);

/* pfd_ctl.c: the control socket. */
int pfd_ctl_listen(const char *path);
/* Serve one connection on listening socket @lfd: read a command, answer. */
void pfd_ctl_serve(int lfd, struct srnic_pf *pf);
/* Client side: send @cmd to the daemon at @path, print the answer. */
int pfd_ctl_client(const char *path, int argc, char **argv);

#endif /* PFD_H */

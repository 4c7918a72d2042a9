/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd: opens the PFs of its configuration file with librte_srnic_pf,
 * creates and configures their VFs, serves their mailboxes from one thread,
 * and takes changes at run time as one-line commands on a UNIX socket.
 */
#ifndef PFD_H
#define PFD_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/un.h>

#include <rte_cfgfile.h>
#include <rte_srnic_pf.h>

#define PFD_MAX_ARGS		16
#define PFD_LINE_LEN		512
#define PFD_SOCKET_LEN		sizeof(((struct sockaddr_un *)NULL)->sun_path)

/* A [vf N] setting, "key = value", kept from the file to the PF. */
struct pfd_vf_setting {
	uint16_t vf;
	char key[CFG_NAME_LEN];
	char value[CFG_VALUE_LEN];
};

#define PFD_MAX_PFS		16	/* PFs one daemon serves */
#define PFD_NAME_LEN		32	/* a PF's name in commands: [pf NAME] */

/* A PF section of the configuration file: [pf] or [pf NAME]. */
struct pfd_pf_conf {
	char name[PFD_NAME_LEN];	/* NAME; for [pf], the PCI address */
	bool named;			/* [pf NAME]: its VFs are [vf NAME N] */
	char pci[SRNIC_PF_NAME_LEN];	/* long form: 0000:01:00.0 */
	int vfs;			/* -1: leave the VFs as they are */
	char token[SRNIC_PF_TOKEN_LEN];	/* "" for a random one */
	bool backoff;			/* wait = backoff */
	bool remove_vfs_on_exit;
	uint16_t vlans_per_vf;		/* 0: the library derives it */
	struct pfd_vf_setting *vf;	/* the [vf N] settings, in file order */
	unsigned int nb_vf;
};

/* The configuration file, checked whole. */
struct pfd_conf {
	char socket[PFD_SOCKET_LEN];	/* "": the default (pfd_sock_default) */
	struct pfd_pf_conf pf[PFD_MAX_PFS];	/* in file order */
	unsigned int nb_pf;
};

/* What the daemon serves: the PFs of its configuration, opened. */
struct pfd_host {
	const struct pfd_conf *conf;	/* their names */
	struct srnic_pf *pf[PFD_MAX_PFS];	/* conf->pf[i], or NULL */
	unsigned int nb_pf;
	const struct pfd_sock *sock;	/* its control socket, to hand over */
	bool handed_over;		/* another daemon serves the PFs now */
};

/*
 * pfd_commands.c: run one command (split into words) on @host; output and
 * errors go to @out. "pf NAME ..." picks a PF by name or PCI address; with
 * one PF that prefix may be left out. Returns 0 or a negative errno.
 */
int pfd_command(struct pfd_host *host, int argc, char **argv, FILE *out);
/* One PF's commands (vf, stats, token, show) on @pf. */
int pfd_pf_command(struct srnic_pf *pf, int argc, char **argv, FILE *out);
/* Check the words of a "vf N ..." command without running it. */
int pfd_vf_check(int argc, char **argv, FILE *out);
/* Split @line into at most PFD_MAX_ARGS words (modifies @line); -1 when
 * there are more. */
int pfd_split(char *line, char **argv);
/* @s as a number in 0..@max (digits only); else -EINVAL, said on @out if
 * not NULL. */
int pfd_number(const char *s, unsigned long max, unsigned long *val, FILE *out);
/* @s as on|yes|1 or off|no|0; else -EINVAL, said on @out if not NULL. */
int pfd_on_off(const char *s, bool *on, FILE *out);
/* "quit" was asked for. */
extern volatile bool pfd_quit;

/* Where pfd_note() writes; NULL means stdout (tests move it off TAP). */
extern FILE *pfd_note_stream;
/* One line of the daemon's commentary, "srnic-pfd: " and a newline added. */
void pfd_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * pfd_config.c: read and check the whole file @path into @conf. Returns 0,
 * or a negative errno with each refusal said on stderr. pfd_conf_free
 * releases what it holds.
 */
int pfd_config_load(const char *path, struct pfd_conf *conf);
/* Apply the [vf N] settings of PF @pfc (read from @path) to @pf, in order. */
int pfd_config_apply(const struct pfd_pf_conf *pfc, const char *path, struct srnic_pf *pf);
void pfd_conf_free(struct pfd_conf *conf);

/*
 * pfd_sock.c: the control socket's file. By default named after the PF's
 * PCI address when the daemon serves one PF (PFD_SOCKET_HOST when more);
 * a path a live daemon answers on is never taken over.
 */
#define PFD_SOCKET_PREFIX	"/run/srnic-pfd-"
#define PFD_SOCKET_HOST		"/run/srnic-pfd.sock"

struct pfd_sock {
	char path[PFD_SOCKET_LEN];
	int fd;				/* listening; -1 when none */
	dev_t dev;			/* the file bind(2) made, to remove */
	ino_t ino;			/*   it only while it is still ours */
};

/* @path := PFD_SOCKET_PREFIX "<domain:bus:dev.fn>.sock" for a daemon of
 * the one PF @pci, PFD_SOCKET_HOST for one of several (@pci NULL).
 * Returns 0, or -EINVAL (said on stderr) when @pci is no PCI address. */
int pfd_sock_default(const char *pci, char *path, size_t len);
/* @sa := the address of @path; -ENAMETOOLONG (said on stderr). */
int pfd_sock_addr(const char *path, struct sockaddr_un *sa);
/* A connection to the daemon at @path, or a negative errno (a path too
 * long is said on stderr). */
int pfd_sock_connect(const char *path);
/* Write all of @buf to socket @fd; false when it could not. */
bool pfd_sock_send(int fd, const char *buf, size_t len);
/*
 * Listen on @path, created with mode 0600. Refuses (-EADDRINUSE) when a
 * daemon answers there, and (-EEXIST) when @path is no socket; removes a
 * socket nobody answers on (left by a daemon that died). Returns 0 or a
 * negative errno, said on stderr.
 */
int pfd_sock_listen(struct pfd_sock *s, const char *path);
/* Stop listening; remove the socket file if it is still the one made. */
void pfd_sock_close(struct pfd_sock *s);
/* Stop listening, leaving the file to the daemon that took it over. */
void pfd_sock_forget(struct pfd_sock *s);

/*
 * pfd_ctl.c: the connections of the control socket. Each is non-blocking
 * and must bring its whole line within PFD_CTL_LINE_MS, or it is refused
 * and closed: no client holds up the loop that serves the VFs.
 */
#define PFD_CTL_CLIENTS		4	/* connections served at once */
#define PFD_CTL_FDS		(1 + PFD_CTL_CLIENTS)	/* descriptors it polls */
#define PFD_CTL_LINE_MS		1000

struct pfd_ctl_conn {
	int fd;				/* -1: slot free */
	uint64_t deadline_ms;		/* the line must be complete by then */
	size_t used;
	char line[PFD_LINE_LEN + 1];	/* a line, its newline and a NUL */
};

struct pfd_ctl {
	int lfd;			/* listening socket */
	struct pfd_host *host;		/* what commands act on */
	struct pfd_ctl_conn conn[PFD_CTL_CLIENTS];
};

void pfd_ctl_init(struct pfd_ctl *c, int lfd, struct pfd_host *host);
/* Milliseconds on CLOCK_MONOTONIC: line deadlines, handover times. */
uint64_t pfd_now_ms(void);
/* Fill @fds (room for @max) with what to poll for; returns how many. */
int pfd_ctl_fds(const struct pfd_ctl *c, struct pollfd *fds, int max);
/* Serve what poll(2) found in @fds (as pfd_ctl_fds filled them), and
 * refuse the connections whose line is late. */
void pfd_ctl_run(struct pfd_ctl *c, const struct pollfd *fds, int n);
/* Milliseconds until the next line deadline, -1 when none. */
int pfd_ctl_timeout(const struct pfd_ctl *c);
/* Close every connection (not the listening socket). */
void pfd_ctl_fini(struct pfd_ctl *c);

/*
 * pfd_handover.c: upgrades without a PF reset. On the running daemon,
 * pfd_handover_give answers "handover PROTO" on connection @conn: returns
 * 1 once the new daemon took every PF (the caller then exits, releasing
 * them untouched), 0 when the old daemon goes on serving. On the new one,
 * pfd_handover_take asks the daemon at @path and fills @host and @sock;
 * returns 0, or a negative errno (said on stderr) with nothing taken.
 */
struct pfd_takeover {
	int pid;			/* the old daemon */
	uint64_t stopped_ms;		/* when it stopped serving (CLOCK_MONOTONIC) */
	uint64_t asked_ms;		/* when the new one asked */
};
int pfd_handover_give(struct pfd_host *host, int conn, int argc, char **argv);
int pfd_handover_take(const struct pfd_conf *conf, const char *path, struct pfd_host *host,
	struct pfd_sock *sock, struct pfd_takeover *t);

/* pfd_client.c: send @argv as one command to the daemon at @path, print
 * the answer. Returns the exit code: 0 on "ok", 1 on an error, 2 when
 * the daemon cannot be reached. */
int pfd_ctl_client(const char *path, int argc, char **argv);

/* pfd_loop.c: the daemon's one loop. */
struct pfd_loop {
	int stop_fd;			/* a signalfd: readable means stop; -1 */
	int event_fd[PFD_MAX_PFS];	/* the PFs' mailbox interrupts */
	unsigned int nb_event_fd;
	bool polled;			/* a PF has no interrupt: back off */
	struct pfd_ctl *ctl;
	int (*service)(void *arg);	/* > 0 when it did some work */
	void *arg;
};

/*
 * Sleep in poll(2) on the stop fd, the PFs' event fds and the control
 * socket, and call @service after each wake-up, until "quit" or a signal.
 * Returns the signal's number, 0 for "quit", or a negative errno.
 */
int pfd_loop_run(const struct pfd_loop *l);

#endif /* PFD_H */

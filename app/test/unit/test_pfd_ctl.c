/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd's control socket and loop against clients that misbehave: one
 * that hangs up before its answer, one that sends its line a byte at a
 * time or not at all, one whose line is too long. The loop runs on a
 * thread with a service function that stands for the PF's mailbox and
 * notes how long it went uncalled.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "pfd.h"

/* The longest the mailbox may go unserved while a client misbehaves: the
 * loop's own back-off is 64 ms; the rest is room for a loaded machine. */
#define SERVICE_GAP_MAX_MS	400

static struct pfd_sock sock;
static struct pfd_ctl ctl;
/* The commands these tests send touch no PF. */
static struct pfd_host no_pfs;
static pthread_t loop_thread;
static atomic_uint_fast64_t last_call_ms, max_gap_ms;

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
mailbox_service(void *arg)
{
	uint64_t now = now_ms(), gap = now - atomic_load(&last_call_ms);

	(void)arg;
	if (gap > atomic_load(&max_gap_ms))
		atomic_store(&max_gap_ms, gap);
	atomic_store(&last_call_ms, now);
	return 0;
}

static void *
run_loop(void *arg)
{
	struct pfd_loop loop = {
		.stop_fd = -1,
		.polled = true,
		.ctl = &ctl,
		.service = mailbox_service,
	};

	(void)arg;
	pfd_loop_run(&loop);
	return NULL;
}

static int
setup(void **state)
{
	char path[PFD_SOCKET_LEN];

	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_pfd_ctl.%d.sock", (int)getpid());
	assert_int_equal(pfd_sock_listen(&sock, path), 0);
	pfd_ctl_init(&ctl, sock.fd, &no_pfs);
	pfd_quit = false;
	atomic_store(&last_call_ms, now_ms());
	assert_int_equal(pthread_create(&loop_thread, NULL, run_loop, NULL), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pfd_quit = true;
	pthread_join(loop_thread, NULL);
	pfd_ctl_fini(&ctl);
	pfd_sock_close(&sock);
	return 0;
}

static int
client(void)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(pfd_sock_addr(sock.path, &sa), 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

/* Read the answer on @fd until the daemon closes it or @ms pass. */
static size_t
answer(int fd, char *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t used = 0;
	ssize_t n;

	while (used < len - 1 && poll(&p, 1, ms) == 1) {
		n = read(fd, buf + used, len - 1 - used);
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	return used;
}

static bool
ends_in(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* "help" through a new connection: the daemon still answers. */
static void
assert_daemon_answers(void)
{
	char buf[4096];
	int fd = client();

	assert_true(pfd_sock_send(fd, "help\n", 5));
	answer(fd, buf, sizeof(buf), 2000);
	close(fd);
	assert_true(ends_in(buf, "\nok\n"));
}

static void
a_client_that_hangs_up_before_its_answer_does_not_stop_the_daemon(void **state)
{
	int fd = client();

	(void)state;
	/* The answer to "help" then meets a closed socket. */
	assert_true(pfd_sock_send(fd, "help\n", 5));
	close(fd);
	usleep(200 * 1000);
	assert_daemon_answers();
}

static void
a_client_that_dribbles_its_line_neither_delays_the_mailbox_nor_stays(void **state)
{
	uint64_t start, closed = 0;
	char buf[512];
	int fd = client(), i;

	(void)state;
	start = now_ms();
	atomic_store(&max_gap_ms, 0);
	/* A byte every 50 ms for 2 s: never a whole line. */
	for (i = 0; i < 40 && closed == 0; i++) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 0) == 1 || send(fd, "x", 1, MSG_NOSIGNAL) != 1)
			closed = now_ms();
		usleep(50 * 1000);
		/* Another client is served meanwhile. */
		if (i == 5)
			assert_daemon_answers();
	}
	assert_true(atomic_load(&max_gap_ms) < SERVICE_GAP_MAX_MS);
	assert_true(closed != 0);
	assert_true(closed - start >= PFD_CTL_LINE_MS);
	assert_true(closed - start < PFD_CTL_LINE_MS + 500);
	answer(fd, buf, sizeof(buf), 100);
	close(fd);
	assert_non_null(strstr(buf, "error: "));
}

static void
a_silent_client_is_closed_after_the_line_deadline(void **state)
{
	uint64_t start = now_ms(), took;
	char buf[512];
	int fd = client();

	(void)state;
	answer(fd, buf, sizeof(buf), PFD_CTL_LINE_MS + 1000);
	took = now_ms() - start;
	close(fd);
	assert_true(took >= PFD_CTL_LINE_MS && took < PFD_CTL_LINE_MS + 500);
	assert_true(strncmp(buf, "error: ", 7) == 0);
	assert_daemon_answers();
}

static void
an_over_long_line_is_refused_and_not_run(void **state)
{
	char line[PFD_LINE_LEN + 64], buf[512];
	int fd = client();

	(void)state;
	/* "quit" and spaces: cut at any length, the rest still says quit. */
	memset(line, ' ', sizeof(line));
	memcpy(line, "quit", 4);
	line[sizeof(line) - 1] = '\n';
	assert_true(pfd_sock_send(fd, line, sizeof(line)));
	answer(fd, buf, sizeof(buf), 2000);
	close(fd);
	assert_true(strncmp(buf, "error: ", 7) == 0);
	assert_false(pfd_quit);
	assert_daemon_answers();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(a_client_that_hangs_up_before_its_answer_does_not_stop_the_daemon),
		T(a_client_that_dribbles_its_line_neither_delays_the_mailbox_nor_stays),
		T(a_silent_client_is_closed_after_the_line_deadline),
		T(an_over_long_line_is_refused_and_not_run),
#undef T
	};

	/* As the daemon runs: a write to a closed socket raises SIGPIPE. */
	signal(SIGPIPE, SIG_DFL);
	/* The daemon's commentary would break the TAP stream on stdout. */
	pfd_note_stream = stderr;
	return cmocka_run_group_tests_name("pfd_ctl", tests, NULL, NULL);
}

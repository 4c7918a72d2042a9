/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srnic-pfd's control socket file: named after the PF by default, never
 * taken from a daemon that answers on it, taken back from one that died,
 * root only from the start, and removed at exit only while it is ours.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pfd.h"

static char path[PFD_SOCKET_LEN];

static int
setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_pfd_sock.%d.sock", (int)getpid());
	unlink(path);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* A socket bound at @path, listening when @live: another daemon, alive or dead. */
static int
other_daemon(bool live)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(pfd_sock_addr(path, &sa), 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	if (live)
		assert_int_equal(listen(fd, 1), 0);
	return fd;
}

static ino_t
inode(void)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

static void
the_default_socket_is_named_after_the_pf_or_the_host(void **state)
{
	char p[PFD_SOCKET_LEN];

	(void)state;
	assert_int_equal(pfd_sock_default("0000:01:00.0", p, sizeof(p)), 0);
	assert_string_equal(p, "/run/srnic-pfd-0000:01:00.0.sock");
	/* The short form names the same PF, so the same socket. */
	assert_int_equal(pfd_sock_default("01:00.0", p, sizeof(p)), 0);
	assert_string_equal(p, "/run/srnic-pfd-0000:01:00.0.sock");
	assert_int_equal(pfd_sock_default("0000:02:00.1", p, sizeof(p)), 0);
	assert_string_equal(p, "/run/srnic-pfd-0000:02:00.1.sock");
	assert_int_equal(pfd_sock_default("eth0", p, sizeof(p)), -EINVAL);
	/* A daemon of several PFs has one socket for the host. */
	assert_int_equal(pfd_sock_default(NULL, p, sizeof(p)), 0);
	assert_string_equal(p, "/run/srnic-pfd.sock");
}

static void
a_live_daemon_keeps_its_socket(void **state)
{
	struct pfd_sock s;
	int first = other_daemon(true), fd;
	ino_t ino = inode();

	(void)state;
	assert_int_equal(pfd_sock_listen(&s, path), -EADDRINUSE);
	assert_int_equal(s.fd, -1);
	assert_int_equal(inode(), ino);
	/* And it still gets its clients. */
	fd = accept4(first, NULL, NULL, SOCK_NONBLOCK);	/* the probe */
	if (fd >= 0)
		close(fd);
	close(first);
}

static void
a_socket_left_by_a_dead_daemon_is_taken_over(void **state)
{
	struct pfd_sock s;

	(void)state;
	close(other_daemon(false));
	assert_int_equal(pfd_sock_listen(&s, path), 0);
	pfd_sock_close(&s);
	assert_int_equal(access(path, F_OK), -1);
}

static void
a_file_that_is_no_socket_is_left_alone(void **state)
{
	struct pfd_sock s;
	int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(pfd_sock_listen(&s, path), -EEXIST);
	assert_int_equal(access(path, F_OK), 0);
}

static void
the_socket_is_root_only_whatever_the_umask(void **state)
{
	struct pfd_sock s;
	struct stat st;
	mode_t old = umask(0);

	(void)state;
	assert_int_equal(pfd_sock_listen(&s, path), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(umask(old), 0);	/* given back as it was */
	pfd_sock_close(&s);
}

static void
the_socket_is_removed_at_exit_only_while_it_is_ours(void **state)
{
	struct pfd_sock s;
	int other;

	(void)state;
	assert_int_equal(pfd_sock_listen(&s, path), 0);
	pfd_sock_close(&s);
	assert_int_equal(access(path, F_OK), -1);
	/* Someone removed it and another daemon made its own meanwhile. */
	assert_int_equal(pfd_sock_listen(&s, path), 0);
	unlink(path);
	other = other_daemon(true);
	pfd_sock_close(&s);
	assert_int_equal(access(path, F_OK), 0);
	close(other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(the_default_socket_is_named_after_the_pf_or_the_host),
		T(a_live_daemon_keeps_its_socket),
		T(a_socket_left_by_a_dead_daemon_is_taken_over),
		T(a_file_that_is_no_socket_is_left_alone),
		T(the_socket_is_root_only_whatever_the_umask),
		T(the_socket_is_removed_at_exit_only_while_it_is_ours),
#undef T
	};

	/* The daemon's commentary would break the TAP stream on stdout. */
	pfd_note_stream = stderr;
	return cmocka_run_group_tests_name("pfd_sock", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The daemon's running commentary (commands, refusals, socket clean-up):
 * one line each, on stdout by default so that an operator's journal has
 * it, and flushed at once so that it interleaves with EAL's own log.
 */
#include <stdarg.h>
#include <stdio.h>

#include "pfd.h"

FILE *pfd_note_stream;

void
pfd_note(const char *fmt, ...)
{
	FILE *f = pfd_note_stream != NULL ? pfd_note_stream : stdout;
	va_list ap;

	fputs("srnic-pfd: ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
}

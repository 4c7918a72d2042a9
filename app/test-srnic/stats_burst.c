/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --record-burst-stats: one line a direction saying how full the bursts
 * were, in testpmd's form: the share of empty bursts, then of the two
 * most frequent sizes, then of all others.
 */
#include <inttypes.h>

#include "testpmd.h"

#define SHOWN	3	/* empty bursts and the two most frequent sizes */

void
burst_spread_print(FILE *f, const char *dir, const struct burst_spread *b)
{
	uint64_t total = b->count[0], seen = 0, top[SHOWN] = { b->count[0], 0, 0 };
	unsigned int size[SHOWN] = { 0, 0, 0 }, i;
	int pct_sum = 0;

	for (i = 1; i <= TP_MAX_BURST; i++) {
		total += b->count[i];
		if (b->count[i] > top[1]) {
			top[2] = top[1];
			size[2] = size[1];
			top[1] = b->count[i];
			size[1] = i;
		} else if (b->count[i] > top[2]) {
			top[2] = b->count[i];
			size[2] = i;
		}
	}
	if (total == 0)
		return;
	fprintf(f, "  %s-bursts : %" PRIu64 " [", dir, total);
	for (i = 0; i < SHOWN; i++) {
		int pct;

		seen += top[i];
		/* The last share shown takes what rounding left, so all add to 100. */
		if (seen == total) {
			fprintf(f, "%d%% of %u pkts]\n", 100 - pct_sum, size[i]);
			return;
		}
		pct = (int)(top[i] * 100 / total);
		fprintf(f, "%d%% of %u pkts + ", pct, size[i]);
		pct_sum += pct;
	}
	fprintf(f, "%d%% of other]\n", 100 - pct_sum);
}

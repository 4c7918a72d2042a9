/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bulk mbuf moves between a queue and the lcore's mempool cache, for the
 * burst paths. They do what rte_mempool_get_bulk/put_bulk do when the cache
 * covers the batch, with one memcpy: the pool's own code copies a get one
 * pointer at a time in reverse (so the hottest object comes first, an
 * order that means nothing to a ring of empty buffers) and a put with
 * rte_memcpy built for the baseline CPU. Anything else (no cache, not
 * enough objects, the flush threshold) goes through the pool's own code.
 */
#ifndef SRNIC_MEMPOOL_H
#define SRNIC_MEMPOOL_H

#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

/* 0, or a negative errno with nothing taken. */
static inline int
srnic_mbufs_get(struct rte_mempool *mp, struct rte_mbuf **objs, unsigned int n)
{
	struct rte_mempool_cache *cache = rte_mempool_default_cache(mp, rte_lcore_id());

	if (likely(cache != NULL && cache->len >= n)) {
		cache->len -= n;
		memcpy(objs, &cache->objs[cache->len], n * sizeof(*objs));
		return 0;
	}
	return rte_mempool_get_bulk(mp, (void **)objs, n);
}

/* @objs: raw mbufs of @mp (refcnt 1, unchained), as rte_mempool_put_bulk
 * takes them. */
static inline void
srnic_mbufs_put(struct rte_mempool *mp, struct rte_mbuf *const *objs, unsigned int n)
{
	struct rte_mempool_cache *cache = rte_mempool_default_cache(mp, rte_lcore_id());

	if (likely(cache != NULL && cache->len + n <= cache->flushthresh)) {
		memcpy(&cache->objs[cache->len], objs, n * sizeof(*objs));
		cache->len += n;
		return;
	}
	rte_mempool_put_bulk(mp, (void * const *)objs, n);
}

#endif /* SRNIC_MEMPOOL_H */

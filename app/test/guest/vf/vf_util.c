/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_pci.h>

#include "vf_util.h"

#define BURST 32

int vf_failures;

bool
vf_check(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", cond ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		vf_failures++;
	return cond;
}

int
vf_port_find(const char *pci, uint16_t *port_id)
{
	struct rte_pci_addr addr;
	char name[RTE_ETH_NAME_MAX_LEN];

	/* Ports are named by the full address: "0000:01:10.0". */
	if (rte_pci_addr_parse(pci, &addr) != 0)
		return -EINVAL;
	rte_pci_device_name(&addr, name, sizeof(name));
	return rte_eth_dev_get_port_by_name(name, port_id);
}

int
vf_port_open(const char *pci, struct rte_mempool *rx_pool, const struct vf_port_opts *o,
	uint16_t *port_id)
{
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	int ret;

	ret = vf_port_find(pci, port_id);
	if (ret < 0)
		return ret;
	ret = rte_eth_dev_info_get(*port_id, &info);
	if (ret < 0)
		return ret;
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mtu = o->mtu;
	conf.rxmode.offloads = o->rx_offloads;
	conf.txmode.offloads = o->tx_offloads;
	/* Ethdev raises link-change callbacks only when asked, and refuses
	 * the request from a driver that cannot raise them. */
	if (info.dev_flags != NULL && (*info.dev_flags & RTE_ETH_DEV_INTR_LSC))
		conf.intr_conf.lsc = 1;
	ret = rte_eth_dev_configure(*port_id, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(*port_id, 0, o->nb_desc, SOCKET_ID_ANY, NULL, rx_pool);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(*port_id, 0, o->nb_desc, SOCKET_ID_ANY, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(*port_id);
	if (ret < 0)
		vf_port_close(*port_id);
	return ret;
}

int
vf_port_close(uint16_t port_id)
{
	int ret = rte_eth_dev_stop(port_id);

	if (ret < 0)
		return ret;
	return rte_eth_dev_close(port_id);
}

static uint64_t
ms_to_cycles(uint32_t ms)
{
	return rte_get_timer_hz() / 1000 * ms;
}

static void
receive_some(uint16_t rx, const struct vf_frame_spec *spec, struct vf_traffic *res,
	uint64_t *expect_seq)
{
	struct rte_mbuf *pkts[BURST];
	char why[128];
	uint16_t n, i;

	n = rte_eth_rx_burst(rx, 0, pkts, BURST);
	for (i = 0; i < n; i++) {
		uint64_t seq;

		if (!vf_frame_check(pkts[i], spec, &seq, why, sizeof(why)) || seq != *expect_seq) {
			if (res->bad++ < 5)
				printf("bad frame %lu: %s (expected seq %lu)\n",
					(unsigned long)res->received, why,
					(unsigned long)*expect_seq);
		}
		*expect_seq = seq + 1;
		res->received++;
		res->bytes += pkts[i]->pkt_len;
		rte_pktmbuf_free(pkts[i]);
	}
}

void
vf_traffic_run(uint16_t tx, uint16_t rx, struct rte_mempool *tx_pool,
	const struct vf_frame_spec *spec, uint64_t count, uint16_t window, uint32_t idle_ms,
	struct vf_traffic *res)
{
	uint64_t last_progress = rte_get_timer_cycles(), expect_seq = 0;
	struct rte_mbuf *pkts[BURST];

	memset(res, 0, sizeof(*res));
	while (res->received < count) {
		uint64_t before = res->received + res->sent;

		if (res->sent < count && res->sent - res->received + BURST <= window) {
			uint16_t want = (uint16_t)RTE_MIN((uint64_t)BURST, count - res->sent);
			uint16_t i, n;

			for (i = 0; i < want; i++) {
				pkts[i] = vf_frame_build(tx_pool, spec, res->sent + i);
				if (pkts[i] == NULL)
					break;
			}
			n = rte_eth_tx_burst(tx, 0, pkts, i);
			res->sent += n;
			while (n < i)
				rte_pktmbuf_free(pkts[n++]);
		}
		receive_some(rx, spec, res, &expect_seq);
		if (res->received + res->sent != before)
			last_progress = rte_get_timer_cycles();
		else if (rte_get_timer_cycles() - last_progress > ms_to_cycles(idle_ms))
			break;
	}
}

uint64_t
vf_drain(uint16_t rx, uint32_t ms)
{
	uint64_t end = rte_get_timer_cycles() + ms_to_cycles(ms), got = 0;
	struct rte_mbuf *pkts[BURST];

	while (rte_get_timer_cycles() < end) {
		uint16_t n = rte_eth_rx_burst(rx, 0, pkts, BURST), i;

		for (i = 0; i < n; i++)
			rte_pktmbuf_free(pkts[i]);
		got += n;
		if (n == 0)
			rte_delay_us_sleep(1000);
	}
	return got;
}

void
vf_check_pools_full(struct rte_mempool *const *pools, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		vf_check(rte_mempool_avail_count(pools[i]) == pools[i]->size,
			"mempool %s back to %u mbufs after close (has %u)", pools[i]->name,
			pools[i]->size, rte_mempool_avail_count(pools[i]));
}

/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The port lifecycle through ethdev (configure, start, stop, reset, close)
 * over the fake NIC, where a queue does not stop: the stop says so, the
 * queue's mbufs stay with the NIC, and the reset or close that ends the
 * NIC's DMA gives every one of them back.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fake_nic.h"
#include "rte_pmd_srnic.h"
#include "srnic_dev.h"
#include "srnic_logs.h"
#include "test_eal.h"
#include "test_port.h"

#define POOL_SIZE	511
#define NB_DESC		64
#define NB_TX_PKTS	20

static struct rte_mempool *pool;	/* 2048-byte buffers, no cache */
static struct fake_nic nic;
static int port_id;
static int reset_events;
/* What the driver logged since the test began. */
static char *log_text;
static size_t log_len;
static FILE *log_stream;

static int
setup(void **state)
{
	(void)state;
	port_id = test_port_create(&nic, "srnic_lifecycle");
	if (port_id < 0)
		return -1;
	reset_events = 0;
	rte_eth_dev_callback_register(port_id, RTE_ETH_EVENT_INTR_RESET, test_port_count_event,
		&reset_events);
	log_stream = open_memstream(&log_text, &log_len);
	rte_openlog_stream(log_stream);
	rte_log_set_level(srnic_logtype_driver, RTE_LOG_ERR);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	rte_log_set_level(srnic_logtype_driver, RTE_LOG_CRIT);
	rte_openlog_stream(NULL);
	fclose(log_stream);
	free(log_text);
	if (rte_eth_dev_is_valid_port(port_id)) {
		assert_int_equal(rte_eth_dev_stop(port_id), 0);
		assert_int_equal(rte_eth_dev_close(port_id), 0);
	}
	fake_nic_fini(&nic);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	return 0;
}

static const char *
logged(void)
{
	fflush(log_stream);
	return log_text;
}

/* One RX and one TX queue started, NB_TX_PKTS frames queued that the NIC
 * never sends: NB_DESC + NB_TX_PKTS mbufs out of the pool. */
static void
start_with_frames_in_flight(void)
{
	struct rte_eth_conf conf = { 0 };
	struct rte_mbuf *pkts[NB_TX_PKTS];
	uint16_t i;

	assert_int_equal(rte_eth_dev_configure(port_id, 1, 1, &conf), 0);
	assert_int_equal(rte_eth_rx_queue_setup(port_id, 0, NB_DESC, SOCKET_ID_ANY, NULL,
		pool), 0);
	assert_int_equal(rte_eth_tx_queue_setup(port_id, 0, NB_DESC, SOCKET_ID_ANY, NULL), 0);
	assert_int_equal(rte_eth_dev_start(port_id), 0);
	for (i = 0; i < NB_TX_PKTS; i++) {
		pkts[i] = rte_pktmbuf_alloc(pool);
		assert_non_null(pkts[i]);
		assert_non_null(rte_pktmbuf_append(pkts[i], 64));
	}
	assert_int_equal(rte_eth_tx_burst(port_id, 0, pkts, NB_TX_PKTS), NB_TX_PKTS);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - NB_DESC - NB_TX_PKTS);
}

static struct srnic_port *
port_of(void)
{
	struct srnic_port *port;

	assert_int_equal(srnic_port_lookup(port_id, &port), 0);
	return port;
}

/* What a queue stop that timed out leaves: no mbuf back in the pool, the
 * driver's message, and the port marked for reset. */
static void
assert_kept_and_reported(const char *message)
{
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - NB_DESC - NB_TX_PKTS);
	assert_non_null(strstr(logged(), message));
	assert_int_equal(rte_pmd_srnic_reset_needed(port_id), 1);
}

static void
stuck_rx_queue_stop_keeps_its_mbufs_and_says_so(void **state)
{
	struct srnic_port *port;

	(void)state;
	start_with_frames_in_flight();
	port = port_of();
	fake_nic_hold_enable(&nic, IGB_VF_RXDCTL(0));
	assert_int_equal(srnic_rxq_stop(port, port->rxq[0]), -ETIMEDOUT);
	assert_true(port->rxq[0]->held_by_nic);
	assert_kept_and_reported("RX queue 0 did not stop within 10 ms; its 64 buffers "
		"stay with the NIC until rte_eth_dev_reset()");
	/* It may not start again with the NIC still on its ring. */
	assert_int_equal(srnic_rxq_start(port, port->rxq[0]), -EIO);
}

static void
stuck_tx_queue_stop_keeps_its_mbufs_and_says_so(void **state)
{
	struct srnic_port *port;

	(void)state;
	start_with_frames_in_flight();
	port = port_of();
	fake_nic_hold_enable(&nic, IGB_VF_TXDCTL(0));
	assert_int_equal(srnic_txq_stop(port, port->txq[0]), -ETIMEDOUT);
	assert_true(port->txq[0]->held_by_nic);
	assert_kept_and_reported("TX queue 0 did not stop within 10 ms; the packets it "
		"holds stay with the NIC until rte_eth_dev_reset()");
	assert_int_equal(srnic_txq_start(port, port->txq[0]), -EIO);
}

/* Stop with both queues stuck: the port stops, the queues' mbufs stay out,
 * and the application hears that the port needs a reset. */
static void
stop_both_queues_stuck(void)
{
	fake_nic_hold_enable(&nic, IGB_VF_RXDCTL(0));
	fake_nic_hold_enable(&nic, IGB_VF_TXDCTL(0));
	assert_int_equal(rte_eth_dev_stop(port_id), 0);
	assert_kept_and_reported("RX queue 0 did not stop");
	assert_non_null(strstr(logged(), "TX queue 0 did not stop"));
	assert_int_equal(rte_pmd_srnic_check_events(port_id), 0);
	assert_int_equal(reset_events, 1);
	assert_int_equal(rte_eth_dev_start(port_id), -EIO);
}

static void
reset_gives_back_what_stuck_queues_kept_and_the_port_starts_again(void **state)
{
	(void)state;
	start_with_frames_in_flight();
	stop_both_queues_stuck();
	assert_int_equal(rte_eth_dev_reset(port_id), 0);
	assert_int_equal(nic.resets, 2);	/* probe's, then this one */
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	assert_int_equal(rte_pmd_srnic_reset_needed(port_id), 0);
	assert_int_equal(rte_eth_dev_start(port_id), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - NB_DESC);
	assert_int_equal(rte_eth_dev_stop(port_id), 0);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static void
failed_reset_keeps_what_stuck_queues_kept(void **state)
{
	(void)state;
	start_with_frames_in_flight();
	stop_both_queues_stuck();
	nic.pf_silent = true;
	assert_int_equal(rte_eth_dev_reset(port_id), -ETIMEDOUT);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE - NB_DESC - NB_TX_PKTS);
	assert_int_equal(rte_pmd_srnic_reset_needed(port_id), 1);
}

static void
close_gives_back_what_stuck_queues_kept(void **state)
{
	(void)state;
	start_with_frames_in_flight();
	stop_both_queues_stuck();
	assert_int_equal(rte_eth_dev_close(port_id), 0);
	assert_int_equal(nic.resets, 2);
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

/* RX interrupts need a vector per queue, which EAL gives only to a VF on
 * vfio-pci with MSI-X (this test port has no interrupt handle): refused at
 * configure, saying why. */
static void
rx_interrupts_without_msix_vectors_are_refused(void **state)
{
	struct rte_eth_conf conf = { .intr_conf.rxq = 1 };

	(void)state;
	assert_int_equal(rte_eth_dev_configure(port_id, 1, 1, &conf), -ENOTSUP);
	assert_non_null(strstr(logged(), "RX interrupts need a vector per queue"));
}

/* Arming RX queue q unmasks MSI-X vector 1 + q (the one EAL pairs with
 * that queue's eventfd); disarming masks it. */
static void
rx_interrupt_arm_and_disarm_use_the_queue_vector(void **state)
{
	struct rte_eth_conf conf = { 0 };
	uint16_t q;

	(void)state;
	assert_int_equal(rte_eth_dev_configure(port_id, 2, 1, &conf), 0);
	for (q = 0; q < 2; q++)
		assert_int_equal(rte_eth_rx_queue_setup(port_id, q, NB_DESC, SOCKET_ID_ANY,
			NULL, pool), 0);
	assert_int_equal(rte_eth_tx_queue_setup(port_id, 0, NB_DESC, SOCKET_ID_ANY, NULL), 0);
	assert_int_equal(rte_eth_dev_rx_intr_enable(port_id, 0), 0);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_EIMS), 1u << 1);
	assert_int_equal(rte_eth_dev_rx_intr_enable(port_id, 1), 0);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_EIMS), 1u << 2);
	assert_int_equal(rte_eth_dev_rx_intr_disable(port_id, 1), 0);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_EIMC), 1u << 2);
	assert_int_equal(rte_eth_dev_rx_intr_disable(port_id, 0), 0);
	assert_int_equal(fake_nic_reg(&nic, IGB_VF_EIMC), 1u << 1);
	assert_int_equal(rte_eth_dev_rx_intr_enable(port_id, 2), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(stuck_rx_queue_stop_keeps_its_mbufs_and_says_so),
		T(stuck_tx_queue_stop_keeps_its_mbufs_and_says_so),
		T(reset_gives_back_what_stuck_queues_kept_and_the_port_starts_again),
		T(failed_reset_keeps_what_stuck_queues_kept),
		T(close_gives_back_what_stuck_queues_kept),
		T(rx_interrupts_without_msix_vectors_are_refused),
		T(rx_interrupt_arm_and_disarm_use_the_queue_vector),
#undef T
	};

	test_eal_init("test_srnic_ethdev");
	pool = rte_pktmbuf_pool_create("unit", POOL_SIZE, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
		SOCKET_ID_ANY);
	if (pool == NULL)
		return 1;
	return cmocka_run_group_tests_name("srnic_ethdev", tests, NULL, NULL);
}

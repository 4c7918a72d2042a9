/* SPDX-License-Identifier: BSD-3-Clause */
#include "srnic_logs.h"

RTE_LOG_REGISTER(srnic_logtype_init, pmd.net.srnic.init, NOTICE);
RTE_LOG_REGISTER(srnic_logtype_driver, pmd.net.srnic.driver, NOTICE);
RTE_LOG_REGISTER(srnic_logtype_mbox, pmd.net.srnic.mbox, NOTICE);
#ifdef SRNIC_DEBUG_DATAPATH
RTE_LOG_REGISTER(srnic_logtype_rx, pmd.net.srnic.rx, DEBUG);
RTE_LOG_REGISTER(srnic_logtype_tx, pmd.net.srnic.tx, DEBUG);
#endif

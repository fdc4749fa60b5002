/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lvs-ipsec tools: IPVS over generic netlink (libnl-3): the services, and
 * the timeouts of the configuration, with the attributes of our series
 * when the kernel reports them.
 */
#ifndef LVS_IPVS_NL_H
#define LVS_IPVS_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

/* Ours (kernel/patches), absent from older uapi headers */
#define LVS_SVC_F_ISAKMP		0x0040
#define LVS_SVC_ATTR_SOFT_EXPIRY	13	/* only when the service has its own */
#define LVS_SVC_ATTR_SOFT_EXPIRY_USED	14	/* always, with the series */
#define LVS_CMD_ATTR_TIMEOUT_ISAKMP_INIT 7
#define LVS_CMD_ATTR_TIMEOUT_ISAKMP	8

struct lvs_svc {
	uint16_t protocol;	/* IPPROTO_UDP, ... ; 0 for fwmark services */
	struct lvs_addr addr;
	uint16_t port;
	uint32_t fwmark;
	char sched[32];
	uint32_t flags;
	uint32_t timeout;	/* persistence, seconds */
	bool has_soft_expiry;	/* the service has its own budget */
	uint32_t soft_expiry;
	bool has_soft_used;	/* the kernel has soft expiry at all */
	uint32_t soft_used;	/* entries in their extra period now */
};

struct lvs_ipvs_config {
	uint32_t tcp, tcp_fin, udp;
	bool has_isakmp;	/* the kernel reported the two below */
	uint32_t isakmp_init, isakmp;
};

/*
 * All services of the current network namespace (a dump of
 * IPVS_CMD_GET_SERVICE). Returns 0, or a negative errno: -ENOENT when the
 * kernel has no IPVS family (ip_vs not loaded). *svcs is malloc'ed.
 */
int lvs_ipvs_services(struct lvs_svc **svcs, size_t *n);
int lvs_ipvs_config(struct lvs_ipvs_config *cfg);

#endif

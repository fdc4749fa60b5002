/* SPDX-License-Identifier: GPL-2.0-only */
/* lvs-ipsec tools: /proc/net/ip_vs_conn, /proc/net/ip_vs_isakmp, sysctls */
#ifndef LVS_PROCFS_H
#define LVS_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"

/* One entry of /proc/net/ip_vs_conn, as far as the tools need it */
struct lvs_conn {
	uint16_t protocol;	/* IPPROTO_TCP, IPPROTO_UDP, ... */
	struct lvs_addr caddr, vaddr;
	uint16_t cport, vport;
	char state[16];
};

/*
 * Call fn for every entry of the table (f: an open /proc/net/ip_vs_conn
 * or a copy of it). Returns the number of entries, or -1 if a line does
 * not parse.
 */
long lvs_conns_each(FILE *f, void (*fn)(const struct lvs_conn *c, void *ctx),
		    void *ctx);

#define LVS_COUNTERS_MAX 64
struct lvs_counters {
	size_t n;
	struct {
		char name[64];
		uint64_t value;
	} c[LVS_COUNTERS_MAX];
};

/* "name value" lines; false if the file cannot be read */
bool lvs_counters_read(const char *path, struct lvs_counters *ct);
/* the value of a counter, or false if the kernel has none of that name */
bool lvs_counter(const struct lvs_counters *ct, const char *name, uint64_t *v);

/* an integer sysctl (path under /proc/sys); false if absent */
bool lvs_sysctl_read(const char *path, long *v);

#endif

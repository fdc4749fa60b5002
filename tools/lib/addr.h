/* SPDX-License-Identifier: GPL-2.0-only */
/* lvs-ipsec tools: IPv4/IPv6 addresses and prefixes */
#ifndef LVS_ADDR_H
#define LVS_ADDR_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "util.h"

struct lvs_addr {
	int af;			/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t b[16];
	};
};

struct lvs_prefix {
	struct lvs_addr base;	/* host bits cleared */
	unsigned int len;	/* prefix length */
};

/* "192.0.2.1", "2001:db8::1", "[2001:db8::1]"; false if neither */
bool lvs_addr_parse(const char *s, struct lvs_addr *a);
/* "ADDR/LEN" or a bare ADDR (a host prefix) */
bool lvs_prefix_parse(const char *s, struct lvs_prefix *p);
/* text form into buf (INET6_ADDRSTRLEN at least) */
const char *lvs_addr_str(const struct lvs_addr *a, char *buf, size_t len);
bool lvs_addr_eq(const struct lvs_addr *a, const struct lvs_addr *b);
/* number of addresses, saturated at 2^32 */
uint64_t lvs_prefix_size(const struct lvs_prefix *p);
/*
 * The n-th usable address of the prefix (n modulo the size); an IPv4
 * prefix of more than two addresses skips its network and broadcast
 * addresses.
 */
void lvs_prefix_nth(const struct lvs_prefix *p, uint64_t n, struct lvs_addr *a);
/* a sockaddr for an address and port; returns its length */
socklen_t lvs_sockaddr(const struct lvs_addr *a, uint16_t port,
		       struct sockaddr_storage *ss);
void lvs_addr_from_sockaddr(const struct sockaddr_storage *ss,
			    struct lvs_addr *a, uint16_t *port);

#endif

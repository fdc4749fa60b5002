// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: addresses and prefixes, see addr.h */
#include "addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool lvs_addr_parse(const char *s, struct lvs_addr *a)
{
	char buf[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(s);

	memset(a, 0, sizeof(*a));
	if (n >= sizeof(buf))
		return false;
	if (s[0] == '[' && n > 2 && s[n - 1] == ']') {
		memcpy(buf, s + 1, n - 2);
		buf[n - 2] = 0;
	} else {
		memcpy(buf, s, n + 1);
	}
	if (inet_pton(AF_INET, buf, &a->v4) == 1) {
		a->af = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, buf, &a->v6) == 1) {
		a->af = AF_INET6;
		return true;
	}
	return false;
}

bool lvs_prefix_parse(const char *s, struct lvs_prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash, *end;
	unsigned long len;
	unsigned int bits, i;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	if (!lvs_addr_parse(buf, &p->base))
		return false;
	bits = p->base.af == AF_INET ? 32 : 128;
	len = bits;
	if (slash) {
		len = strtoul(slash + 1, &end, 10);
		if (!slash[1] || *end || len > bits)
			return false;
	}
	p->len = (unsigned int)len;
	for (i = p->len; i < bits; i++)
		p->base.b[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
	return true;
}

const char *lvs_addr_str(const struct lvs_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->af, a->b, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

bool lvs_addr_eq(const struct lvs_addr *a, const struct lvs_addr *b)
{
	return a->af == b->af &&
	       !memcmp(a->b, b->b, a->af == AF_INET ? 4 : 16);
}

uint64_t lvs_prefix_size(const struct lvs_prefix *p)
{
	unsigned int host = (p->base.af == AF_INET ? 32 : 128) - p->len;

	return host >= 32 ? 1ULL << 32 : 1ULL << host;
}

void lvs_prefix_nth(const struct lvs_prefix *p, uint64_t n, struct lvs_addr *a)
{
	uint64_t size = lvs_prefix_size(p);
	unsigned int bytes = p->base.af == AF_INET ? 4 : 16;
	uint64_t carry;
	int i;

	if (p->base.af == AF_INET && size > 2)
		n = 1 + n % (size - 2);
	else
		n %= size;
	*a = p->base;
	/* add n to the low 64 bits of the address, big endian */
	carry = n;
	for (i = (int)bytes - 1; i >= 0 && carry; i--) {
		carry += a->b[i];
		a->b[i] = carry & 0xff;
		carry >>= 8;
	}
}

socklen_t lvs_sockaddr(const struct lvs_addr *a, uint16_t port,
		       struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->af == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		s4->sin_addr = a->v4;
		return sizeof(*s4);
	}
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(port);
	s6->sin6_addr = a->v6;
	return sizeof(*s6);
}

void lvs_addr_from_sockaddr(const struct sockaddr_storage *ss,
			    struct lvs_addr *a, uint16_t *port)
{
	memset(a, 0, sizeof(*a));
	a->af = ss->ss_family;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;

		a->v4 = s4->sin_addr;
		if (port)
			*port = ntohs(s4->sin_port);
	} else {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;

		a->v6 = s6->sin6_addr;
		if (port)
			*port = ntohs(s6->sin6_port);
	}
}

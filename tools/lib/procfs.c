// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: /proc parsing, see procfs.h */
#include "procfs.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	uint16_t proto;
} protos[] = {
	{ "TCP", IPPROTO_TCP }, { "UDP", IPPROTO_UDP }, { "SCTP", IPPROTO_SCTP },
	{ "ESP", IPPROTO_ESP }, { "AH", IPPROTO_AH }, { "IP", 0 },
};

/* "C0000264" (IPv4, host order hex) or a full IPv6 address */
static bool conn_addr(const char *s, struct lvs_addr *a)
{
	unsigned int v;
	char *end;

	memset(a, 0, sizeof(*a));
	if (strchr(s, ':'))
		return lvs_addr_parse(s, a);
	v = (unsigned int)strtoul(s, &end, 16);
	if (*end || strlen(s) != 8)
		return false;
	a->af = AF_INET;
	a->v4.s_addr = htonl(v);
	return true;
}

static bool conn_port(const char *s, uint16_t *p)
{
	char *end;
	unsigned long v = strtoul(s, &end, 16);

	*p = (uint16_t)v;
	return !*end && v <= 0xffff;
}

long lvs_conns_each(FILE *f, void (*fn)(const struct lvs_conn *c, void *ctx),
		    void *ctx)
{
	char line[512], pro[8], ca[48], cp[8], va[48], vp[8], da[48], dp[8];
	long n = 0;
	size_t i;

	while (fgets(line, sizeof(line), f)) {
		struct lvs_conn c = { 0 };

		if (!strncmp(line, "Pro ", 4))
			continue;
		if (sscanf(line, "%7s %47s %7s %47s %7s %47s %7s %15s", pro, ca,
			   cp, va, vp, da, dp, c.state) != 8)
			return -1;
		for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
			if (!strcasecmp(pro, protos[i].name))
				c.protocol = protos[i].proto;
		if (!conn_addr(ca, &c.caddr) || !conn_addr(va, &c.vaddr) ||
		    !conn_port(cp, &c.cport) || !conn_port(vp, &c.vport))
			return -1;
		fn(&c, ctx);
		n++;
	}
	return n;
}

bool lvs_counters_read(const char *path, struct lvs_counters *ct)
{
	FILE *f = fopen(path, "r");
	char name[64];
	unsigned long long v;

	ct->n = 0;
	if (!f)
		return false;
	while (ct->n < LVS_COUNTERS_MAX && fscanf(f, "%63s %llu", name, &v) == 2) {
		snprintf(ct->c[ct->n].name, sizeof(ct->c[ct->n].name), "%s", name);
		ct->c[ct->n++].value = v;
	}
	fclose(f);
	return true;
}

bool lvs_counter(const struct lvs_counters *ct, const char *name, uint64_t *v)
{
	size_t i;

	for (i = 0; i < ct->n; i++) {
		if (!strcmp(ct->c[i].name, name)) {
			*v = ct->c[i].value;
			return true;
		}
	}
	return false;
}

bool lvs_sysctl_read(const char *path, long *v)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fscanf(f, "%ld", v) == 1;
	fclose(f);
	return ok;
}

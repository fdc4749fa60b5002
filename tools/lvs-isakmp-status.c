// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-isakmp-status: the ISAKMP side of a director at a glance. Per
 * virtual service (IPVS generic netlink): whether ISAKMP entries are on,
 * how many entries are in IKE_INIT and IKE_ESTAB (/proc/net/ip_vs_conn),
 * the soft-expiry budget; for the namespace: drops by reason, ICMP errors
 * sent and the INIT gauge (/proc/net/ip_vs_isakmp), the timeouts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs_nl.h"
#include "json.h"
#include "procfs.h"
#include "util.h"

#define PROC_CONN	"/proc/net/ip_vs_conn"
#define PROC_ISAKMP	"/proc/net/ip_vs_isakmp"
#define SYSCTL_ISAKMP	"/proc/sys/net/ipv4/vs/isakmp"
#define SYSCTL_SOFT	"/proc/sys/net/ipv4/vs/isakmp_soft_expiry"

/* The counters of refused packets (docs/isakmp.md) */
static const char *const drops[] = {
	"short", "version", "length", "icookie_zero", "exchange",
	"next_payload", "no_payload", "runt", "bad_keepalive", "esp_short",
	"esp_spi", "udp_bad", "truncated", "esp_early", "keepalive_early",
	"icookie_mismatch", "rcookie_mismatch", "esp_unestablished",
	"ah_nat_refused", "init_cap", "source_cap",
};
#define NDROPS (sizeof(drops) / sizeof(drops[0]))

enum { O_JSON = 'j', O_CONN = 0x100, O_COUNTERS };

static const struct lvs_opt opts[] = {
	{ "json", O_JSON, NULL, "print JSON instead of tables" },
	{ "conn-file", O_CONN, "PATH", "read entries from PATH (default " PROC_CONN ")" },
	{ "counters-file", O_COUNTERS, "PATH", "read counters from PATH (default " PROC_ISAKMP ")" },
	{ 0 },
};

struct args {
	bool json;
	const char *conn, *counters;
};

static void option(int key, const char *arg, void *ctx)
{
	struct args *a = ctx;

	if (key == O_JSON)
		a->json = true;
	else if (key == O_CONN)
		a->conn = arg;
	else if (key == O_COUNTERS)
		a->counters = arg;
}

struct row {
	const struct lvs_svc *svc;
	const char *isakmp;	/* "flag", "sysctl" or "no" */
	bool countable;		/* entries can be matched to it */
	uint64_t init, estab;
	long soft_budget;	/* the service's own, else the netns default; -1 none */
};

struct table {
	struct row *rows;
	size_t n;
};

static bool svc_matches(const struct lvs_svc *s, const struct lvs_conn *c)
{
	return !s->fwmark && s->protocol == c->protocol &&
	       lvs_addr_eq(&s->addr, &c->vaddr) &&
	       (!s->port || s->port == c->vport);
}

static void count_conn(const struct lvs_conn *c, void *ctx)
{
	struct table *t = ctx;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (!svc_matches(t->rows[i].svc, c))
			continue;
		if (!strcmp(c->state, "IKE_INIT"))
			t->rows[i].init++;
		else if (!strcmp(c->state, "IKE_ESTAB"))
			t->rows[i].estab++;
		/* a port-0 service and a port service may both match */
	}
}

static const char *isakmp_mode(const struct lvs_svc *s, long sysctl)
{
	if (s->flags & LVS_SVC_F_ISAKMP)
		return "flag";
	if (sysctl == 1 && s->protocol == IPPROTO_UDP && !s->fwmark &&
	    (s->port == 0 || s->port == 500 || s->port == 4500))
		return "sysctl";
	return "no";
}

static const char *proto_name(uint16_t p)
{
	return p == IPPROTO_UDP ? "UDP" : p == IPPROTO_TCP ? "TCP" :
	       p == IPPROTO_SCTP ? "SCTP" : "FWM";
}

static void svc_name(const struct lvs_svc *s, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if (s->fwmark)
		snprintf(buf, len, "%u", s->fwmark);
	else if (s->addr.af == AF_INET6)
		snprintf(buf, len, "[%s]:%u", lvs_addr_str(&s->addr, a, sizeof(a)), s->port);
	else
		snprintf(buf, len, "%s:%u", lvs_addr_str(&s->addr, a, sizeof(a)), s->port);
}

static void print_json(const struct table *t, bool supported,
		       const struct lvs_counters *ct, const struct lvs_ipvs_config *cfg,
		       long sysctl)
{
	char a[INET6_ADDRSTRLEN];
	uint64_t v;
	size_t i;

	lvs_json_begin(NULL, '{');
	lvs_json_bool("supported", supported);
	if (sysctl >= 0)
		lvs_json_u64("isakmp_sysctl", (uint64_t)sysctl);
	else
		lvs_json_null("isakmp_sysctl");
	if (cfg->has_isakmp) {
		lvs_json_u64("timeout_init", cfg->isakmp_init);
		lvs_json_u64("timeout_established", cfg->isakmp);
	} else {
		lvs_json_null("timeout_init");
		lvs_json_null("timeout_established");
	}
	lvs_json_begin("services", '[');
	for (i = 0; i < t->n; i++) {
		const struct row *r = &t->rows[i];
		const struct lvs_svc *s = r->svc;

		lvs_json_begin(NULL, '{');
		lvs_json_str("protocol", proto_name(s->protocol));
		if (s->fwmark) {
			lvs_json_u64("fwmark", s->fwmark);
			lvs_json_null("address");
			lvs_json_null("port");
		} else {
			lvs_json_null("fwmark");
			lvs_json_str("address", lvs_addr_str(&s->addr, a, sizeof(a)));
			lvs_json_u64("port", s->port);
		}
		lvs_json_str("scheduler", s->sched);
		lvs_json_str("isakmp", r->isakmp);
		if (r->countable && supported) {
			lvs_json_u64("ike_init", r->init);
			lvs_json_u64("ike_estab", r->estab);
		} else {
			lvs_json_null("ike_init");
			lvs_json_null("ike_estab");
		}
		if (r->soft_budget >= 0)
			lvs_json_u64("soft_expiry", (uint64_t)r->soft_budget);
		else
			lvs_json_null("soft_expiry");
		if (s->has_soft_used)
			lvs_json_u64("soft_expiry_used", s->soft_used);
		else
			lvs_json_null("soft_expiry_used");
		lvs_json_end();
	}
	lvs_json_end();
	if (supported) {
		lvs_json_begin("drops", '{');
		for (i = 0; i < NDROPS; i++)
			if (lvs_counter(ct, drops[i], &v))
				lvs_json_u64(drops[i], v);
		lvs_json_end();
		lvs_json_begin("counters", '{');
		for (i = 0; i < ct->n; i++)
			lvs_json_u64(ct->c[i].name, ct->c[i].value);
		lvs_json_end();
	} else {
		lvs_json_null("drops");
		lvs_json_null("counters");
	}
	if (lvs_counter(ct, "icmp_sent", &v))
		lvs_json_u64("icmp_sent", v);
	else
		lvs_json_null("icmp_sent");
	if (lvs_counter(ct, "init_entries", &v))
		lvs_json_u64("init_entries", v);
	else
		lvs_json_null("init_entries");
	lvs_json_end();
}

static void print_u64_or_dash(uint64_t v, bool have, int width)
{
	if (have)
		printf(" %*llu", width, (unsigned long long)v);
	else
		printf(" %*s", width, "-");
}

/* "used/budget" of the soft-expiry budget, or "-" without the feature */
static void print_soft(const struct row *r)
{
	char buf[32];

	if (r->soft_budget < 0 || !r->svc->has_soft_used)
		snprintf(buf, sizeof(buf), "-");
	else
		snprintf(buf, sizeof(buf), "%u/%ld", r->svc->soft_used,
			 r->soft_budget);
	printf(" %10s", buf);
}

static void print_text(const struct table *t, bool supported,
		       const struct lvs_counters *ct, const struct lvs_ipvs_config *cfg,
		       long sysctl)
{
	char name[64];
	uint64_t v;
	size_t i, k = 0;

	if (!supported) {
		printf("ISAKMP entries: not supported by this kernel (no %s)\n",
		       PROC_ISAKMP);
	} else {
		printf("ISAKMP entries: supported; net.ipv4.vs.isakmp=%ld", sysctl);
		if (cfg->has_isakmp)
			printf("; timeouts: IKE_INIT %us, IKE_ESTAB %us",
			       cfg->isakmp_init, cfg->isakmp);
		printf("\n");
	}
	printf("\n%-5s %-40s %-8s %-6s %8s %9s %10s\n", "Prot", "VirtualService",
	       "Sched", "ISAKMP", "IKE_INIT", "IKE_ESTAB", "SoftExpiry");
	for (i = 0; i < t->n; i++) {
		const struct row *r = &t->rows[i];

		svc_name(r->svc, name, sizeof(name));
		printf("%-5s %-40s %-8s %-6s", proto_name(r->svc->protocol), name,
		       r->svc->sched, r->isakmp);
		print_u64_or_dash(r->init, r->countable && supported, 8);
		print_u64_or_dash(r->estab, r->countable && supported, 9);
		print_soft(r);
		printf("\n");
	}
	if (!t->n)
		printf("(no virtual services)\n");
	if (!supported)
		return;
	printf("\nDrops by reason:\n");
	for (i = 0; i < NDROPS; i++) {
		if (!lvs_counter(ct, drops[i], &v))
			continue;
		printf("  %-18s %10llu%s", drops[i], (unsigned long long)v,
		       ++k % 3 ? "" : "\n");
	}
	if (k % 3)
		printf("\n");
	if (lvs_counter(ct, "icmp_sent", &v))
		printf("ICMP errors sent: %llu\n", (unsigned long long)v);
	if (lvs_counter(ct, "init_entries", &v))
		printf("Entries in IKE_INIT now: %llu\n", (unsigned long long)v);
}

int main(int argc, char **argv)
{
	struct args a = { .conn = PROC_CONN, .counters = PROC_ISAKMP };
	struct lvs_ipvs_config cfg;
	struct lvs_counters ct;
	struct lvs_svc *svcs = NULL;
	struct table t = { 0 };
	size_t n = 0, i;
	bool supported;
	long sysctl = -1, soft_default = -1;
	FILE *f;
	int err;

	if (lvs_opts_parse(argc, argv, opts, "[--json]",
			   "ISAKMP entries per IPVS virtual service, drops by reason, ICMP errors\n"
			   "sent and the soft-expiry budget, in this network namespace.",
			   option, &a) != argc)
		lvs_die("no arguments expected (see --help)");
	err = lvs_ipvs_services(&svcs, &n);
	if (err == -ENOENT)
		lvs_die("IPVS is not loaded in this kernel (modprobe ip_vs)");
	if (err)
		lvs_die("cannot list the services over netlink: %s", strerror(-err));
	if (lvs_ipvs_config(&cfg))
		memset(&cfg, 0, sizeof(cfg));
	supported = lvs_counters_read(a.counters, &ct);
	if (!lvs_sysctl_read(SYSCTL_ISAKMP, &sysctl))
		sysctl = -1;
	if (!lvs_sysctl_read(SYSCTL_SOFT, &soft_default))
		soft_default = -1;

	t.rows = calloc(n ? n : 1, sizeof(*t.rows));
	if (!t.rows)
		lvs_die("out of memory");
	t.n = n;
	for (i = 0; i < n; i++) {
		t.rows[i].svc = &svcs[i];
		t.rows[i].countable = !svcs[i].fwmark;
		t.rows[i].isakmp = supported ? isakmp_mode(&svcs[i], sysctl) : "no";
		t.rows[i].soft_budget = svcs[i].has_soft_expiry ?
					(long)svcs[i].soft_expiry : soft_default;
	}
	f = fopen(a.conn, "r");
	if (!f)
		lvs_die("%s: %s", a.conn, strerror(errno));
	if (lvs_conns_each(f, count_conn, &t) < 0)
		lvs_die("%s: a line does not parse", a.conn);
	fclose(f);

	if (a.json)
		print_json(&t, supported, &ct, &cfg, sysctl);
	else
		print_text(&t, supported, &ct, &cfg, sysctl);
	free(t.rows);
	free(svcs);
	return 0;
}

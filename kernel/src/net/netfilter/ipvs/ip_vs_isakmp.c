// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: ISAKMP entries for UDP 500 and 4500.
 *
 * A director in front of a farm of IPsec gateways keeps one UDP entry per
 * client IKE flow. This file gives such entries two states seen by users,
 * IKE_INIT (an exchange was opened, short timeout) and IKE_ESTAB (both
 * sides showed the responder cookie, admin-set timeout), and drops what
 * does not belong to an exchange. The protocol rules live in ip_vs_ike.c,
 * which is plain C shared with the userspace tests; this file is the glue
 * to conns, skbs, sysctls and counters.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/udp.h>
#include <net/icmp.h>
#include <net/ip_vs.h>
#include <net/ipv6.h>
#include <linux/icmpv6.h>

#include "ip_vs_ike.h"
#include "ip_vs_isakmp.h"

static const char *const ip_vs_isakmp_extra_names[] = {
	[IP_VS_ISAKMP_C_UDP_BAD - IKE_R_MAX]	 = "udp_bad",
	[IP_VS_ISAKMP_C_ESP_UNESTAB - IKE_R_MAX] = "esp_unestablished",
	[IP_VS_ISAKMP_C_AH_NAT - IKE_R_MAX]	 = "ah_nat_refused",
	[IP_VS_ISAKMP_C_ICMP_SENT - IKE_R_MAX]	 = "icmp_sent",
	[IP_VS_ISAKMP_C_INIT_CAP - IKE_R_MAX]	 = "init_cap",
	[IP_VS_ISAKMP_C_SOURCE_CAP - IKE_R_MAX]	 = "source_cap",
	[IP_VS_ISAKMP_C_SOFT_GRANTED - IKE_R_MAX] = "soft_granted",
	[IP_VS_ISAKMP_C_SOFT_REFUSED - IKE_R_MAX] = "soft_refused",
	[IP_VS_ISAKMP_C_SOFT_REVIVED - IKE_R_MAX] = "soft_revived",
	[IP_VS_ISAKMP_C_SOFT_EXPIRED - IKE_R_MAX] = "soft_expired",
	[IP_VS_ISAKMP_C_SERVER_ORPHAN - IKE_R_MAX] = "server_orphan",
	[IP_VS_ISAKMP_C_CLAIM_NO_SA - IKE_R_MAX] = "claim_no_sa",
	[IP_VS_ISAKMP_C_SYNC_REFUSED - IKE_R_MAX] = "sync_refused",
	[IP_VS_ISAKMP_C_SPI_STEERED - IKE_R_MAX] = "spi_steered",
	[IP_VS_ISAKMP_C_SPI_UNKNOWN - IKE_R_MAX] = "spi_unknown",
};

static const char *ip_vs_isakmp_counter_name(unsigned int c)
{
	if (c < IKE_R_MAX)
		return ike_reason_name(c);
	return ip_vs_isakmp_extra_names[c - IKE_R_MAX];
}

void ip_vs_isakmp_count(struct netns_ipvs *ipvs, unsigned int counter)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;

	if (likely(in && counter < IP_VS_ISAKMP_C_MAX))
		this_cpu_inc(in->stats->cnt[counter]);
}

/* ---- states ------------------------------------------------------------ */

static enum ike_state ike_state_of(const struct ip_vs_conn *cp)
{
	switch (cp->state) {
	case IP_VS_UDP_S_IKE_INIT:
		return IKE_S_INIT;
	case IP_VS_UDP_S_IKE_CLAIMED:
		return IKE_S_CLAIMED;
	case IP_VS_UDP_S_IKE_ESTAB:
		return IKE_S_ESTAB;
	}
	return IKE_S_NONE;
}

static int udp_state_of(enum ike_state state)
{
	switch (state) {
	case IKE_S_INIT:
		return IP_VS_UDP_S_IKE_INIT;
	case IKE_S_CLAIMED:
		return IP_VS_UDP_S_IKE_CLAIMED;
	case IKE_S_ESTAB:
		return IP_VS_UDP_S_IKE_ESTAB;
	default:
		return IP_VS_UDP_S_IKE_NEW;
	}
}

static struct ike_cookies *ike_cookies_of(struct ip_vs_conn *cp)
{
	BUILD_BUG_ON(sizeof(struct ike_cookies) != sizeof(cp->ike_cookies));
	return (struct ike_cookies *)cp->ike_cookies;
}

static bool ip_vs_isakmp_port(__be16 port)
{
	return port == htons(IKE_PORT) || port == htons(IKE_NATT_PORT);
}

/* Is this service's traffic to @vport tracked as ISAKMP? */
bool ip_vs_isakmp_svc(struct netns_ipvs *ipvs,
		      const struct ip_vs_service *svc, __be16 vport)
{
	if (!ip_vs_isakmp_port(vport))
		return false;
	return svc->flags & IP_VS_SVC_F_ISAKMP ||
	       (ipvs->isakmp && READ_ONCE(ipvs->isakmp->enable));
}

/* ---- packets ----------------------------------------------------------- */

/* Classify the UDP payload at @thoff: at most IKE_PEEK_LEN bytes are
 * copied, whatever the datagram claims. False when the UDP header itself
 * is inconsistent with the packet.
 */
bool ip_vs_isakmp_classify(const struct sk_buff *skb, unsigned int thoff,
			   bool natt, struct ike_pkt *pkt)
{
	u8 buf[IKE_PEEK_LEN];
	struct udphdr _uh;
	const struct udphdr *uh;
	const u8 *peek;
	u32 ulen, payload, copy;

	uh = skb_header_pointer(skb, thoff, sizeof(_uh), &_uh);
	if (!uh || skb->len < thoff)
		return false;
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) || ulen > skb->len - thoff)
		return false;
	payload = ulen - sizeof(*uh);
	copy = min_t(u32, payload, IKE_PEEK_LEN);
	peek = skb_header_pointer(skb, thoff + sizeof(*uh), copy, buf);
	if (!peek)
		return false;
	ike_classify(peek, copy, payload, natt, pkt);
	return true;
}

/**
 * ip_vs_isakmp_ike_sa - the IKE SA a datagram to an IKE port belongs to
 * @skb: the packet
 * @thoff: offset of its UDP header
 * @natt: sent to 4500, where the ISAKMP header follows a non-ESP marker
 * @spi: out: the initiator SPI (IKEv2) or cookie (IKEv1)
 * @opening: out: the message opens its IKE SA (responder SPI zero)
 *
 * For the IKE persistence engine (ip_vs_pe_ike.c), so that it parses with
 * the same rules as the entries do. False unless the payload is a
 * well-formed ISAKMP message: ESP in UDP and NAT-keepalives name no IKE
 * SA.
 */
bool ip_vs_isakmp_ike_sa(const struct sk_buff *skb, unsigned int thoff,
			 bool natt, u8 spi[IKE_COOKIE_LEN], bool *opening)
{
	struct ike_pkt pkt;

	if (!ip_vs_isakmp_classify(skb, thoff, natt, &pkt) ||
	    pkt.kind != IKE_PKT_ISAKMP)
		return false;
	memcpy(spi, pkt.ck.icookie, IKE_COOKIE_LEN);
	*opening = !memchr_inv(pkt.ck.rcookie, 0, IKE_COOKIE_LEN);
	return true;
}
EXPORT_SYMBOL_GPL(ip_vs_isakmp_ike_sa);

/**
 * ip_vs_isakmp_sa_template - is the server of an IKE SA known?
 * @p: the parameters of the SA's template, its initiator SPI as pe_data
 *
 * For the IKE persistence engine. A message of an IKE SA past IKE_SA_INIT
 * belongs to the real server that answered the SA's IKE_SA_INIT, and only
 * the SA's template names it. Without one that leads to an available
 * server (it expired, or went with a dead server's entries) no server
 * holds the SA that the director knows of: scheduling the message anew
 * would pin the client's flow, by its address and port, to a server that
 * ignores it, and the client's next IKE SA, opened from the same ports,
 * would follow that flow to the wrong server. Counted when false; the
 * caller drops the message, and the client starts over with a new SA.
 */
bool ip_vs_isakmp_sa_template(const struct ip_vs_conn_param *p)
{
	struct ip_vs_conn *ct = ip_vs_ct_in_get(p);

	/* ip_vs_check_template() puts the template it refuses */
	if (ct && ip_vs_check_template(ct, NULL)) {
		__ip_vs_conn_put(ct);
		return true;
	}
	ip_vs_isakmp_count(p->ipvs, IP_VS_ISAKMP_C_CLAIM_NO_SA);
	return false;
}
EXPORT_SYMBOL_GPL(ip_vs_isakmp_sa_template);

static void ip_vs_isakmp_policy(const struct ip_vs_conn *cp,
				struct ike_policy *pol)
{
	memset(pol, 0, sizeof(*pol));
	pol->nat_mode = IP_VS_FWD_METHOD(cp) == IP_VS_CONN_F_MASQ;
}

/* Before a conn is created for a client's first packet: only what may
 * start an entry gets one, so that junk never costs a conn, and an
 * INIT entry (an opening or a claim) only while the INIT caps allow
 * (*reserved: a slot was taken for the conn). The real server, hence the
 * forwarding method, is not chosen yet; the verdict for a first packet
 * does not depend on it: no first packet establishes. Returns NF_ACCEPT
 * or NF_DROP.
 */
int ip_vs_isakmp_conn_schedule(struct ip_vs_service *svc,
			       const struct sk_buff *skb,
			       const struct ip_vs_iphdr *iph, __be16 vport,
			       bool *reserved)
{
	struct netns_ipvs *ipvs = svc->ipvs;
	struct ike_cookies ck = {};
	struct ike_policy pol = { .nat_mode = 1 };
	struct ike_result res;
	struct ike_pkt pkt;
	int refused;

	*reserved = false;
	if (!ip_vs_isakmp_classify(skb, iph->len, vport == htons(IKE_NATT_PORT),
				   &pkt)) {
		ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_UDP_BAD);
		return NF_DROP;
	}
	ike_transition(IKE_S_NONE, &ck, &pkt, IKE_DIR_CLIENT, &pol, &res);
	if (res.verdict != IKE_ACCEPT) {
		ip_vs_isakmp_count(ipvs, res.reason);
		return NF_DROP;
	}
	refused = ip_vs_isakmp_init_reserve(ipvs, svc->af, &iph->saddr);
	if (refused) {
		ip_vs_isakmp_count(ipvs, refused);
		if (res.state == IKE_S_CLAIMED)
			ip_vs_isakmp_claim_refused(svc, skb, iph, vport);
		return NF_DROP;
	}
	*reserved = true;
	return NF_ACCEPT;
}

/* A conn just created for an accepted first packet becomes an ISAKMP
 * one, and takes over the INIT slot reserved for it; a reservation that
 * got no conn is given back.
 */
void ip_vs_isakmp_conn_new(struct netns_ipvs *ipvs, int af,
			   struct ip_vs_conn *cp,
			   const struct ip_vs_iphdr *iph, bool reserved)
{
	if (!cp) {
		if (reserved)
			ip_vs_isakmp_init_unreserve(ipvs, af, &iph->saddr);
		return;
	}
	BUILD_BUG_ON((IP_VS_CONN_F_IKE | IP_VS_CONN_F_IKE_INIT |
		      IP_VS_CONN_F_IKE_CLAIMED) & ~IP_VS_CONN_F_IKE_LOCAL);
	spin_lock_bh(&cp->lock);
	cp->flags |= IP_VS_CONN_F_IKE;
	cp->state = IP_VS_UDP_S_IKE_NEW;
	memset(cp->ike_cookies, 0, sizeof(cp->ike_cookies));
	if (reserved)
		ip_vs_isakmp_init_own(cp);
	spin_unlock_bh(&cp->lock);
}

/* INIT and CLAIMED share the short timeout: neither is proven yet. An
 * entry whose server answered (INIT with the rcookie the server drew)
 * keeps all of it: the client's next message is a round trip to the
 * client away, and a spoofer's opening gets that far only when the
 * server spends a half-open IKE SA on it, which the server's own cookie
 * defence (RFC 7296 2.6) bounds. The others live shorter under a flood.
 */
static unsigned long ip_vs_isakmp_timeout(struct ip_vs_conn *cp,
					  struct ip_vs_proto_data *pd)
{
	unsigned long timeout;

	if (cp->state == IP_VS_UDP_S_IKE_ESTAB)
		return pd->timeout_table[IP_VS_UDP_S_IKE_ESTAB];
	timeout = ip_vs_isakmp_init_timeout(cp->ipvs,
					    pd->timeout_table[IP_VS_UDP_S_IKE_INIT]);
	if (cp->state == IP_VS_UDP_S_IKE_INIT &&
	    memchr_inv(ike_cookies_of(cp)->rcookie, 0, IKE_COOKIE_LEN))
		return timeout;
	return ip_vs_isakmp_flood_timeout(cp->ipvs, timeout);
}

/* The state_transition of ISAKMP entries: runs for every packet of the
 * entry, both directions, and decides whether it may pass.
 */
int ip_vs_isakmp_state_transition(struct ip_vs_conn *cp, int direction,
				  const struct sk_buff *skb,
				  struct ip_vs_proto_data *pd,
				  unsigned int iph_len)
{
	struct netns_ipvs *ipvs = cp->ipvs;
	struct ike_policy pol;
	struct ike_result res;
	struct ike_pkt pkt;
	enum ike_dir dir;
	bool established;

	if (!ip_vs_isakmp_classify(skb, iph_len,
				   cp->vport == htons(IKE_NATT_PORT), &pkt)) {
		ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_UDP_BAD);
		return direction == IP_VS_DIR_OUTPUT ? NF_ACCEPT : NF_DROP;
	}
	dir = direction == IP_VS_DIR_OUTPUT ? IKE_DIR_SERVER : IKE_DIR_CLIENT;
	ip_vs_isakmp_policy(cp, &pol);

	spin_lock_bh(&cp->lock);
	ike_transition(ike_state_of(cp), ike_cookies_of(cp), &pkt, dir, &pol,
		       &res);
	established = false;
	if (res.verdict == IKE_ACCEPT) {
		established = cp->state != IP_VS_UDP_S_IKE_ESTAB &&
			      res.state == IKE_S_ESTAB;
		cp->state = udp_state_of(res.state);
		if (cp->state == IP_VS_UDP_S_IKE_ESTAB)
			ip_vs_isakmp_init_done(cp);
		if (res.refresh)
			cp->timeout = ip_vs_isakmp_timeout(cp, pd);
	}
	spin_unlock_bh(&cp->lock);

	if (res.verdict == IKE_ACCEPT && res.state == IKE_S_CLAIMED)
		ip_vs_isakmp_template_claimed(cp);
	ip_vs_isakmp_count(ipvs, res.reason);
	if (direction == IP_VS_DIR_OUTPUT &&
	    cp->state == IP_VS_UDP_S_IKE_ESTAB) {
		/* only an established client earns a lasting persistence */
		ip_vs_control_assure_ct(cp);
		/* The sync daemon hears of an entry on the client's packets
		 * only. An entry the server's reply established (NAT mode)
		 * is sent now: a failover before the client's next packet
		 * must not find the backup without it.
		 */
		if (established && (ipvs->sync_state & IP_VS_STATE_MASTER))
			ip_vs_sync_conn(ipvs, cp, sysctl_sync_threshold(ipvs));
	}
	return res.verdict == IKE_ACCEPT ? NF_ACCEPT : NF_DROP;
}

/* NAT mode: a real server's IKE on 500/4500 for which no entry exists,
 * typically its late answer to a client whose entry timed out while the
 * server was slow. Let through, it would leave the director un-NATed,
 * from the server's own address, and a client that accepts it would run
 * its tunnel around the director. Under RCU, from the out hook, after the
 * conn lookup failed; true when it must be dropped. The client
 * retransmits, and its next entry takes the server's next answer.
 */
bool ip_vs_isakmp_out_orphan(struct netns_ipvs *ipvs, int af,
			     const struct sk_buff *skb,
			     const struct ip_vs_iphdr *iph)
{
	struct ip_vs_service *svc;
	struct ip_vs_dest *dest;
	__be16 _ports[2];
	const __be16 *p;

	if (iph->protocol != IPPROTO_UDP || iph->fragoffs ||
	    ip_vs_iph_icmp(iph))
		return false;
	p = skb_header_pointer(skb, iph->len, sizeof(_ports), _ports);
	if (!p || !ip_vs_isakmp_port(p[0]))
		return false;
	/* a real server of the port, or of a port-0 or fwmark service */
	dest = ip_vs_find_real_service(ipvs, af, IPPROTO_UDP, &iph->saddr,
				       p[0]);
	if (!dest)
		dest = ip_vs_find_real_service(ipvs, af, IPPROTO_UDP,
					       &iph->saddr, 0);
	if (!dest)
		return false;
	svc = rcu_dereference(dest->svc);
	if (!svc || !ip_vs_isakmp_svc(ipvs, svc, svc->port ? : p[0]))
		return false;
	ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_SERVER_ORPHAN);
	return true;
}

/* ---- per-netns knobs and counters --------------------------------------- */

#ifdef CONFIG_SYSCTL
/* A timeout in seconds, kept in jiffies. proc_dointvec_jiffies takes
 * negative values, which would expire every entry at once: refuse them.
 */
static int ip_vs_isakmp_timeout_handler(struct ctl_table *table, int write,
					void *buffer, size_t *lenp,
					loff_t *ppos)
{
	int *valp = table->data;
	int val = *valp;
	struct ctl_table tmp = {
		.data = &val,
		.maxlen = sizeof(int),
		.mode = table->mode,
	};
	int rc;

	rc = proc_dointvec_jiffies(&tmp, write, buffer, lenp, ppos);
	if (write && !rc) {
		if (val < 0)
			return -EINVAL;
		WRITE_ONCE(*valp, val);
	}
	return rc;
}

static struct ctl_table ip_vs_isakmp_vars[] = {
	{
		.procname	= "isakmp",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		.procname	= "isakmp_init_timeout",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= ip_vs_isakmp_timeout_handler,
	},
	{
		.procname	= "isakmp_timeout",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= ip_vs_isakmp_timeout_handler,
	},
	{
		.procname	= "isakmp_confirm_twice",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		.procname	= "isakmp_init_max",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_INT_MAX,
	},
	{
		.procname	= "isakmp_init_max_source",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_INT_MAX,
	},
	{
		.procname	= "isakmp_defense_init_timeout",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= ip_vs_isakmp_timeout_handler,
	},
	{
		.procname	= "isakmp_soft_expiry",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_INT_MAX,
	},
	{ }
};

static int ip_vs_isakmp_sysctl_init(struct netns_ipvs *ipvs,
				    struct ip_vs_proto_data *pd)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;
	struct ctl_table *tbl;

	tbl = kmemdup(ip_vs_isakmp_vars, sizeof(ip_vs_isakmp_vars),
		      GFP_KERNEL);
	if (!tbl)
		return -ENOMEM;
	tbl[0].data = &in->enable;
	tbl[1].data = &pd->timeout_table[IP_VS_UDP_S_IKE_INIT];
	tbl[2].data = &pd->timeout_table[IP_VS_UDP_S_IKE_ESTAB];
	tbl[3].data = &in->confirm_twice;
	tbl[4].data = &in->init_max;
	tbl[5].data = &in->init_max_source;
	tbl[6].data = &in->defense_init_timeout;
	tbl[7].data = &in->soft_expiry;
	/* as ip_vs_ctl.c does: no knobs for unprivileged users' namespaces */
	if (ipvs->net->user_ns != &init_user_ns)
		tbl[0].procname = NULL;

	in->sysctl_hdr = register_net_sysctl(ipvs->net, "net/ipv4/vs", tbl);
	if (!in->sysctl_hdr) {
		kfree(tbl);
		return -ENOMEM;
	}
	in->sysctl_tbl = tbl;
	return 0;
}

static void ip_vs_isakmp_sysctl_cleanup(struct ip_vs_isakmp_net *in)
{
	unregister_net_sysctl_table(in->sysctl_hdr);
	kfree(in->sysctl_tbl);
}
#else
static int ip_vs_isakmp_sysctl_init(struct netns_ipvs *ipvs,
				    struct ip_vs_proto_data *pd)
{
	return 0;
}

static void ip_vs_isakmp_sysctl_cleanup(struct ip_vs_isakmp_net *in)
{
}
#endif

#ifdef CONFIG_PROC_FS
static struct ip_vs_proto_data *ip_vs_isakmp_pd(struct netns_ipvs *ipvs);

static unsigned int ip_vs_isakmp_init_lifetime_ms(struct netns_ipvs *ipvs)
{
	struct ip_vs_proto_data *pd = ip_vs_isakmp_pd(ipvs);
	unsigned long t;

	if (!pd)
		return 0;
	t = ip_vs_isakmp_init_timeout(ipvs,
				      pd->timeout_table[IP_VS_UDP_S_IKE_INIT]);
	return jiffies_to_msecs(ip_vs_isakmp_flood_timeout(ipvs, t));
}

static int ip_vs_isakmp_stats_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_single_net(seq);
	struct ip_vs_isakmp_net *in = net_ipvs(net)->isakmp;
	unsigned int c;
	int cpu;

	for (c = 0; c < IP_VS_ISAKMP_C_MAX; c++) {
		u64 sum = 0;

		if (c == IKE_R_OK)
			continue;
		for_each_possible_cpu(cpu)
			sum += per_cpu_ptr(in->stats, cpu)->cnt[c];
		seq_printf(seq, "%-20s %llu\n", ip_vs_isakmp_counter_name(c),
			   sum);
	}
	/* gauges, not counters: the INIT entries that exist now, and the
	 * lifetime an unanswered one gets now (shorter under a flood)
	 */
	seq_printf(seq, "%-20s %d\n", "init_entries",
		   ip_vs_isakmp_init_entries(net_ipvs(net)));
	seq_printf(seq, "%-20s %u\n", "init_lifetime_ms",
		   ip_vs_isakmp_init_lifetime_ms(net_ipvs(net)));
	return 0;
}

static int ip_vs_isakmp_proc_init(struct netns_ipvs *ipvs)
{
	if (!proc_create_net_single("ip_vs_isakmp", 0444, ipvs->net->proc_net,
				    ip_vs_isakmp_stats_show, NULL))
		return -ENOMEM;
	return 0;
}

static void ip_vs_isakmp_proc_cleanup(struct netns_ipvs *ipvs)
{
	remove_proc_entry("ip_vs_isakmp", ipvs->net->proc_net);
}
#else
static int ip_vs_isakmp_proc_init(struct netns_ipvs *ipvs)
{
	return 0;
}

static void ip_vs_isakmp_proc_cleanup(struct netns_ipvs *ipvs)
{
}
#endif

int ip_vs_isakmp_net_init(struct netns_ipvs *ipvs, struct ip_vs_proto_data *pd)
{
	struct ip_vs_isakmp_net *in;
	int err = -ENOMEM;

	in = kzalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	in->stats = alloc_percpu(struct ip_vs_isakmp_stats);
	if (!in->stats)
		goto free;
	ip_vs_isakmp_flood_init(in);
	ipvs->isakmp = in;
	pd->timeout_table[IP_VS_UDP_S_IKE_NEW] = ISAKMP_INIT_TIMEOUT;
	pd->timeout_table[IP_VS_UDP_S_IKE_INIT] = ISAKMP_INIT_TIMEOUT;
	pd->timeout_table[IP_VS_UDP_S_IKE_CLAIMED] = ISAKMP_INIT_TIMEOUT;
	pd->timeout_table[IP_VS_UDP_S_IKE_ESTAB] = ISAKMP_TIMEOUT;

	err = ip_vs_isakmp_sysctl_init(ipvs, pd);
	if (err)
		goto free_stats;
	err = ip_vs_isakmp_proc_init(ipvs);
	if (err)
		goto free_sysctl;
	return 0;

free_sysctl:
	ip_vs_isakmp_sysctl_cleanup(in);
free_stats:
	free_percpu(in->stats);
free:
	ipvs->isakmp = NULL;
	kfree(in);
	return err;
}

void ip_vs_isakmp_net_cleanup(struct netns_ipvs *ipvs)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;

	if (!in)
		return;
	ip_vs_isakmp_proc_cleanup(ipvs);
	ip_vs_isakmp_sysctl_cleanup(in);
	free_percpu(in->stats);
	ipvs->isakmp = NULL;
	kfree(in);
}

/* ---- raw ESP and AH ------------------------------------------------------ */

/* DR/TUN: the client's ESP or AH after its claim confirms the claim (the
 * server's replies take another path, so nothing else would before the
 * client's next IKE request, which may be minutes away). The step to
 * ESTAB is synced by ip_vs_in() on this very packet. False if the entry
 * is not a claimed DR/TUN one.
 */
static bool ip_vs_isakmp_esp_confirm(struct netns_ipvs *ipvs,
				     struct ip_vs_conn *cp)
{
	struct ip_vs_proto_data *pd = ip_vs_isakmp_pd(ipvs);
	bool confirmed = false;

	if (cp->state != IP_VS_UDP_S_IKE_CLAIMED ||
	    IP_VS_FWD_METHOD(cp) == IP_VS_CONN_F_MASQ || !pd)
		return false;
	spin_lock_bh(&cp->lock);
	if (cp->state == IP_VS_UDP_S_IKE_CLAIMED) {
		cp->state = IP_VS_UDP_S_IKE_ESTAB;
		ip_vs_isakmp_init_done(cp);
		cp->timeout = pd->timeout_table[IP_VS_UDP_S_IKE_ESTAB];
		confirmed = true;
	}
	spin_unlock_bh(&cp->lock);
	if (confirmed)
		ip_vs_isakmp_count(ipvs, IKE_R_ESP_CONFIRMED);
	return cp->state == IP_VS_UDP_S_IKE_ESTAB;
}

/* ESP and AH follow the client's entry only once it is established (or
 * establish a claimed DR/TUN one), and AH never through NAT, whose address
 * rewrite breaks its ICV. ICMP errors about them follow any entry, as
 * before.
 */
static bool ip_vs_isakmp_esp_may_follow(struct netns_ipvs *ipvs,
					struct ip_vs_conn *cp,
					const struct ip_vs_iphdr *iph)
{
	if (ip_vs_iph_icmp(iph))
		return true;
	if (!ip_vs_isakmp_established(cp) &&
	    !ip_vs_isakmp_esp_confirm(ipvs, cp))
		return false;
	if (iph->protocol == IPPROTO_AH &&
	    IP_VS_FWD_METHOD(cp) == IP_VS_CONN_F_MASQ) {
		ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_AH_NAT);
		return false;
	}
	return true;
}

/* The client's entry on 4500, if it is an ISAKMP entry at all */
static struct ip_vs_conn *
ip_vs_isakmp_natt_get(struct ip_vs_conn_param *p, bool in)
{
	struct ip_vs_conn *cp;

	p->cport = htons(IKE_NATT_PORT);
	p->vport = htons(IKE_NATT_PORT);
	cp = in ? ip_vs_conn_in_get(p) : ip_vs_conn_out_get(p);
	if (cp && !ip_vs_isakmp_conn(cp)) {
		__ip_vs_conn_put(cp);
		cp = NULL;
	}
	return cp;
}

/* The entry that client ESP or AH follows, given the parameters of the
 * client's UDP 500 entry. Stock IPVS looks at 500 only; an ISAKMP client
 * may have moved to 4500 without a NAT on its path (strongSwan moves as
 * soon as the responder supports NAT-T) and still send raw ESP, so its
 * SA lives on the 4500 entry while the one on 500 ages out in INIT.
 */
struct ip_vs_conn *ip_vs_isakmp_esp_in_get(struct netns_ipvs *ipvs,
					   struct ip_vs_conn_param *p,
					   const struct ip_vs_iphdr *iph)
{
	struct ip_vs_conn *cp = ip_vs_conn_in_get(p);

	if (cp && !ip_vs_isakmp_conn(cp))
		return cp;
	if (cp && ip_vs_isakmp_esp_may_follow(ipvs, cp, iph))
		return cp;
	if (cp)
		__ip_vs_conn_put(cp);

	cp = ip_vs_isakmp_natt_get(p, true);
	if (cp && !ip_vs_isakmp_esp_may_follow(ipvs, cp, iph)) {
		__ip_vs_conn_put(cp);
		cp = NULL;
	}
	return cp;
}

/* The same for the real server's ESP or AH back to the client (NAT) */
struct ip_vs_conn *ip_vs_isakmp_esp_out_get(struct ip_vs_conn_param *p)
{
	struct ip_vs_conn *cp = ip_vs_conn_out_get(p);

	return cp ? cp : ip_vs_isakmp_natt_get(p, false);
}

#ifdef CONFIG_IP_VS_IPV6
/* The ICMPv6 pointer: the offset of the Next Header field that named
 * ESP/AH, in the IPv6 header or the last extension header before it.
 */
static u32 ip_vs_isakmp_nexthdr_pointer(const struct sk_buff *skb,
					const struct ip_vs_iphdr *iph)
{
	unsigned int field = iph->off + offsetof(struct ipv6hdr, nexthdr);
	unsigned int hdr = iph->off + sizeof(struct ipv6hdr);
	int hops;

	for (hops = 0; hdr < iph->len && hops < 8; hops++) {
		u8 _eh[2];
		const u8 *eh = skb_header_pointer(skb, hdr, sizeof(_eh), _eh);

		if (!eh)
			break;
		field = hdr;
		hdr += (eh[1] + 1) * 8;
	}
	return field - iph->off;
}
#endif

static bool ip_vs_isakmp_dest(struct netns_ipvs *ipvs, int af,
			      const struct sk_buff *skb,
			      const struct ip_vs_iphdr *iph)
{
	const __be16 port = htons(IKE_PORT);
	struct ip_vs_service *svc;

	svc = ip_vs_service_find(ipvs, af, skb->mark, IPPROTO_UDP,
				 &iph->daddr, port);
	return svc && ip_vs_isakmp_svc(ipvs, svc, port);
}

#ifdef CONFIG_IP_VS_IPV6
/* IPVS parses IPv6 past AH to the protocol it protects, so it never sees
 * AH to an ISAKMP service as such. For a packet IPVS would not handle,
 * look again, stopping at AH; only for ISAKMP services, so that others
 * keep the stock behaviour. Returns true with iph describing the AH.
 */
bool ip_vs_isakmp_find_ah6(struct netns_ipvs *ipvs, const struct sk_buff *skb,
			   struct ip_vs_iphdr *iph)
{
	struct ip_vs_iphdr ah = *iph;

	ah.len = ah.off;
	ah.flags = IP6_FH_F_AUTH;
	ah.protocol = ipv6_find_hdr(skb, &ah.len, -1, &ah.fragoffs, &ah.flags);
	if (ah.protocol != IPPROTO_AH ||
	    !ip_vs_isakmp_dest(ipvs, AF_INET6, skb, &ah))
		return false;
	*iph = ah;
	return true;
}
#endif

/* Tell the client its ESP or AH has no SA here, as a host would */
static void ip_vs_isakmp_unreach(struct netns_ipvs *ipvs, int af,
				 struct sk_buff *skb,
				 const struct ip_vs_iphdr *iph)
{
#ifdef CONFIG_IP_VS_IPV6
	if (af == AF_INET6) {
		if (!skb->dev)
			skb->dev = ipvs->net->loopback_dev;
		icmpv6_send(skb, ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR,
			    ip_vs_isakmp_nexthdr_pointer(skb, iph));
		return;
	}
#endif
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
}

/* ESP or AH that follows no established entry. To an ISAKMP service it is
 * refused with ICMP protocol unreachable (rate-limited by the stack's ICMP
 * limits), so the client learns at once that it has no SA here; anything
 * else passes to the stack as before. Returns the verdict.
 */
int ip_vs_isakmp_esp_stray(struct netns_ipvs *ipvs, int af,
			   struct sk_buff *skb, const struct ip_vs_iphdr *iph)
{
	if (ip_vs_iph_icmp(iph) || ip_vs_iph_inverse(iph) ||
	    !ip_vs_isakmp_dest(ipvs, af, skb, iph))
		return NF_ACCEPT;

	ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_ESP_UNESTAB);
	ip_vs_isakmp_unreach(ipvs, af, skb, iph);
	ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_ICMP_SENT);
	return NF_DROP;
}

/* ---- generic netlink: IPVS_CMD_SET_CONFIG / IPVS_CMD_GET_CONFIG -------- */

static struct ip_vs_proto_data *ip_vs_isakmp_pd(struct netns_ipvs *ipvs)
{
	return ip_vs_proto_data_get(ipvs, IPPROTO_UDP);
}

/* Set the timeouts given (seconds); both are checked before either is set.
 * Zero leaves a timeout as it is, as for the stock ones (ipvsadm --set).
 */
int ip_vs_isakmp_set_timeouts(struct netns_ipvs *ipvs,
			      const struct nlattr *init,
			      const struct nlattr *estab)
{
	struct ip_vs_proto_data *pd = ip_vs_isakmp_pd(ipvs);
	u32 i = init ? nla_get_u32(init) : 0;
	u32 e = estab ? nla_get_u32(estab) : 0;

	if (!pd || i > INT_MAX / HZ || e > INT_MAX / HZ)
		return -EINVAL;
	if (i)
		pd->timeout_table[IP_VS_UDP_S_IKE_INIT] = i * HZ;
	if (e)
		pd->timeout_table[IP_VS_UDP_S_IKE_ESTAB] = e * HZ;
	return 0;
}

int ip_vs_isakmp_put_timeouts(struct netns_ipvs *ipvs, struct sk_buff *msg,
			      int init_attr, int estab_attr)
{
	struct ip_vs_proto_data *pd = ip_vs_isakmp_pd(ipvs);

	if (!pd)
		return 0;
	return nla_put_u32(msg, init_attr,
			   pd->timeout_table[IP_VS_UDP_S_IKE_INIT] / HZ) ||
	       nla_put_u32(msg, estab_attr,
			   pd->timeout_table[IP_VS_UDP_S_IKE_ESTAB] / HZ);
}

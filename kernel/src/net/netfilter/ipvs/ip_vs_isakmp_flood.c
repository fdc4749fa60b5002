// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: what ISAKMP entries in IKE_INIT may cost.
 *
 * A flood of fake IKE_SA_INIT packets from random sources is made of INIT
 * entries that never become established. They are capped per netns and per
 * source address (an approximate count in a fixed array of hashed buckets,
 * so that a flood allocates nothing but the entries it is allowed), are not
 * counted as active connections by the schedulers, and live shorter while
 * the drop_entry defence is active. The cap is checked, and a slot
 * reserved, before a conn is allocated; the conn owns the slot from then
 * on (IP_VS_CONN_F_IKE_INIT) until it is established or dies.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <linux/jhash.h>
#include <linux/math64.h>
#include <linux/random.h>
#include <linux/string.h>
#include <net/ip_vs.h>
#include <net/ipv6.h>

#include "ip_vs_isakmp.h"

/* The bucket of a source: an IPv4 address, or an IPv6 /64, since one host
 * or site holds a whole /64 and could otherwise take a fresh source for
 * every opening.
 */
static atomic_t *ip_vs_isakmp_bucket(struct ip_vs_isakmp_net *in, int af,
				     const union nf_inet_addr *addr)
{
	u32 h;

	if (af == AF_INET6)
		h = jhash_2words((__force u32)addr->in6.s6_addr32[0],
				 (__force u32)addr->in6.s6_addr32[1],
				 in->src_rnd);
	else
		h = jhash_1word((__force u32)addr->ip, in->src_rnd);
	return &in->init_by_src[h & (IP_VS_ISAKMP_SRC_BUCKETS - 1)];
}

/* Take one from @count unless that passes @max; false when full */
static bool ip_vs_isakmp_take(atomic_t *count, int max)
{
	if (atomic_inc_return(count) <= max)
		return true;
	atomic_dec(count);
	return false;
}

/* Reserve an INIT slot for a client's first packet. Returns 0, or the
 * counter of the cap that refused it.
 */
int ip_vs_isakmp_init_reserve(struct netns_ipvs *ipvs, int af,
			      const union nf_inet_addr *saddr)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;
	atomic_t *bucket = ip_vs_isakmp_bucket(in, af, saddr);

	if (!ip_vs_isakmp_take(&in->init_count, READ_ONCE(in->init_max)))
		return IP_VS_ISAKMP_C_INIT_CAP;
	if (!ip_vs_isakmp_take(bucket, READ_ONCE(in->init_max_source))) {
		atomic_dec(&in->init_count);
		return IP_VS_ISAKMP_C_SOURCE_CAP;
	}
	return 0;
}

void ip_vs_isakmp_init_unreserve(struct netns_ipvs *ipvs, int af,
				 const union nf_inet_addr *saddr)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;

	atomic_dec(ip_vs_isakmp_bucket(in, af, saddr));
	atomic_dec(&in->init_count);
}

/* The conn now holds the reserved slot, and does not count as an active
 * connection for lc/wlc/sed/nq until it is established. Under cp->lock.
 */
void ip_vs_isakmp_init_own(struct ip_vs_conn *cp)
{
	struct ip_vs_dest *dest = cp->dest;

	cp->flags |= IP_VS_CONN_F_IKE_INIT;
	if (dest && !(cp->flags & IP_VS_CONN_F_INACTIVE)) {
		atomic_dec(&dest->activeconns);
		cp->flags |= IP_VS_CONN_F_INACTIVE;
	}
}

/* The conn gives its slot back: established, or dying. Under cp->lock. */
static void ip_vs_isakmp_init_release(struct ip_vs_conn *cp)
{
	cp->flags &= ~IP_VS_CONN_F_IKE_INIT;
	if (cp->ipvs->isakmp)
		ip_vs_isakmp_init_unreserve(cp->ipvs, cp->af, &cp->caddr);
}

/* Established: an active connection like any other. Under cp->lock. */
void ip_vs_isakmp_init_done(struct ip_vs_conn *cp)
{
	struct ip_vs_dest *dest = cp->dest;

	if (!(cp->flags & IP_VS_CONN_F_IKE_INIT))
		return;
	ip_vs_isakmp_init_release(cp);
	if (dest && (cp->flags & IP_VS_CONN_F_INACTIVE)) {
		atomic_inc(&dest->activeconns);
		cp->flags &= ~IP_VS_CONN_F_INACTIVE;
	}
}

/* Mark template @ct: a client of its IKE SA got past IKE_SA_INIT */
static void ip_vs_isakmp_ct_claimed(struct ip_vs_conn *ct)
{
	if (READ_ONCE(ct->flags) & IP_VS_CONN_F_IKE_CLAIMED)
		return;
	spin_lock_bh(&ct->lock);
	ct->flags |= IP_VS_CONN_F_IKE_CLAIMED;
	spin_unlock_bh(&ct->lock);
}

/* The client of @cp claimed a responder cookie: it is past IKE_SA_INIT,
 * waiting for its server to confirm (NAT mode). Its template earns the
 * grace below; a flood of openings never does.
 */
void ip_vs_isakmp_template_claimed(struct ip_vs_conn *cp)
{
	struct ip_vs_conn *ct = cp->control;

	if (ct && (ct->flags & IP_VS_CONN_F_TEMPLATE))
		ip_vs_isakmp_ct_claimed(ct);
}

/* How long a claimed template outlives its last INIT entry */
static unsigned long ip_vs_isakmp_grace(struct netns_ipvs *ipvs)
{
	struct ip_vs_proto_data *pd = ip_vs_proto_data_get(ipvs, IPPROTO_UDP);

	if (!pd)
		return 0;
	return 2 * ip_vs_isakmp_init_timeout(ipvs,
				pd->timeout_table[IP_VS_UDP_S_IKE_INIT]);
}

/* Without users, a template that no real server's answer assured goes
 * with its last INIT entry, so that a flood from ever new sources cannot
 * pile up templates. Except that of a client that claimed a responder
 * cookie: its server may be slow to answer IKE_AUTH, the client
 * retransmits at growing intervals (IKEv2: 4, 7.2, 13 s), its INIT entry
 * may time out in between, and its next retransmission must find the
 * server that holds its half-made IKE SA. That template expires two INIT
 * timeouts later; a retransmission in time gives it its full timeout back.
 */
static void ip_vs_isakmp_template_grace(struct ip_vs_conn *cp)
{
	struct ip_vs_conn *ct = cp->control;
	unsigned long grace;

	if (!ct || !(ct->flags & IP_VS_CONN_F_TEMPLATE) ||
	    (ct->state & IP_VS_CTPL_S_ASSURED) ||
	    atomic_read(&ct->n_control) != 1)
		return;
	if (!(ct->flags & IP_VS_CONN_F_IKE_CLAIMED)) {
		cp->timeout = 0;	/* ip_vs_conn_expire() drops it */
		return;
	}
	grace = ip_vs_isakmp_grace(cp->ipvs);
	if (grace && time_before(jiffies + grace, ct->timer.expires))
		mod_timer(&ct->timer, jiffies + grace);
}

/* The template that ip_vs_sched_persist() would look up for a packet of
 * @svc to @dport: the same key (client network, virtual address or
 * fwmark, virtual port, and the IKE SA for the IKE persistence engine),
 * with a reference; NULL if there is none, or another engine keys it.
 */
static struct ip_vs_conn *
ip_vs_isakmp_persist_template(struct ip_vs_service *svc,
			      const struct sk_buff *skb,
			      const struct ip_vs_iphdr *iph, __be16 dport)
{
	union nf_inet_addr fwmark = { .ip = htonl(svc->fwmark) };
	const union nf_inet_addr *vaddr = &iph->daddr;
	__be16 vport = dport == svc->port ? dport : 0;
	int protocol = IPPROTO_UDP;
	struct ip_vs_conn_param p;
	u8 spi[IKE_COOKIE_LEN];
	union nf_inet_addr snet;
	struct ip_vs_pe *pe;
	bool opening;

	if (!(svc->flags & IP_VS_SVC_F_PERSISTENT))
		return NULL;
#ifdef CONFIG_IP_VS_IPV6
	if (svc->af == AF_INET6)
		ipv6_addr_prefix(&snet.in6, &iph->saddr.in6,
				 (__force __u32)svc->netmask);
	else
#endif
		snet.ip = iph->saddr.ip & svc->netmask;
	if (svc->fwmark) {
		protocol = IPPROTO_IP;
		vaddr = &fwmark;
	}
	ip_vs_conn_fill_param(svc->ipvs, svc->af, protocol, &snet, 0, vaddr,
			      vport, &p);
	pe = rcu_dereference(svc->pe);
	if (pe) {
		if (strcmp(pe->name, "ike") ||
		    !ip_vs_isakmp_ike_sa(skb, iph->len,
					 dport == htons(IKE_NATT_PORT), spi,
					 &opening))
			return NULL;
		p.pe = pe;
		p.pe_data = spi;
		p.pe_data_len = sizeof(spi);
	}
	return ip_vs_ct_in_get(&p);
}

/* An INIT cap refused a claim: a client past IKE_SA_INIT (with the IKE
 * persistence engine, one whose SA has a template: its SPI is no blind
 * guess). Behind a busy NAT it meets the cap while the entry of its own
 * opening still holds a slot of the source's budget. It retransmits at
 * growing intervals while that entry times out, and the template of its
 * SA would go with the entry. Mark the template claimed, and give one
 * whose entries are gone the grace again, so that the retransmission that
 * finds room also finds the server holding its half-made IKE SA. Under
 * RCU, from the scheduling of the client's packet.
 */
void ip_vs_isakmp_claim_refused(struct ip_vs_service *svc,
				const struct sk_buff *skb,
				const struct ip_vs_iphdr *iph, __be16 dport)
{
	struct ip_vs_conn *ct;
	unsigned long grace;

	ct = ip_vs_isakmp_persist_template(svc, skb, iph, dport);
	if (!ct)
		return;
	ip_vs_isakmp_ct_claimed(ct);
	grace = ip_vs_isakmp_grace(svc->ipvs);
	if (!atomic_read(&ct->n_control) && !(ct->state & IP_VS_CTPL_S_ASSURED) &&
	    grace && time_before(ct->timer.expires, jiffies + grace))
		mod_timer(&ct->timer, jiffies + grace);
	__ip_vs_conn_put(ct);
}

/* Called once for every conn that dies, ISAKMP or not, before its
 * persistence template is looked at: an exchange nobody completed gives
 * its INIT slot back and leaves no lasting persistence behind.
 */
void ip_vs_isakmp_conn_expire(struct ip_vs_conn *cp)
{
	bool init = false;

	if (!(cp->flags & IP_VS_CONN_F_IKE_INIT))
		return;
	spin_lock_bh(&cp->lock);
	if (cp->flags & IP_VS_CONN_F_IKE_INIT) {
		ip_vs_isakmp_init_release(cp);
		init = true;
	}
	spin_unlock_bh(&cp->lock);
	if (init)
		ip_vs_isakmp_template_grace(cp);
}

/* The lifetime of an INIT entry that no real server answered: an opening,
 * or a claim waiting for its server. A flood from random sources is made
 * of such entries, and refusing openings once the caps are full would
 * refuse the real clients with them. So they live shorter as they fill
 * the room: every sixteenth of it halves their lifetime, and from a
 * quarter on they get the floor below. A lifetime is set when a packet
 * comes; the entries a flood made while it was starting keep theirs, at
 * most a quarter of the room. A flood of R openings a second then holds
 * n = R * T >> (16n / room) of them, at most half the room for R up to
 * 2.5 * room / T and all of it at 7.5 * room / T, and the openings of
 * real clients find slots; the flood's own entries pay, by dying young.
 * The room is the smaller of isakmp_init_max and a quarter of the
 * per-source buckets' total, so that a flood spread over the buckets
 * leaves each one far below isakmp_init_max_source as well. The lifetime
 * never goes below a tenth of the timeout: an opening's entry holds its
 * IKE SA's persistence template until the client's next message, a round
 * trip to the client later. A flood faster than that floor fills the
 * caps again, and the caps refuse, as before. Reads one atomic: no work
 * per packet beyond that.
 */
unsigned long ip_vs_isakmp_flood_timeout(struct netns_ipvs *ipvs,
					 unsigned long timeout)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;
	unsigned long floor;
	u64 room, shift;

	if (!in)
		return timeout;
	room = min_t(u64, READ_ONCE(in->init_max),
		     (u64)READ_ONCE(in->init_max_source) *
		     (IP_VS_ISAKMP_SRC_BUCKETS / 4));
	if (!room)
		return timeout;
	shift = div64_u64(16 * (u64)max(atomic_read(&in->init_count), 0), room);
	if (!shift)
		return timeout;
	floor = max(timeout / 10, 1UL);
	if (shift >= BITS_PER_LONG)
		return floor;
	return max(timeout >> shift, floor);
}

/* The INIT timeout, shorter while the director defends its memory */
unsigned long ip_vs_isakmp_init_timeout(struct netns_ipvs *ipvs,
					unsigned long timeout)
{
	struct ip_vs_isakmp_net *in = ipvs->isakmp;

	if (in && atomic_read(&ipvs->dropentry))
		return min_t(unsigned long, timeout,
			     READ_ONCE(in->defense_init_timeout));
	return timeout;
}

void ip_vs_isakmp_flood_init(struct ip_vs_isakmp_net *in)
{
	int i;

	get_random_bytes(&in->src_rnd, sizeof(in->src_rnd));
	atomic_set(&in->init_count, 0);
	for (i = 0; i < IP_VS_ISAKMP_SRC_BUCKETS; i++)
		atomic_set(&in->init_by_src[i], 0);
	in->init_max = ISAKMP_INIT_MAX;
	in->init_max_source = ISAKMP_INIT_MAX_SOURCE;
	in->defense_init_timeout = ISAKMP_DEFENSE_INIT_TIMEOUT;
}

/* What /proc/net/ip_vs_isakmp shows besides the counters */
int ip_vs_isakmp_init_entries(struct netns_ipvs *ipvs)
{
	return ipvs->isakmp ? atomic_read(&ipvs->isakmp->init_count) : 0;
}

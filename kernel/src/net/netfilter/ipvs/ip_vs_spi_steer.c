// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: steer IKE and ESP by the SPIs the real servers allocate.
 *
 * A real server told to put a label into its IKE SPIs (strongSwan:
 * charon.spi_mask, charon.spi_label) and to draw the SPIs of its inbound
 * ESP SAs from a range (charon.spi_min, charon.spi_max) makes every packet
 * of a tunnel name its server, past the first message: IKE by the SPI the
 * server chose, ESP and AH by the SPI of the server's inbound SA. With the
 * labels and ranges given to IPVS per real server, any director can then
 * forward any packet of any tunnel with no state shared with the others.
 * Only an opening (responder SPI zero) names no server; it is placed by a
 * rendezvous hash of its initiator SPI over the real servers that take new
 * tunnels, which every director with the same servers computes alike.
 *
 * The ISAKMP entries keep their rules: an IKE message makes or follows an
 * entry as on any ISAKMP service, after the label of the server's SPI has
 * been checked. ESP, raw or in UDP, that follows no entry is forwarded on
 * its own to the server of its SPI by a connection that lives for that
 * packet only: it creates no state, so a spoofer's flood costs no memory,
 * and the server drops what it holds no SA for. What names no real server
 * is refused like stray traffic: IKE is dropped, ESP and AH answered with
 * ICMP by the caller.
 *
 * Only DR and TUN real servers are used: through NAT the servers' replies
 * go back through the one director that is their gateway, which then has
 * to know every tunnel.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/udp.h>
#include <net/ip_vs.h>

#include "ip_vs_isakmp.h"
#include "ip_vs_spi.h"

/* RFC 7296 3.1: set by the original initiator of the IKE SA */
#define IKE_FLAG_V2_INITIATOR	0x08
/* RFC 4302 2: the SPI follows next header, length and reserved */
#define AH_SPI_OFFSET		4

/* Every director must hash alike: a fixed seed, not a random one */
#define IP_VS_SPI_HASH_SEED	0x49534b4d

/* An IKE SPI as a number, its first byte on the wire the highest, as
 * strongSwan's spi_label and spi_mask are written
 */
static u64 ip_vs_spi_ike_value(const u8 *spi)
{
	__be64 value;

	memcpy(&value, spi, sizeof(value));
	return be64_to_cpu(value);
}

static bool ip_vs_spi_dest_usable(const struct ip_vs_dest *dest)
{
	return IP_VS_DFWD_METHOD(dest) != IP_VS_CONN_F_MASQ;
}

static bool ip_vs_spi_label_is(const struct ip_vs_dest *dest, u64 spi)
{
	u64 mask = READ_ONCE(dest->spi.mask);

	return mask && (spi & mask) == READ_ONCE(dest->spi.label);
}

static bool ip_vs_spi_range_has(const struct ip_vs_dest *dest, u32 spi)
{
	u32 max = READ_ONCE(dest->spi.max);

	return max && spi >= READ_ONCE(dest->spi.min) && spi <= max;
}

/* The real server whose label an IKE SPI carries. A server that takes no
 * new tunnels (weight 0) still holds its old ones. @hint, the server of
 * the flow's entry if any, is tried first: no two servers of a service
 * share a label, so when it holds the SPI no other does, and the packets
 * of a tunnel its entry already follows cost no walk of the servers.
 */
static struct ip_vs_dest *ip_vs_spi_label_owner(struct ip_vs_service *svc,
						struct ip_vs_dest *hint,
						const u8 *spi)
{
	u64 value = ip_vs_spi_ike_value(spi);
	struct ip_vs_dest *dest;

	if (hint && ip_vs_spi_dest_usable(hint) &&
	    ip_vs_spi_label_is(hint, value))
		return hint;
	list_for_each_entry_rcu(dest, &svc->destinations, n_list)
		if (ip_vs_spi_dest_usable(dest) &&
		    ip_vs_spi_label_is(dest, value))
			return dest;
	return NULL;
}

/* The real server whose range holds an ESP SPI; @hint as above */
static struct ip_vs_dest *ip_vs_spi_range_owner(struct ip_vs_service *svc,
						struct ip_vs_dest *hint,
						u32 spi)
{
	struct ip_vs_dest *dest;

	if (hint && ip_vs_spi_dest_usable(hint) &&
	    ip_vs_spi_range_has(hint, spi))
		return hint;
	list_for_each_entry_rcu(dest, &svc->destinations, n_list)
		if (ip_vs_spi_dest_usable(dest) &&
		    ip_vs_spi_range_has(dest, spi))
			return dest;
	return NULL;
}

/* Rendezvous hashing: the server with the highest hash of (initiator
 * SPI, label) takes the opening. Taking a server out moves only its own
 * openings, and every director that has the same servers picks the same
 * one, whatever order they were added in. Weights count only as zero
 * (no new tunnels) or not.
 */
static struct ip_vs_dest *ip_vs_spi_opening(struct ip_vs_service *svc,
					    const u8 *ispi)
{
	u64 key = ip_vs_spi_ike_value(ispi);
	struct ip_vs_dest *dest, *best = NULL;
	u32 score, best_score = 0;

	list_for_each_entry_rcu(dest, &svc->destinations, n_list) {
		u64 label = READ_ONCE(dest->spi.label);

		if (!ip_vs_spi_dest_usable(dest) ||
		    !READ_ONCE(dest->spi.mask) ||
		    atomic_read(&dest->weight) <= 0)
			continue;
		score = jhash_3words((u32)(key >> 32), (u32)key,
				     (u32)(label >> 32) ^ (u32)label,
				     IP_VS_SPI_HASH_SEED);
		if (!best || score > best_score) {
			best = dest;
			best_score = score;
		}
	}
	return best;
}

/* The server an IKE message names. IKEv2 says which SPI is the server's:
 * the original initiator sets the I flag, so a client's message with it
 * carries the server's SPI second, and one without it (an IKE SA the
 * server created by a rekey it started) first. IKEv1 cookies carry no
 * such flag: the responder cookie is tried first, since clients initiate.
 */
static struct ip_vs_dest *ip_vs_spi_ike_owner(struct ip_vs_service *svc,
					      struct ip_vs_dest *hint,
					      const struct ike_pkt *pkt)
{
	struct ip_vs_dest *dest;

	if (!memchr_inv(pkt->ck.rcookie, 0, IKE_COOKIE_LEN))
		return ip_vs_spi_opening(svc, pkt->ck.icookie);
	if (pkt->version == 2)
		return ip_vs_spi_label_owner(svc, hint,
					     pkt->flags & IKE_FLAG_V2_INITIATOR ?
					     pkt->ck.rcookie : pkt->ck.icookie);
	dest = ip_vs_spi_label_owner(svc, hint, pkt->ck.rcookie);
	return dest ? : ip_vs_spi_label_owner(svc, hint, pkt->ck.icookie);
}

/* The server a UDP datagram to 500 or 4500 names, if any */
static struct ip_vs_dest *ip_vs_spi_udp_owner(struct ip_vs_service *svc,
					      struct ip_vs_dest *hint,
					      const struct sk_buff *skb,
					      const struct ip_vs_iphdr *iph,
					      struct ike_pkt *pkt)
{
	struct udphdr _uh;
	const struct udphdr *uh;

	pkt->kind = IKE_PKT_BAD;
	uh = skb_header_pointer(skb, iph->len, sizeof(_uh), &_uh);
	if (!uh || !ip_vs_isakmp_classify(skb, iph->len,
					  uh->dest == htons(IKE_NATT_PORT),
					  pkt))
		return NULL;
	switch (pkt->kind) {
	case IKE_PKT_ISAKMP:
		return ip_vs_spi_ike_owner(svc, hint, pkt);
	case IKE_PKT_ESP:
		return ip_vs_spi_range_owner(svc, hint, pkt->spi);
	default:
		return NULL;
	}
}

/* The server a raw ESP or AH packet names, if any */
static struct ip_vs_dest *ip_vs_spi_esp_owner(struct ip_vs_service *svc,
					      struct ip_vs_dest *hint,
					      const struct sk_buff *skb,
					      const struct ip_vs_iphdr *iph)
{
	unsigned int off = iph->len;
	__be32 _spi;
	const __be32 *spi;

	if (iph->fragoffs)
		return NULL;
	if (iph->protocol == IPPROTO_AH)
		off += AH_SPI_OFFSET;
	spi = skb_header_pointer(skb, off, sizeof(_spi), &_spi);
	return spi ? ip_vs_spi_range_owner(svc, hint, ntohl(*spi)) : NULL;
}

/**
 * ip_vs_spi_schedule - the real server a packet's SPI names
 * @svc: an ISAKMP service using the "spi" scheduler
 * @skb: the packet: UDP to 500 or 4500, or ESP or AH
 * @iph: its parsed IP header
 *
 * An opening gets the server its initiator SPI hashes to. NULL when the
 * packet names no server of the service. Under RCU.
 */
struct ip_vs_dest *ip_vs_spi_schedule(struct ip_vs_service *svc,
				      const struct sk_buff *skb,
				      struct ip_vs_iphdr *iph)
{
	struct ike_pkt pkt;

	switch (iph->protocol) {
	case IPPROTO_UDP:
		return ip_vs_spi_udp_owner(svc, NULL, skb, iph, &pkt);
	case IPPROTO_ESP:
	case IPPROTO_AH:
		return ip_vs_spi_esp_owner(svc, NULL, skb, iph);
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(ip_vs_spi_schedule);

/* Does @svc steer by SPIs? Under RCU. */
bool ip_vs_spi_svc(const struct ip_vs_service *svc)
{
	struct ip_vs_scheduler *sched = rcu_dereference(svc->scheduler);

	return sched && sched->schedule == ip_vs_spi_schedule;
}

/* A connection for this one packet: IPVS frees it once it is sent */
static struct ip_vs_conn *ip_vs_spi_one_packet(struct ip_vs_service *svc,
					       const struct sk_buff *skb,
					       const struct ip_vs_iphdr *iph,
					       struct ip_vs_dest *dest,
					       __be16 cport, __be16 vport)
{
	struct ip_vs_conn_param p;

	ip_vs_conn_fill_param(svc->ipvs, svc->af, iph->protocol, &iph->saddr,
			      cport, &iph->daddr, vport, &p);
	ip_vs_isakmp_count(svc->ipvs, IP_VS_ISAKMP_C_SPI_STEERED);
	return ip_vs_conn_new(&p, dest->af, &dest->addr,
			      dest->port ? : vport, IP_VS_CONN_F_ONE_PACKET,
			      dest, skb->mark);
}

/* The server a packet of an entry names, @hint (the entry's server, if
 * in the service) asked first: an IKE message past the opening, ESP in
 * UDP, raw ESP and AH. NULL for others, openings included: a client's
 * new IKE SA from a flow that has an entry stays with that entry's
 * server, as on any ISAKMP service.
 */
static struct ip_vs_dest *ip_vs_spi_named(struct ip_vs_service *svc,
					  struct ip_vs_dest *hint,
					  const struct sk_buff *skb,
					  const struct ip_vs_iphdr *iph)
{
	struct ip_vs_dest *dest;
	struct ike_pkt pkt;

	if (iph->protocol != IPPROTO_UDP)
		return ip_vs_spi_esp_owner(svc, hint, skb, iph);
	dest = ip_vs_spi_udp_owner(svc, hint, skb, iph, &pkt);
	if (pkt.kind == IKE_PKT_ISAKMP &&
	    !memchr_inv(pkt.ck.rcookie, 0, IKE_COOKIE_LEN))
		return NULL;
	return dest;
}

/* The ports of a UDP packet's connection, none for ESP and AH */
static void ip_vs_spi_ports(const struct sk_buff *skb,
			    const struct ip_vs_iphdr *iph, __be16 *ports)
{
	__be16 _ports[2];
	const __be16 *p = NULL;

	if (iph->protocol == IPPROTO_UDP)
		p = skb_header_pointer(skb, iph->len, sizeof(_ports), _ports);
	ports[0] = p ? p[0] : 0;
	ports[1] = p ? p[1] : 0;
}

/**
 * ip_vs_spi_follow - the connection a packet of an entry takes
 * @cp: the entry the packet belongs to, held
 * @skb: the packet, from the client
 * @iph: its parsed IP header
 *
 * On a service that steers by SPIs the SPI is the authority: a packet
 * whose SPI names another real server than its entry's (the client's IKE
 * SA moved while another director had its flow) goes to that server, by
 * a connection for this packet alone, and the entry is left as it is.
 * Returns @cp, or that connection with @cp put. Under RCU.
 */
struct ip_vs_conn *ip_vs_spi_follow(struct ip_vs_conn *cp,
				    const struct sk_buff *skb,
				    const struct ip_vs_iphdr *iph)
{
	struct ip_vs_dest *dest = cp->dest, *hint, *named;
	struct ip_vs_service *svc;
	struct ip_vs_conn *one;
	__be16 ports[2];

	if (!dest || cp->flags & IP_VS_CONN_F_ONE_PACKET ||
	    ip_vs_iph_icmp(iph) || ip_vs_iph_inverse(iph))
		return cp;
	svc = rcu_dereference(dest->svc);
	if (!svc || !ip_vs_spi_svc(svc))
		return cp;
	/* a server taken out of the service owns no SPI for the walk either */
	hint = dest->cflags & IP_VS_DEST_CF_AVAILABLE ? dest : NULL;
	named = ip_vs_spi_named(svc, hint, skb, iph);
	if (!named || named == dest)
		return cp;
	ip_vs_spi_ports(skb, iph, ports);
	one = ip_vs_spi_one_packet(svc, skb, iph, named, ports[0], ports[1]);
	if (!one)
		return cp;
	__ip_vs_conn_put(cp);
	return one;
}

/**
 * ip_vs_spi_udp_schedule - the first packet of a UDP flow to 500 or 4500
 * @svc: an ISAKMP service
 * @skb: the packet
 * @iph: its parsed IP header
 * @cpp: out: a connection for this packet alone, for ESP in UDP
 *
 * On a service that steers by SPIs, IKE that names no real server, and
 * ESP in UDP whose SPI no server's range holds, are dropped; ESP in UDP
 * that follows no entry is sent to the server of its SPI alone. Other
 * packets (and every packet of other services) go on to the ISAKMP rules
 * and to the scheduler. Returns the verdict.
 */
int ip_vs_spi_udp_schedule(struct ip_vs_service *svc, struct sk_buff *skb,
			   const struct ip_vs_iphdr *iph,
			   struct ip_vs_conn **cpp)
{
	struct ip_vs_dest *dest;
	struct ike_pkt pkt;
	__be16 ports[2];

	if (!ip_vs_spi_svc(svc))
		return NF_ACCEPT;
	dest = ip_vs_spi_udp_owner(svc, NULL, skb, iph, &pkt);
	if (pkt.kind != IKE_PKT_ISAKMP && pkt.kind != IKE_PKT_ESP)
		return NF_ACCEPT;	/* the ISAKMP rules drop and count it */
	if (!dest) {
		ip_vs_isakmp_count(svc->ipvs, IP_VS_ISAKMP_C_SPI_UNKNOWN);
		return NF_DROP;
	}
	if (pkt.kind == IKE_PKT_ISAKMP)
		return NF_ACCEPT;
	ip_vs_spi_ports(skb, iph, ports);
	*cpp = ip_vs_spi_one_packet(svc, skb, iph, dest, ports[0], ports[1]);
	return *cpp ? NF_ACCEPT : NF_DROP;
}

/**
 * ip_vs_spi_esp_schedule - raw ESP or AH that follows no entry
 * @ipvs: the netns
 * @af: its address family
 * @skb: the packet
 * @iph: its parsed IP header
 *
 * To a virtual address whose ISAKMP service (UDP 500) steers by SPIs, the
 * packet goes to the real server whose range holds its SPI, by a
 * connection for this packet alone. NULL otherwise: the caller refuses
 * the packet as stray.
 */
struct ip_vs_conn *ip_vs_spi_esp_schedule(struct netns_ipvs *ipvs, int af,
					  struct sk_buff *skb,
					  const struct ip_vs_iphdr *iph)
{
	const __be16 port = htons(IKE_PORT);
	struct ip_vs_service *svc;
	struct ip_vs_dest *dest;

	if (ip_vs_iph_icmp(iph) || ip_vs_iph_inverse(iph))
		return NULL;
	svc = ip_vs_service_find(ipvs, af, skb->mark, IPPROTO_UDP,
				 &iph->daddr, port);
	if (!svc || !ip_vs_isakmp_svc(ipvs, svc, port) || !ip_vs_spi_svc(svc))
		return NULL;
	dest = ip_vs_spi_esp_owner(svc, NULL, skb, iph);
	if (!dest) {
		ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_SPI_UNKNOWN);
		return NULL;
	}
	return ip_vs_spi_one_packet(svc, skb, iph, dest, 0, 0);
}

/* ---- the real servers' settings ----------------------------------------- */

void ip_vs_spi_parse_dest(struct ip_vs_dest_user_kern *udest,
			  struct nlattr **attrs)
{
	if (attrs[IPVS_DEST_ATTR_SPI_MASK]) {
		udest->spi_given |= IP_VS_DEST_SPI_LABEL;
		udest->spi.mask = nla_get_u64(attrs[IPVS_DEST_ATTR_SPI_MASK]);
		if (attrs[IPVS_DEST_ATTR_SPI_LABEL])
			udest->spi.label =
				nla_get_u64(attrs[IPVS_DEST_ATTR_SPI_LABEL]);
	}
	if (attrs[IPVS_DEST_ATTR_SPI_MAX]) {
		udest->spi_given |= IP_VS_DEST_SPI_RANGE;
		udest->spi.max = nla_get_u32(attrs[IPVS_DEST_ATTR_SPI_MAX]);
		if (attrs[IPVS_DEST_ATTR_SPI_MIN])
			udest->spi.min =
				nla_get_u32(attrs[IPVS_DEST_ATTR_SPI_MIN]);
	}
}

static bool ip_vs_spi_overlap(const struct ip_vs_dest_spi *a,
			      const struct ip_vs_dest_spi *b)
{
	u64 common = a->mask & b->mask;

	if (a->mask && b->mask && !((a->label ^ b->label) & common))
		return true;
	return a->max && b->max && a->min <= b->max && b->min <= a->max;
}

/**
 * ip_vs_spi_check_dest - the settings a real server is to have
 * @svc: its service
 * @udest: the request; its settings are completed from @dest
 * @dest: the server being edited, NULL when it is being added
 *
 * What the request does not give stays as it is (an edit that only sets a
 * weight, as keepalived's, keeps them). Two servers of a service must not
 * share a label or an SPI: a packet would name both. Under __ip_vs_mutex.
 */
int ip_vs_spi_check_dest(struct ip_vs_service *svc,
			 struct ip_vs_dest_user_kern *udest,
			 const struct ip_vs_dest *dest)
{
	struct ip_vs_dest_spi *s = &udest->spi;
	struct ip_vs_dest *other;

	if (dest && !(udest->spi_given & IP_VS_DEST_SPI_LABEL)) {
		s->label = dest->spi.label;
		s->mask = dest->spi.mask;
	}
	if (dest && !(udest->spi_given & IP_VS_DEST_SPI_RANGE)) {
		s->min = dest->spi.min;
		s->max = dest->spi.max;
	}
	if (s->label & ~s->mask || s->min > s->max)
		return -EINVAL;
	list_for_each_entry(other, &svc->destinations, n_list)
		if (other != dest && ip_vs_spi_overlap(s, &other->spi))
			return -EADDRINUSE;
	return 0;
}

/* Readers under RCU may see a half-updated setting while an admin edits
 * it: a packet or two may then go where the old or new setting says.
 */
void ip_vs_spi_update_dest(struct ip_vs_dest *dest,
			   const struct ip_vs_dest_user_kern *udest)
{
	WRITE_ONCE(dest->spi.mask, 0);
	WRITE_ONCE(dest->spi.label, udest->spi.label);
	WRITE_ONCE(dest->spi.mask, udest->spi.mask);
	WRITE_ONCE(dest->spi.max, 0);
	WRITE_ONCE(dest->spi.min, udest->spi.min);
	WRITE_ONCE(dest->spi.max, udest->spi.max);
}

/* Only what is set, so that a dump without the feature is as before */
int ip_vs_spi_fill_dest(struct sk_buff *skb, const struct ip_vs_dest *dest)
{
	if (dest->spi.mask &&
	    (nla_put_u64_64bit(skb, IPVS_DEST_ATTR_SPI_LABEL, dest->spi.label,
			       IPVS_DEST_ATTR_PAD) ||
	     nla_put_u64_64bit(skb, IPVS_DEST_ATTR_SPI_MASK, dest->spi.mask,
			       IPVS_DEST_ATTR_PAD)))
		return -EMSGSIZE;
	if (dest->spi.max &&
	    (nla_put_u32(skb, IPVS_DEST_ATTR_SPI_MIN, dest->spi.min) ||
	     nla_put_u32(skb, IPVS_DEST_ATTR_SPI_MAX, dest->spi.max)))
		return -EMSGSIZE;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: the IKE persistence engine, one real server per IKE SA.
 *
 * Persistence by client address ties a client's IKE on 500 and 4500 and
 * its ESP to one real server, but also every client behind one NAT
 * address, and it loses a client whose address changes (MOBIKE, RFC
 * 4555). With "--pe ike" on a persistent service, the template of an IKE
 * message is keyed on its initiator SPI (IKEv1: initiator cookie), which
 * the initiator picks at random for each new IKE SA and which every later
 * message of that SA carries, whatever its addresses and ports: a new IKE
 * SA is scheduled on its own, and its later flows (to 4500 from another
 * NAT port, back to 500, from a new address) find the same real server.
 *
 * Other UDP ports of the service keep persistence by address. Datagrams
 * to 500 or 4500 that are no ISAKMP message (ESP in UDP, NAT-keepalives)
 * name no IKE SA and are dropped when they would need a template: they
 * belong to a flow whose entry exists, and a flow that lost its entry
 * must not be pinned to a server chosen without its IKE SA. For the same
 * reason only a message that opens an IKE SA (responder SPI zero) is
 * scheduled: a later one whose SA has no template left (its server died,
 * or the template expired) is dropped, and the client starts over.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/ip_vs.h>

#include "ip_vs_isakmp.h"

static int ip_vs_ike_fill_param(struct ip_vs_conn_param *p,
				struct sk_buff *skb)
{
	u8 spi[IKE_COOKIE_LEN];
	struct ip_vs_iphdr iph;
	const struct udphdr *uh;
	struct udphdr _uh;
	bool opening;

	/* what is not UDP to an IKE port keeps persistence by address */
	if (!ip_vs_fill_iph_skb(p->af, skb, false, &iph) ||
	    iph.protocol != IPPROTO_UDP || iph.fragoffs)
		return 0;
	uh = skb_header_pointer(skb, iph.len, sizeof(_uh), &_uh);
	if (!uh || (uh->dest != htons(IKE_PORT) &&
		    uh->dest != htons(IKE_NATT_PORT)))
		return 0;

	if (!ip_vs_isakmp_ike_sa(skb, iph.len,
				 uh->dest == htons(IKE_NATT_PORT), spi, &opening))
		return -EINVAL;
	p->pe_data = kmemdup(spi, sizeof(spi), GFP_ATOMIC);
	if (!p->pe_data)
		return -ENOMEM;
	p->pe_data_len = sizeof(spi);
	/* past IKE_SA_INIT: only the SA's template knows its server */
	if (!opening && !ip_vs_isakmp_sa_template(p)) {
		kfree(p->pe_data);
		p->pe_data = NULL;
		p->pe_data_len = 0;
		return -ENOENT;
	}
	return 0;
}

/* The template of the IKE SA, wherever the client now is: the client's
 * address and ports are not compared, so that a NAT's new port or a
 * MOBIKE address finds the template of the first flow.
 */
static bool ip_vs_ike_ct_match(const struct ip_vs_conn_param *p,
			       struct ip_vs_conn *ct)
{
	/* IPPROTO_IP: vaddr holds a fwmark, compared as an IPv4 word */
	int vaf = p->protocol == IPPROTO_IP ? AF_UNSPEC : p->af;

	return ct->af == p->af &&
	       ct->flags & IP_VS_CONN_F_TEMPLATE &&
	       ct->protocol == p->protocol &&
	       ip_vs_addr_equal(vaf, p->vaddr, &ct->vaddr) &&
	       ct->vport == p->vport &&
	       ct->pe_data && ct->pe_data_len == IKE_COOKIE_LEN &&
	       p->pe_data_len == IKE_COOKIE_LEN &&
	       !memcmp(ct->pe_data, p->pe_data, IKE_COOKIE_LEN);
}

/* The SPI alone: the conn table hashes a template with no virtual address
 * at hand (ip_vs_conn_hashkey_conn), so the key must be what the template
 * itself holds. A template synced from a master may hold pe_data of any
 * length; hash what is there.
 */
static u32 ip_vs_ike_hashkey_raw(const struct ip_vs_conn_param *p,
				 u32 initval, bool inverse)
{
	return jhash(p->pe_data, p->pe_data_len, initval);
}

/* The SPI in hex, as strongSwan prints it; never more than its 8 bytes */
static int ip_vs_ike_show_pe_data(const struct ip_vs_conn *cp, char *buf)
{
	int len = min_t(int, cp->pe_data_len, IKE_COOKIE_LEN);

	return sprintf(buf, "%*phN", len, cp->pe_data);
}

static struct ip_vs_pe ip_vs_ike_pe = {
	.name =			"ike",
	.refcnt =		ATOMIC_INIT(0),
	.module =		THIS_MODULE,
	.n_list =		LIST_HEAD_INIT(ip_vs_ike_pe.n_list),
	.fill_param =		ip_vs_ike_fill_param,
	.ct_match =		ip_vs_ike_ct_match,
	.hashkey_raw =		ip_vs_ike_hashkey_raw,
	.show_pe_data =		ip_vs_ike_show_pe_data,
};

static int __init ip_vs_ike_pe_init(void)
{
	return register_ip_vs_pe(&ip_vs_ike_pe);
}

static void __exit ip_vs_ike_pe_cleanup(void)
{
	unregister_ip_vs_pe(&ip_vs_ike_pe);
	synchronize_rcu();
}

module_init(ip_vs_ike_pe_init);
module_exit(ip_vs_ike_pe_cleanup);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IPVS persistence engine keyed on the IKE SA");

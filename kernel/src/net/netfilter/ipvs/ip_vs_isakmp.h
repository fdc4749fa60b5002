/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IPVS: ISAKMP entries for UDP 500 and 4500, the glue between the protocol
 * core (ip_vs_ike.c) and IPVS. Private to net/netfilter/ipvs.
 */
#ifndef _IP_VS_ISAKMP_H
#define _IP_VS_ISAKMP_H

#include <net/ip_vs.h>
#include <net/netlink.h>

#include "ip_vs_ike.h"

/* Counters: the core's reasons first, then what only the glue sees */
enum {
	IP_VS_ISAKMP_C_UDP_BAD = IKE_R_MAX,	/* UDP length inconsistent */
	IP_VS_ISAKMP_C_ESP_UNESTAB,	/* ESP/AH, no established entry */
	IP_VS_ISAKMP_C_AH_NAT,		/* AH on a NAT entry: refused */
	IP_VS_ISAKMP_C_ICMP_SENT,	/* protocol unreachable answered */
	IP_VS_ISAKMP_C_MAX
};

static inline bool ip_vs_isakmp_conn(const struct ip_vs_conn *cp)
{
	return cp->protocol == IPPROTO_UDP &&
	       cp->state >= IP_VS_UDP_S_IKE_NEW &&
	       cp->state < IP_VS_UDP_S_LAST;
}

static inline bool ip_vs_isakmp_established(const struct ip_vs_conn *cp)
{
	return cp->protocol == IPPROTO_UDP &&
	       cp->state == IP_VS_UDP_S_IKE_ESTAB;
}

bool ip_vs_isakmp_svc(struct netns_ipvs *ipvs,
		      const struct ip_vs_service *svc, __be16 vport);
int ip_vs_isakmp_conn_schedule(struct netns_ipvs *ipvs,
			       const struct sk_buff *skb,
			       const struct ip_vs_iphdr *iph, __be16 vport);
void ip_vs_isakmp_conn_new(struct ip_vs_conn *cp);
int ip_vs_isakmp_state_transition(struct ip_vs_conn *cp, int direction,
				  const struct sk_buff *skb,
				  struct ip_vs_proto_data *pd,
				  unsigned int iph_len);
void ip_vs_isakmp_count(struct netns_ipvs *ipvs, unsigned int counter);
int ip_vs_isakmp_set_timeouts(struct netns_ipvs *ipvs,
			      const struct nlattr *init,
			      const struct nlattr *estab);
int ip_vs_isakmp_put_timeouts(struct netns_ipvs *ipvs, struct sk_buff *msg,
			      int init_attr, int estab_attr);
int ip_vs_isakmp_net_init(struct netns_ipvs *ipvs,
			  struct ip_vs_proto_data *pd);
void ip_vs_isakmp_net_cleanup(struct netns_ipvs *ipvs);

/*
 * ESP and AH: ISAKMP entries live in the UDP protocol; without it, ESP
 * and AH keep the stock behaviour.
 */
#ifdef CONFIG_IP_VS_PROTO_UDP
struct ip_vs_conn *ip_vs_isakmp_esp_in_get(struct netns_ipvs *ipvs,
					   struct ip_vs_conn_param *p,
					   const struct ip_vs_iphdr *iph);
struct ip_vs_conn *ip_vs_isakmp_esp_out_get(struct ip_vs_conn_param *p);
int ip_vs_isakmp_esp_stray(struct netns_ipvs *ipvs, int af,
			   struct sk_buff *skb, const struct ip_vs_iphdr *iph);
bool ip_vs_isakmp_find_ah6(struct netns_ipvs *ipvs, const struct sk_buff *skb,
			   struct ip_vs_iphdr *iph);
#else
static inline struct ip_vs_conn *
ip_vs_isakmp_esp_in_get(struct netns_ipvs *ipvs, struct ip_vs_conn_param *p,
			const struct ip_vs_iphdr *iph)
{
	return ip_vs_conn_in_get(p);
}

static inline struct ip_vs_conn *
ip_vs_isakmp_esp_out_get(struct ip_vs_conn_param *p)
{
	return ip_vs_conn_out_get(p);
}

static inline int ip_vs_isakmp_esp_stray(struct netns_ipvs *ipvs, int af,
					 struct sk_buff *skb,
					 const struct ip_vs_iphdr *iph)
{
	return NF_ACCEPT;
}

static inline bool ip_vs_isakmp_find_ah6(struct netns_ipvs *ipvs,
					 const struct sk_buff *skb,
					 struct ip_vs_iphdr *iph)
{
	return false;
}
#endif

#endif /* _IP_VS_ISAKMP_H */

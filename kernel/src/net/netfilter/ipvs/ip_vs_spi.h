/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IPVS: steering IKE and ESP by the SPIs the real servers allocate
 * (ip_vs_spi_steer.c), used by the "spi" scheduler (ip_vs_spi.c). Private
 * to net/netfilter/ipvs.
 */
#ifndef _IP_VS_SPI_H
#define _IP_VS_SPI_H

#include <net/ip_vs.h>
#include <net/netlink.h>

/* Which of a real server's SPI settings a netlink request carries */
#define IP_VS_DEST_SPI_LABEL	BIT(0)
#define IP_VS_DEST_SPI_RANGE	BIT(1)

struct ip_vs_dest *ip_vs_spi_schedule(struct ip_vs_service *svc,
				      const struct sk_buff *skb,
				      struct ip_vs_iphdr *iph);
bool ip_vs_spi_svc(const struct ip_vs_service *svc);
int ip_vs_spi_udp_schedule(struct ip_vs_service *svc, struct sk_buff *skb,
			   const struct ip_vs_iphdr *iph,
			   struct ip_vs_conn **cpp);

/* What other protocols and ip_vs_ctl.c call: ISAKMP services live in the
 * UDP protocol, and without it nothing is steered.
 */
#ifdef CONFIG_IP_VS_PROTO_UDP
struct ip_vs_conn *ip_vs_spi_follow(struct ip_vs_conn *cp,
				    const struct sk_buff *skb,
				    const struct ip_vs_iphdr *iph);
struct ip_vs_conn *ip_vs_spi_esp_schedule(struct netns_ipvs *ipvs, int af,
					  struct sk_buff *skb,
					  const struct ip_vs_iphdr *iph);
void ip_vs_spi_parse_dest(struct ip_vs_dest_user_kern *udest,
			  struct nlattr **attrs);
int ip_vs_spi_check_dest(struct ip_vs_service *svc,
			 struct ip_vs_dest_user_kern *udest,
			 const struct ip_vs_dest *dest);
void ip_vs_spi_update_dest(struct ip_vs_dest *dest,
			   const struct ip_vs_dest_user_kern *udest);
int ip_vs_spi_fill_dest(struct sk_buff *skb, const struct ip_vs_dest *dest);
#else
static inline struct ip_vs_conn *
ip_vs_spi_follow(struct ip_vs_conn *cp, const struct sk_buff *skb,
		 const struct ip_vs_iphdr *iph)
{
	return cp;
}

static inline struct ip_vs_conn *
ip_vs_spi_esp_schedule(struct netns_ipvs *ipvs, int af, struct sk_buff *skb,
		       const struct ip_vs_iphdr *iph)
{
	return NULL;
}

static inline void ip_vs_spi_parse_dest(struct ip_vs_dest_user_kern *udest,
					struct nlattr **attrs)
{
}

static inline int ip_vs_spi_check_dest(struct ip_vs_service *svc,
				       struct ip_vs_dest_user_kern *udest,
				       const struct ip_vs_dest *dest)
{
	return 0;
}

static inline void
ip_vs_spi_update_dest(struct ip_vs_dest *dest,
		      const struct ip_vs_dest_user_kern *udest)
{
}

static inline int ip_vs_spi_fill_dest(struct sk_buff *skb,
				      const struct ip_vs_dest *dest)
{
	return 0;
}
#endif

#endif /* _IP_VS_SPI_H */

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
	IP_VS_ISAKMP_C_INIT_CAP,	/* opening refused: netns INIT cap */
	IP_VS_ISAKMP_C_SOURCE_CAP,	/* opening refused: per-source cap */
	IP_VS_ISAKMP_C_SOFT_GRANTED,	/* idle entry given one more period */
	IP_VS_ISAKMP_C_SOFT_REFUSED,	/* idle entry expired: budget spent */
	IP_VS_ISAKMP_C_SOFT_REVIVED,	/* client spoke in the extra period */
	IP_VS_ISAKMP_C_SOFT_EXPIRED,	/* entry died in its extra period */
	IP_VS_ISAKMP_C_SERVER_ORPHAN,	/* NAT: server's IKE, entry gone */
	IP_VS_ISAKMP_C_CLAIM_NO_SA,	/* pe ike: claim, SA has no template */
	IP_VS_ISAKMP_C_SYNC_REFUSED,	/* backup: bad ISAKMP sync parameter */
	IP_VS_ISAKMP_C_SPI_STEERED,	/* ESP sent by its SPI, no entry */
	IP_VS_ISAKMP_C_SPI_UNKNOWN,	/* SPI names no real server: refused */
	IP_VS_ISAKMP_C_MAX
};

/* Defaults of the per-netns knobs */
#define ISAKMP_INIT_TIMEOUT	(10 * HZ)	/* IKEv2 retransmits at 1-4 s */
#define ISAKMP_TIMEOUT		(10 * 60 * HZ)
#define ISAKMP_INIT_MAX		65536	/* INIT entries per netns */
#define ISAKMP_INIT_MAX_SOURCE	32	/* INIT entries per source address */
#define ISAKMP_DEFENSE_INIT_TIMEOUT (2 * HZ)

/* Buckets of the per-source INIT count: 4 KiB per netns, never more */
#define IP_VS_ISAKMP_SRC_BUCKETS	1024

struct ip_vs_isakmp_stats {
	u64 cnt[IP_VS_ISAKMP_C_MAX];
};

struct ip_vs_isakmp_net {
	int enable;		/* every UDP service on 500/4500 */
	int confirm_twice;	/* retired: read by nobody, see configuration.md */
	int init_max;		/* cap on INIT entries */
	int init_max_source;	/* cap on INIT entries of one source */
	int defense_init_timeout; /* INIT timeout under drop_entry */
	int soft_expiry;	/* default soft-expiry budget of services */
	struct ip_vs_isakmp_stats __percpu *stats;
	struct ctl_table_header *sysctl_hdr;
	struct ctl_table *sysctl_tbl;
	atomic_t init_count;	/* INIT entries (and reserved slots) */
	u32 src_rnd;
	atomic_t init_by_src[IP_VS_ISAKMP_SRC_BUCKETS];
};

/* Our conn flags (IP_VS_CONN_F_IKE*, include/net/ip_vs.h): kernel only,
 * masked out of sync messages, as a backup would read them as its own.
 */
#define IP_VS_CONN_F_IKE_LOCAL	GENMASK(20, 17)

/* Is @cp an ISAKMP entry? Only the flag tells: an assured persistence
 * template of a UDP service has state 1, which is also IKE_NEW.
 */
static inline bool ip_vs_isakmp_conn(const struct ip_vs_conn *cp)
{
	return READ_ONCE(cp->flags) & IP_VS_CONN_F_IKE;
}

static inline bool ip_vs_isakmp_established(const struct ip_vs_conn *cp)
{
	return ip_vs_isakmp_conn(cp) && cp->state == IP_VS_UDP_S_IKE_ESTAB;
}

bool ip_vs_isakmp_svc(struct netns_ipvs *ipvs,
		      const struct ip_vs_service *svc, __be16 vport);
int ip_vs_isakmp_conn_schedule(struct ip_vs_service *svc,
			       const struct sk_buff *skb,
			       const struct ip_vs_iphdr *iph, __be16 vport,
			       bool *reserved);
void ip_vs_isakmp_conn_new(struct netns_ipvs *ipvs, int af,
			   struct ip_vs_conn *cp,
			   const struct ip_vs_iphdr *iph, bool reserved);
int ip_vs_isakmp_state_transition(struct ip_vs_conn *cp, int direction,
				  const struct sk_buff *skb,
				  struct ip_vs_proto_data *pd,
				  unsigned int iph_len);
void ip_vs_isakmp_count(struct netns_ipvs *ipvs, unsigned int counter);
bool ip_vs_isakmp_classify(const struct sk_buff *skb, unsigned int thoff,
			   bool natt, struct ike_pkt *pkt);
bool ip_vs_isakmp_ike_sa(const struct sk_buff *skb, unsigned int thoff,
			 bool natt, u8 spi[IKE_COOKIE_LEN], bool *opening);
bool ip_vs_isakmp_sa_template(const struct ip_vs_conn_param *p);
int ip_vs_isakmp_set_timeouts(struct netns_ipvs *ipvs,
			      const struct nlattr *init,
			      const struct nlattr *estab);
int ip_vs_isakmp_put_timeouts(struct netns_ipvs *ipvs, struct sk_buff *msg,
			      int init_attr, int estab_attr);
/* INIT entries and floods (ip_vs_isakmp_flood.c) */
int ip_vs_isakmp_init_reserve(struct netns_ipvs *ipvs, int af,
			      const union nf_inet_addr *saddr);
void ip_vs_isakmp_init_unreserve(struct netns_ipvs *ipvs, int af,
				 const union nf_inet_addr *saddr);
void ip_vs_isakmp_init_own(struct ip_vs_conn *cp);
void ip_vs_isakmp_init_done(struct ip_vs_conn *cp);
void ip_vs_isakmp_template_claimed(struct ip_vs_conn *cp);
void ip_vs_isakmp_claim_refused(struct ip_vs_service *svc,
				const struct sk_buff *skb,
				const struct ip_vs_iphdr *iph, __be16 dport);
unsigned long ip_vs_isakmp_init_timeout(struct netns_ipvs *ipvs,
					unsigned long timeout);
unsigned long ip_vs_isakmp_flood_timeout(struct netns_ipvs *ipvs,
					 unsigned long timeout);
void ip_vs_isakmp_flood_init(struct ip_vs_isakmp_net *in);
int ip_vs_isakmp_init_entries(struct netns_ipvs *ipvs);

int ip_vs_isakmp_net_init(struct netns_ipvs *ipvs,
			  struct ip_vs_proto_data *pd);
void ip_vs_isakmp_net_cleanup(struct netns_ipvs *ipvs);

/* What other protocols and the conn table call: ISAKMP entries live in
 * the UDP protocol; without it, ESP and AH keep the stock behaviour.
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
bool ip_vs_isakmp_out_orphan(struct netns_ipvs *ipvs, int af,
			     const struct sk_buff *skb,
			     const struct ip_vs_iphdr *iph);
void ip_vs_isakmp_conn_expire(struct ip_vs_conn *cp);
bool ip_vs_isakmp_sync_wanted(const struct ip_vs_conn *cp, int *force);
unsigned int ip_vs_isakmp_sync_state(const struct ip_vs_conn *cp);
unsigned int ip_vs_isakmp_sync_len(const struct ip_vs_conn *cp);
void ip_vs_isakmp_sync_fill(struct ip_vs_conn *cp, u8 *p);
bool ip_vs_isakmp_sync_valid(struct netns_ipvs *ipvs, const u8 *p,
			     unsigned int len);
void ip_vs_isakmp_sync_apply(struct ip_vs_conn *cp, const u8 *p);
/* soft expiry of established entries (ip_vs_isakmp_soft.c) */
bool ip_vs_isakmp_soft_expire(struct ip_vs_conn *cp);
void ip_vs_isakmp_soft_revive(struct ip_vs_conn *cp);
void ip_vs_isakmp_soft_forget(struct ip_vs_conn *cp);
void ip_vs_isakmp_soft_set(struct ip_vs_service *svc,
			   const struct ip_vs_service_user_kern *u, bool add);
void ip_vs_isakmp_soft_parse(struct ip_vs_service_user_kern *u,
			     const struct nlattr *nla);
int ip_vs_isakmp_soft_fill(struct sk_buff *skb,
			   const struct ip_vs_service *svc);
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

static inline bool ip_vs_isakmp_out_orphan(struct netns_ipvs *ipvs, int af,
					   const struct sk_buff *skb,
					   const struct ip_vs_iphdr *iph)
{
	return false;
}

static inline void ip_vs_isakmp_conn_expire(struct ip_vs_conn *cp)
{
}

static inline bool ip_vs_isakmp_sync_wanted(const struct ip_vs_conn *cp,
					    int *force)
{
	return false;
}

static inline unsigned int
ip_vs_isakmp_sync_state(const struct ip_vs_conn *cp)
{
	return cp->state;
}

static inline unsigned int ip_vs_isakmp_sync_len(const struct ip_vs_conn *cp)
{
	return 0;
}

static inline void ip_vs_isakmp_sync_fill(struct ip_vs_conn *cp, u8 *p)
{
}

static inline bool ip_vs_isakmp_sync_valid(struct netns_ipvs *ipvs,
					   const u8 *p, unsigned int len)
{
	return false;
}

static inline void ip_vs_isakmp_sync_apply(struct ip_vs_conn *cp,
					   const u8 *p)
{
}

static inline bool ip_vs_isakmp_soft_expire(struct ip_vs_conn *cp)
{
	return false;
}

static inline void ip_vs_isakmp_soft_revive(struct ip_vs_conn *cp)
{
}

static inline void ip_vs_isakmp_soft_forget(struct ip_vs_conn *cp)
{
}

static inline void
ip_vs_isakmp_soft_set(struct ip_vs_service *svc,
		      const struct ip_vs_service_user_kern *u, bool add)
{
}

static inline void
ip_vs_isakmp_soft_parse(struct ip_vs_service_user_kern *u,
			const struct nlattr *nla)
{
}

static inline int ip_vs_isakmp_soft_fill(struct sk_buff *skb,
					 const struct ip_vs_service *svc)
{
	return 0;
}
#endif

#endif /* _IP_VS_ISAKMP_H */

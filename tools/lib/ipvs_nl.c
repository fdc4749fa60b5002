// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: IPVS generic netlink, see ipvs_nl.h */
#include "ipvs_nl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ip_vs.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#define SVC_ATTR_MAX LVS_SVC_ATTR_SOFT_EXPIRY_USED
#define CMD_ATTR_MAX LVS_CMD_ATTR_TIMEOUT_ISAKMP

struct dump {
	struct lvs_svc *svcs;
	size_t n, cap;
	struct lvs_ipvs_config *cfg;
	int err;
};

static bool u32_attr(struct nlattr *a, uint32_t *v)
{
	if (!a || nla_len(a) < 4)
		return false;
	*v = nla_get_u32(a);
	return true;
}

static void parse_service(struct nlattr **a, struct lvs_svc *s)
{
	struct ip_vs_flags fl;
	uint32_t v;

	memset(s, 0, sizeof(*s));
	if (a[IPVS_SVC_ATTR_AF] && nla_len(a[IPVS_SVC_ATTR_AF]) >= 2)
		s->addr.af = nla_get_u16(a[IPVS_SVC_ATTR_AF]);
	if (u32_attr(a[IPVS_SVC_ATTR_FWMARK], &v))
		s->fwmark = v;
	if (a[IPVS_SVC_ATTR_PROTOCOL] && nla_len(a[IPVS_SVC_ATTR_PROTOCOL]) >= 2)
		s->protocol = nla_get_u16(a[IPVS_SVC_ATTR_PROTOCOL]);
	if (a[IPVS_SVC_ATTR_ADDR] &&
	    nla_len(a[IPVS_SVC_ATTR_ADDR]) >= (s->addr.af == AF_INET ? 4 : 16))
		memcpy(s->addr.b, nla_data(a[IPVS_SVC_ATTR_ADDR]),
		       s->addr.af == AF_INET ? 4 : 16);
	if (a[IPVS_SVC_ATTR_PORT] && nla_len(a[IPVS_SVC_ATTR_PORT]) >= 2)
		s->port = ntohs(nla_get_u16(a[IPVS_SVC_ATTR_PORT]));
	if (a[IPVS_SVC_ATTR_SCHED_NAME])
		nla_strlcpy(s->sched, a[IPVS_SVC_ATTR_SCHED_NAME], sizeof(s->sched));
	if (a[IPVS_SVC_ATTR_FLAGS] &&
	    nla_len(a[IPVS_SVC_ATTR_FLAGS]) >= (int)sizeof(fl)) {
		memcpy(&fl, nla_data(a[IPVS_SVC_ATTR_FLAGS]), sizeof(fl));
		s->flags = fl.flags;
	}
	u32_attr(a[IPVS_SVC_ATTR_TIMEOUT], &s->timeout);
	s->has_soft_expiry = u32_attr(a[LVS_SVC_ATTR_SOFT_EXPIRY], &s->soft_expiry);
	s->has_soft_used = u32_attr(a[LVS_SVC_ATTR_SOFT_EXPIRY_USED], &s->soft_used);
}

static int on_msg(struct nl_msg *msg, void *arg)
{
	struct dump *d = arg;
	struct nlattr *cmd[CMD_ATTR_MAX + 1], *svc[SVC_ATTR_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (genlmsg_parse(nlh, 0, cmd, CMD_ATTR_MAX, NULL))
		return NL_SKIP;
	if (d->cfg) {
		struct lvs_ipvs_config *c = d->cfg;

		u32_attr(cmd[IPVS_CMD_ATTR_TIMEOUT_TCP], &c->tcp);
		u32_attr(cmd[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN], &c->tcp_fin);
		u32_attr(cmd[IPVS_CMD_ATTR_TIMEOUT_UDP], &c->udp);
		c->has_isakmp =
			u32_attr(cmd[LVS_CMD_ATTR_TIMEOUT_ISAKMP_INIT], &c->isakmp_init) &&
			u32_attr(cmd[LVS_CMD_ATTR_TIMEOUT_ISAKMP], &c->isakmp);
		return NL_OK;
	}
	if (!cmd[IPVS_CMD_ATTR_SERVICE] ||
	    nla_parse_nested(svc, SVC_ATTR_MAX, cmd[IPVS_CMD_ATTR_SERVICE], NULL))
		return NL_SKIP;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		struct lvs_svc *p = realloc(d->svcs, cap * sizeof(*p));

		if (!p) {
			d->err = -ENOMEM;
			return NL_STOP;
		}
		d->svcs = p;
		d->cap = cap;
	}
	parse_service(svc, &d->svcs[d->n++]);
	return NL_OK;
}

/* one request (a dump for services), answers through on_msg() */
static int request(uint8_t cmd, int flags, struct dump *d)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg = NULL;
	int family, err;

	if (!sk)
		return -ENOMEM;
	err = genl_connect(sk);
	if (err)
		goto out;
	family = genl_ctrl_resolve(sk, IPVS_GENL_NAME);
	if (family < 0) {
		err = -ENOENT;
		goto out;
	}
	msg = nlmsg_alloc();
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 IPVS_GENL_VERSION)) {
		err = -ENOMEM;
		goto out;
	}
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_msg, d);
	err = nl_send_auto(sk, msg);
	if (err >= 0)
		err = nl_recvmsgs_default(sk);
	if (err < 0)
		err = -EIO;
	else
		err = d->err;
out:
	nlmsg_free(msg);
	nl_socket_free(sk);
	return err;
}

int lvs_ipvs_services(struct lvs_svc **svcs, size_t *n)
{
	struct dump d = { 0 };
	int err = request(IPVS_CMD_GET_SERVICE, NLM_F_DUMP, &d);

	if (err) {
		free(d.svcs);
		return err;
	}
	*svcs = d.svcs;
	*n = d.n;
	return 0;
}

int lvs_ipvs_config(struct lvs_ipvs_config *cfg)
{
	struct dump d = { .cfg = cfg };

	memset(cfg, 0, sizeof(*cfg));
	return request(IPVS_CMD_GET_CONFIG, 0, &d);
}

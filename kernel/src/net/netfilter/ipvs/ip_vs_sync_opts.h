/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IPVS: the options of one connection in a version 1 sync message.
 *
 * A backup director takes these bytes from the network. Their walk is
 * plain C over a byte range, with no kernel types beyond __u8/__u32 and
 * nothing it calls, so that the same file is built into ip_vs.ko and into
 * a userspace fuzzer (tests/fuzz/fuzz_sync_opts.c).
 */
#ifndef _IP_VS_SYNC_OPTS_H
#define _IP_VS_SYNC_OPTS_H

#include <linux/types.h>
#include <linux/ip_vs.h>	/* IP_VS_PEDATA_MAXLEN, IP_VS_PENAME_MAXLEN */
#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <stdbool.h>
#include <string.h>
#endif

/* Option types. One with IPVS_OPT_F_PARAM set may be skipped by a backup
 * that does not know it; an unknown one without it drops the connection.
 */
#define IPVS_OPT_SEQ_DATA	1	/* struct ip_vs_sync_conn_options */
#define IPVS_OPT_PE_DATA	2	/* persistence engine data */
#define IPVS_OPT_PE_NAME	3	/* persistence engine name */
#define IPVS_OPT_ISAKMP		4	/* ISAKMP state, cookies (optional) */
#define IPVS_OPT_PARAM		7

#define IPVS_OPT_F_PARAM	(1 << (IPVS_OPT_PARAM - 1))

/* The size of struct ip_vs_sync_conn_options, IPVS_OPT_SEQ_DATA's payload */
#define IPVS_OPT_SEQ_DATA_LEN	24

/* Where one option's payload lies in the message */
struct ip_vs_sync_opt {
	__u8		*data;		/* NULL: not in the message */
	unsigned int	len;
};

/* The first option of each type below IPVS_OPT_PARAM, known or not */
struct ip_vs_sync_opts {
	struct ip_vs_sync_opt	opt[IPVS_OPT_PARAM];	/* by type; [0] unused */
};

/* Verdicts of ip_vs_sync_parse_opts(), the codes stock IPVS returned:
 * negative ones drop the rest of the message, a positive one only this
 * connection.
 */
enum {
	IPVS_OPTS_OK		= 0,
	IPVS_OPTS_MANDATORY	= 20,	/* an unknown option not to skip */
	IPVS_OPTS_TRUNCATED	= -30,	/* no room for an option's header */
	IPVS_OPTS_BAD_LEN	= -40,	/* empty, or longer than the message */
	IPVS_OPTS_BAD_SEQ	= -50,	/* sequence data: wrong size, or twice */
	IPVS_OPTS_BAD_PE_DATA	= -60,	/* too long, or twice */
	IPVS_OPTS_BAD_PE_NAME	= -70,	/* too long, or twice */
};

int ip_vs_sync_parse_opts(__u8 *p, __u8 *end, struct ip_vs_sync_opts *opts);

#endif /* _IP_VS_SYNC_OPTS_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: the options of one connection in a version 1 sync message.
 *
 * Each option is a type byte, a length byte and that many bytes of
 * payload, up to the end of the connection's part of the message. The walk
 * checks what stock IPVS checked, in the same order and with the same
 * verdicts, and notes where each payload lies; what a payload means is
 * for ip_vs_sync.c. Work is bounded by the message: every step consumes at
 * least three bytes.
 *
 * Authors:	lvs-ipsec developers
 */

#include "ip_vs_sync_opts.h"

/* What a known option's payload may be, and the verdict on one that is
 * not, or that comes twice
 */
struct ip_vs_sync_opt_rule {
	unsigned char	min_len;
	unsigned char	max_len;
	signed char	verdict;
};

static const struct ip_vs_sync_opt_rule ip_vs_sync_opt_rules[IPVS_OPT_PARAM] = {
	[IPVS_OPT_SEQ_DATA] = { IPVS_OPT_SEQ_DATA_LEN, IPVS_OPT_SEQ_DATA_LEN,
				IPVS_OPTS_BAD_SEQ },
	[IPVS_OPT_PE_DATA]  = { 1, IP_VS_PEDATA_MAXLEN, IPVS_OPTS_BAD_PE_DATA },
	[IPVS_OPT_PE_NAME]  = { 1, IP_VS_PENAME_MAXLEN, IPVS_OPTS_BAD_PE_NAME },
};

/* The verdict on an option of @type with @len bytes of payload, given
 * what @opts holds so far
 */
static int ip_vs_sync_opt_verdict(const struct ip_vs_sync_opts *opts,
				  unsigned int type, unsigned int len,
				  bool skippable)
{
	const struct ip_vs_sync_opt_rule *rule;

	if (type >= IPVS_OPT_PARAM || !ip_vs_sync_opt_rules[type].verdict)
		return skippable ? IPVS_OPTS_OK : IPVS_OPTS_MANDATORY;
	rule = &ip_vs_sync_opt_rules[type];
	if (len < rule->min_len || len > rule->max_len || opts->opt[type].data)
		return rule->verdict;
	return IPVS_OPTS_OK;
}

/**
 * ip_vs_sync_parse_opts - walk the options of one synced connection
 * @p: the first option's type byte
 * @end: the end of the connection's part of the message (its size field)
 * @opts: where each type's first payload lies, on IPVS_OPTS_OK
 *
 * Return: IPVS_OPTS_OK, or the verdict on the first bad option.
 */
int ip_vs_sync_parse_opts(__u8 *p, __u8 *end, struct ip_vs_sync_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	while (p < end) {
		unsigned int left = end - p, type, len;
		bool skippable;
		int verdict;

		if (left < 2)
			return IPVS_OPTS_TRUNCATED;
		type = p[0] & ~IPVS_OPT_F_PARAM;
		skippable = p[0] & IPVS_OPT_F_PARAM;
		len = p[1];
		p += 2;
		if (!len || len > left - 2)
			return IPVS_OPTS_BAD_LEN;
		verdict = ip_vs_sync_opt_verdict(opts, type, len, skippable);
		if (verdict)
			return verdict;
		if (type && type < IPVS_OPT_PARAM && !opts->opt[type].data) {
			opts->opt[type].data = p;
			opts->opt[type].len = len;
		}
		p += len;
	}
	return IPVS_OPTS_OK;
}

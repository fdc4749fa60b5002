// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for a backup director's walk over the options of one
 * synced connection (ip_vs_sync_opts.c). The input is those bytes: from
 * the first option's type byte to the end the connection's size field
 * gives (at most 4095 bytes, SVER_MASK).
 *
 * The walk runs on a heap copy of exactly those bytes, and its verdict
 * and findings are checked against the format as stock IPVS reads it,
 * written here the plain way, one option at a time by offset:
 *   type (bit 6: may be skipped), length (1-255), payload;
 *   sequence data exactly 24 bytes, a persistence engine name at most 16,
 *   each of the three known options at most once; an unknown option that
 *   may not be skipped drops the connection.
 *
 * Built with -DFUZZ_SEEDS instead, it is a program that writes a seed
 * corpus to the directory argv[1]: the options a master sends, and some
 * a backup must refuse.
 */
#include "fuzz.h"
#include "ip_vs_sync_opts.h"

#define MSG_MAX		4095	/* SVER_MASK: a connection's size field */

/* The format, read plainly: the verdict, and each type's first payload */
struct expect {
	int verdict;
	long first[IPVS_OPT_PARAM];	/* offset of the payload, or -1 */
	unsigned int len[IPVS_OPT_PARAM];
};

static int expect_option(const struct expect *e, unsigned int type,
			 unsigned int len, int skippable)
{
	int seen = type < IPVS_OPT_PARAM && e->first[type] >= 0;

	switch (type) {
	case IPVS_OPT_SEQ_DATA:
		return len != 24 || seen ? IPVS_OPTS_BAD_SEQ : IPVS_OPTS_OK;
	case IPVS_OPT_PE_DATA:
		return seen ? IPVS_OPTS_BAD_PE_DATA : IPVS_OPTS_OK;
	case IPVS_OPT_PE_NAME:
		return len > 16 || seen ? IPVS_OPTS_BAD_PE_NAME : IPVS_OPTS_OK;
	default:
		return skippable ? IPVS_OPTS_OK : IPVS_OPTS_MANDATORY;
	}
}

static void expect_walk(const unsigned char *d, size_t n, struct expect *e)
{
	size_t off = 0;
	unsigned int t;

	for (t = 0; t < IPVS_OPT_PARAM; t++)
		e->first[t] = -1;
	e->verdict = IPVS_OPTS_OK;
	while (off < n) {
		unsigned int type, len;

		if (off + 2 > n) {
			e->verdict = IPVS_OPTS_TRUNCATED;
			return;
		}
		type = d[off] & 0xbf;
		len = d[off + 1];
		if (!len || off + 2 + len > n) {
			e->verdict = IPVS_OPTS_BAD_LEN;
			return;
		}
		e->verdict = expect_option(e, type, len, d[off] & 0x40);
		if (e->verdict)
			return;
		if (type && type < IPVS_OPT_PARAM && e->first[type] < 0) {
			e->first[type] = (long)off + 2;
			e->len[type] = len;
		}
		off += 2 + len;
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	size_t n = size > MSG_MAX ? MSG_MAX : size;
	unsigned char *msg = fuzz_copy(data, n);
	struct ip_vs_sync_opts opts;
	struct expect e;
	unsigned int t;
	int verdict;

	verdict = ip_vs_sync_parse_opts(msg, msg + n, &opts);
	expect_walk(msg, n, &e);
	ASSERT(verdict == e.verdict);
	for (t = 0; verdict == IPVS_OPTS_OK && t < IPVS_OPT_PARAM; t++) {
		const struct ip_vs_sync_opt *o = &opts.opt[t];

		if (e.first[t] < 0) {
			ASSERT(!o->data);
			continue;
		}
		ASSERT(o->data == msg + e.first[t] && o->len == e.len[t]);
		ASSERT(o->len && o->data + o->len <= msg + n);
	}
	free(msg);
	return 0;
}

#ifdef FUZZ_SEEDS	/* a program writing a seed corpus */

static unsigned char seed[MSG_MAX];
static size_t seed_len;

static void opt(unsigned char type, unsigned char len, unsigned char fill)
{
	ASSERT(seed_len + 2 + len <= sizeof(seed));
	seed[seed_len++] = type;
	seed[seed_len++] = len;
	memset(seed + seed_len, fill, len);
	seed_len += len;
}

/* Each seed must get the verdict it was written for */
static int save(const char *dir, const char *name, int verdict)
{
	struct ip_vs_sync_opts opts;
	int err = 0;

	LLVMFuzzerTestOneInput(seed, seed_len);
	if (ip_vs_sync_parse_opts(seed, seed + seed_len, &opts) != verdict) {
		fprintf(stderr, "seed %s: not verdict %d\n", name, verdict);
		err = 1;
	}
	err |= fuzz_save_seed(dir, name, seed, seed_len);
	seed_len = 0;
	return err;
}

int main(int argc, char **argv)
{
	const unsigned char skip = IPVS_OPT_F_PARAM;
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}

	/* an ISAKMP entry: the ISAKMP parameter (state, cookies) */
	opt(IPVS_OPT_ISAKMP | skip, 18, 0x11);
	err |= save(argv[1], "isakmp", IPVS_OPTS_OK);

	/* its template, with the IKE engine's name and data, then the entry */
	opt(IPVS_OPT_PE_DATA, 8, 0x22);
	opt(IPVS_OPT_PE_NAME, 3, 'i');
	opt(IPVS_OPT_ISAKMP | skip, 18, 0x33);
	err |= save(argv[1], "pe-isakmp", IPVS_OPTS_OK);

	/* TCP with sequence data, and an option of a later kernel */
	opt(IPVS_OPT_SEQ_DATA, 24, 0x44);
	opt(5 | skip, 7, 0x55);
	err |= save(argv[1], "seq-later-option", IPVS_OPTS_OK);

	/* refused */
	opt(5, 4, 0x66);
	err |= save(argv[1], "mandatory-unknown", IPVS_OPTS_MANDATORY);
	opt(IPVS_OPT_PE_NAME, 3, 's');
	opt(IPVS_OPT_PE_NAME, 3, 's');
	err |= save(argv[1], "pe-name-twice", IPVS_OPTS_BAD_PE_NAME);
	opt(IPVS_OPT_SEQ_DATA, 12, 0x77);
	err |= save(argv[1], "seq-short", IPVS_OPTS_BAD_SEQ);
	opt(IPVS_OPT_ISAKMP | skip, 18, 0x88);
	seed_len -= 5;
	err |= save(argv[1], "past-the-end", IPVS_OPTS_BAD_LEN);
	opt(IPVS_OPT_ISAKMP | skip, 18, 0x99);
	seed[seed_len++] = IPVS_OPT_PE_DATA;
	err |= save(argv[1], "no-length", IPVS_OPTS_TRUNCATED);
	return err;
}

#endif /* FUZZ_SEEDS */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the IKE protocol core, ip_vs_ike.c under
 * kernel/src/net/netfilter/ipvs.
 *
 * Prints one line per test, "PASS: name (seconds)" or "FAIL: name (seconds)",
 * with the failed checks on stderr, and exits non-zero if any test failed.
 * Each test runs in a child process: a crash fails that test only.
 *
 *   test_ike              run every test
 *   test_ike SUBSTRING    run the tests whose name contains SUBSTRING
 *   test_ike --list       list the test names
 *
 * Every classification runs on a heap copy of exactly the bytes the core is
 * allowed to read, so that AddressSanitizer catches a read one byte too far.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ip_vs_ike.h"

/* ---- harness ---------------------------------------------------------- */

static const char *cur_test;
static int cur_failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			check_failed(__LINE__, "%s", #cond);		\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		long long a_ = (long long)(a), b_ = (long long)(b);	\
		if (a_ != b_)						\
			check_failed(__LINE__, "%s == %s: %lld != %lld",\
				     #a, #b, a_, b_);			\
	} while (0)

#define CHECK_REASON(got, want)						\
	do {								\
		enum ike_reason g_ = (got), w_ = (want);		\
		if (g_ != w_)						\
			check_failed(__LINE__, "reason %s, want %s",	\
				     ike_reason_name(g_),		\
				     ike_reason_name(w_));		\
	} while (0)

static void check_failed(int line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char ctx[160];	/* what the current loop iteration tests */

static void check_failed(int line, const char *fmt, ...)
{
	va_list ap;

	if (++cur_failures > 20)
		return;
	fprintf(stderr, "  %s: test_ike.c:%d: ", cur_test, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (ctx[0])
		fprintf(stderr, " [%s]", ctx);
	fputc('\n', stderr);
}

static int total_failed, total_run;
static const char *filter;
static bool list_only;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Each test runs in a child process, so that a sanitizer abort or a crash
 * fails that test only.
 */
static void run(const char *name, void (*fn)(const void *), const void *arg)
{
	int status = 0;
	double t0;
	pid_t pid;

	if (filter && !strstr(name, filter))
		return;
	if (list_only) {
		puts(name);
		return;
	}
	cur_test = name;
	cur_failures = 0;
	ctx[0] = 0;
	t0 = now();
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		fn(arg);
		fflush(stderr);
		_exit(cur_failures ? 1 : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("fork/waitpid");
		cur_failures = 1;
	} else if (WIFSIGNALED(status) || WEXITSTATUS(status)) {
		cur_failures = 1;
		if (WIFSIGNALED(status) || WEXITSTATUS(status) != 1)
			fprintf(stderr, "  %s: crashed (%s %d)\n", name,
				WIFSIGNALED(status) ? "signal" : "exit",
				WIFSIGNALED(status) ? WTERMSIG(status) :
						      WEXITSTATUS(status));
	}
	total_run++;
	if (cur_failures) {
		total_failed++;
		printf("FAIL: %s (%.3fs)\n", name, now() - t0);
	} else {
		printf("PASS: %s (%.3fs)\n", name, now() - t0);
	}
	fflush(stdout);
}

/* ---- packet building ---------------------------------------------------- */

#define R1 0xa1a2a3a4a5a6a7a8ULL	/* responder cookies */
#define R2 0xb1b2b3b4b5b6b7b8ULL
#define I1 0x0102030405060708ULL	/* initiator cookies */
#define I2 0x1112131415161718ULL

/* Payload types, only to make the headers look like the real thing */
#define NP_V1_SA	1
#define NP_V1_KE	4
#define NP_V1_ID	5
#define NP_V1_HASH	8
#define NP_V2_SA	33
#define NP_V2_N		41
#define NP_V2_SK	46

#define FLAG_V1_E	0x01
#define FLAG_V2_I	0x08
#define FLAG_V2_R	0x20

#define MAXPKT		1600

struct hdr {
	bool natt;	/* port 4500: non-ESP marker first */
	u64 ic, rc;
	u8 np, ver, xchg, flags;
	u32 msgid;
	u32 body;	/* bytes after the header */
};

static void put64(u8 *p, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (u8)v;
}

static void put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static u64 get64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* An ISAKMP message as the client or server would send it; returns length */
static u32 build(const struct hdr *h, u8 *buf)
{
	u32 off = h->natt ? IKE_NONESP_MARKER_LEN : 0;
	u32 len = IKE_HDR_LEN + h->body, i;

	memset(buf, 0, off);
	put64(buf + off, h->ic);
	put64(buf + off + 8, h->rc);
	buf[off + 16] = h->np;
	buf[off + 17] = h->ver;
	buf[off + 18] = h->xchg;
	buf[off + 19] = h->flags;
	put32(buf + off + 20, h->msgid);
	put32(buf + off + 24, len);
	for (i = 0; i < h->body; i++)	/* a payload chain's worth of bytes */
		buf[off + IKE_HDR_LEN + i] = (u8)(0x5a + i * 7);
	if (h->body >= 4) {
		buf[off + IKE_HDR_LEN] = 0;	/* last payload */
		buf[off + IKE_HDR_LEN + 1] = 0;
		buf[off + IKE_HDR_LEN + 2] = h->body >> 8;
		buf[off + IKE_HDR_LEN + 3] = h->body;
	}
	return off + len;
}

static void set_len_field(u8 *buf, bool natt, u32 v)
{
	put32(buf + (natt ? 4 : 0) + 24, v);
}

/*
 * Classify with exactly peek_len readable bytes (a heap copy), and check
 * what must hold for any result.
 */
static void classify(const u8 *data, u32 peek_len, u32 payload_len, bool natt,
		     struct ike_pkt *pkt)
{
	u8 *copy = malloc(peek_len ? peek_len : 1);

	if (!copy)
		abort();
	memcpy(copy, data, peek_len);
	ike_classify(peek_len ? copy : NULL, peek_len, payload_len, natt, pkt);
	free(copy);

	CHECK((pkt->kind == IKE_PKT_BAD) == (pkt->reason != IKE_R_OK));
	if (pkt->kind == IKE_PKT_BAD)
		CHECK(pkt->reason >= IKE_R_TRUNCATED &&
		      pkt->reason <= IKE_R_ESP_SPI);
}

/* The normal call: the caller copied what it could of the payload */
static void classify_all(const u8 *data, u32 len, bool natt,
			 struct ike_pkt *pkt)
{
	classify(data, len < IKE_PEEK_LEN ? len : IKE_PEEK_LEN, len, natt,
		 pkt);
}

static bool same_pkt(const struct ike_pkt *a, const struct ike_pkt *b)
{
	return a->kind == b->kind && a->reason == b->reason &&
	       (a->kind != IKE_PKT_ISAKMP ||
		(!memcmp(&a->ck, &b->ck, sizeof(a->ck)) &&
		 a->version == b->version && a->exchange == b->exchange &&
		 a->flags == b->flags && a->next_payload == b->next_payload &&
		 a->msgid == b->msgid && a->length == b->length)) &&
	       (a->kind != IKE_PKT_ESP || a->spi == b->spi);
}

/* ---- the header forms ------------------------------------------------- */

enum form_kind { F_ISAKMP, F_KEEPALIVE, F_ESP };

struct form {
	const char *name;
	enum form_kind kind;
	struct hdr h;		/* F_ISAKMP */
	u32 esp_len;		/* F_ESP */
	u32 spi;		/* F_ESP */
};

#define V1(nm, natt, rc, np, xchg, flags, msgid, body)			\
	{ .name = nm, .kind = F_ISAKMP,					\
	  .h = { natt, I1, rc, np, 0x10, IKE_XCHG_V1_##xchg, flags,	\
		 msgid, body } }
#define V2(nm, natt, rc, np, xchg, flags, msgid, body)			\
	{ .name = nm, .kind = F_ISAKMP,					\
	  .h = { natt, I1, rc, np, 0x20, IKE_XCHG_V2_##xchg, flags,	\
		 msgid, body } }

static const struct form forms[] = {
	/* name, port 4500, rcookie, next payload, exchange, flags, msgid, body */
	V1("v1-main-1", 0, 0, NP_V1_SA, IDPROT, 0, 0, 52),
	V1("v1-main-2", 0, R1, NP_V1_SA, IDPROT, 0, 0, 52),
	V1("v1-main-3", 0, R1, NP_V1_KE, IDPROT, 0, 0, 228),
	V1("v1-main-5", 0, R1, NP_V1_ID, IDPROT, FLAG_V1_E, 0, 60),
	V1("v1-aggressive-1", 0, 0, NP_V1_SA, AGGRESSIVE, 0, 0, 300),
	V1("v1-aggressive-3", 0, R1, NP_V1_HASH, AGGRESSIVE, 0, 0, 24),
	V1("v1-quick", 0, R1, NP_V1_HASH, QUICK, FLAG_V1_E, 0xdeadbeef, 156),
	V1("v1-informational", 0, R1, NP_V1_HASH, INFO, FLAG_V1_E, 0x01020304,
	   60),
	V1("v1-transaction", 0, R1, NP_V1_HASH, TRANSACTION, FLAG_V1_E,
	   0x7f000001, 76),
	V1("v1-natt-main-5", 1, R1, NP_V1_ID, IDPROT, FLAG_V1_E, 0, 60),
	V1("v1-natt-quick", 1, R1, NP_V1_HASH, QUICK, FLAG_V1_E, 0x80000001,
	   156),
	V2("v2-ike-sa-init-req", 0, 0, NP_V2_SA, IKE_SA_INIT, FLAG_V2_I, 0,
	   308),
	V2("v2-ike-sa-init-cookie", 0, 0, NP_V2_N, IKE_SA_INIT, FLAG_V2_R, 0,
	   28),
	V2("v2-ike-sa-init-resp", 0, R1, NP_V2_SA, IKE_SA_INIT, FLAG_V2_R, 0,
	   316),
	V2("v2-ike-auth", 0, R1, NP_V2_SK, IKE_AUTH, FLAG_V2_I, 1, 400),
	V2("v2-create-child-sa", 0, R1, NP_V2_SK, CREATE_CHILD_SA, FLAG_V2_I,
	   2, 220),
	V2("v2-informational", 0, R1, NP_V2_SK, INFORMATIONAL, FLAG_V2_I, 3,
	   36),
	V2("v2-intermediate", 0, R1, NP_V2_SK, INTERMEDIATE, FLAG_V2_I, 1,
	   1100),
	V2("v2-followup-ke", 0, R1, NP_V2_SK, FOLLOWUP_KE, FLAG_V2_I, 4, 1180),
	V2("v2-session-resume", 0, 0, NP_V2_N, SESSION_RESUME, FLAG_V2_I, 0,
	   120),
	V2("v2-natt-ike-auth", 1, R1, NP_V2_SK, IKE_AUTH, FLAG_V2_I, 1, 400),
	V2("v2-natt-informational", 1, R1, NP_V2_SK, INFORMATIONAL, FLAG_V2_R,
	   7, 36),
	V2("v2-natt-create-child-sa", 1, R1, NP_V2_SK, CREATE_CHILD_SA,
	   FLAG_V2_I, 9, 220),
	{ .name = "natt-keepalive", .kind = F_KEEPALIVE },
	{ .name = "natt-esp", .kind = F_ESP, .esp_len = 120,
	  .spi = 0xc1234567 },
	{ .name = "natt-esp-min", .kind = F_ESP, .esp_len = 8,
	  .spi = 0x00000100 },
};

#define NFORMS (sizeof(forms) / sizeof(forms[0]))

static u32 form_bytes(const struct form *f, u8 *buf)
{
	u32 i;

	switch (f->kind) {
	case F_KEEPALIVE:
		buf[0] = 0xff;
		return 1;
	case F_ESP:
		put32(buf, f->spi);
		put32(buf + 4, 1);			/* sequence number */
		for (i = 8; i < f->esp_len; i++)	/* IV, ciphertext */
			buf[i] = (u8)(i * 13);
		return f->esp_len;
	default:
		return build(&f->h, buf);
	}
}

static bool form_natt(const struct form *f)
{
	return f->kind != F_ISAKMP || f->h.natt;
}

/* Bytes that must be readable for the whole form to be recognised */
static u32 form_need(const struct form *f)
{
	switch (f->kind) {
	case F_KEEPALIVE:
		return 1;
	case F_ESP:
		return 4;
	default:
		return f->h.natt ? IKE_PEEK_LEN : IKE_HDR_LEN;
	}
}

/* The whole form parses, with every field decoded */
static void test_form(const void *arg)
{
	const struct form *f = arg;
	u8 buf[MAXPKT];
	u32 len = form_bytes(f, buf);
	struct ike_pkt p;

	classify_all(buf, len, form_natt(f), &p);
	CHECK_REASON(p.reason, IKE_R_OK);
	switch (f->kind) {
	case F_KEEPALIVE:
		CHECK_EQ(p.kind, IKE_PKT_KEEPALIVE);
		break;
	case F_ESP:
		CHECK_EQ(p.kind, IKE_PKT_ESP);
		CHECK_EQ(p.spi, f->spi);
		break;
	default:
		CHECK_EQ(p.kind, IKE_PKT_ISAKMP);
		CHECK_EQ(get64(p.ck.icookie), f->h.ic);
		CHECK_EQ(get64(p.ck.rcookie), f->h.rc);
		CHECK_EQ(p.version, f->h.ver >> 4);
		CHECK_EQ(p.exchange, f->h.xchg);
		CHECK_EQ(p.flags, f->h.flags);
		CHECK_EQ(p.next_payload, f->h.np);
		CHECK_EQ(p.msgid, f->h.msgid);
		CHECK_EQ(p.length, IKE_HDR_LEN + f->h.body);
		CHECK_EQ(p.length, len - (f->h.natt ? 4 : 0));
		break;
	}

	/*
	 * The same bytes sent to the other port: port 500 takes nothing of
	 * 4500's; on 4500 a message without the marker reads as ESP, by the
	 * design of RFC 3948.
	 */
	if (f->kind == F_ISAKMP && !f->h.natt) {
		classify_all(buf, len, true, &p);
		CHECK_EQ(p.kind, IKE_PKT_ESP);
	} else {
		classify_all(buf, len, false, &p);
		CHECK_EQ(p.kind, IKE_PKT_BAD);
	}
}

/* What the payload cut to l bytes (length field untouched) must give */
static enum ike_reason cut_reason(const struct form *f, const u8 *buf, u32 l,
				  u32 len)
{
	if (!form_natt(f))
		return l < IKE_HDR_LEN ? IKE_R_SHORT :
		       l < len ? IKE_R_LENGTH : IKE_R_OK;
	if (l == 1)
		return buf[0] == 0xff ? IKE_R_OK : IKE_R_BAD_KEEPALIVE;
	if (l < 4)
		return IKE_R_RUNT;
	if (f->kind == F_ESP)
		return l < 8 ? IKE_R_ESP_SHORT : IKE_R_OK;
	return l < IKE_PEEK_LEN ? IKE_R_SHORT :
	       l < len ? IKE_R_LENGTH : IKE_R_OK;
}

/*
 * Truncation at every length: (a) the caller copied only l bytes of the
 * whole payload, (b) the payload itself is l bytes long.
 */
static void test_truncation(const void *arg)
{
	const struct form *f = arg;
	bool natt = form_natt(f);
	u8 buf[MAXPKT];
	u32 len = form_bytes(f, buf), l;
	struct ike_pkt full, p;

	classify_all(buf, len, natt, &full);
	CHECK_REASON(full.reason, IKE_R_OK);

	for (l = 0; l <= len; l++) {
		snprintf(ctx, sizeof(ctx), "peek_len %u of %u", l, len);
		classify(buf, l, len, natt, &p);
		if (l < form_need(f))
			CHECK_REASON(p.reason, IKE_R_TRUNCATED);
		else
			CHECK(same_pkt(&p, &full));

		snprintf(ctx, sizeof(ctx), "payload_len %u of %u", l, len);
		classify_all(buf, l, natt, &p);
		CHECK_REASON(p.reason, cut_reason(f, buf, l, len));
		if (l == len)
			CHECK(same_pkt(&p, &full));
		else if (l == 1 && buf[0] == 0xff)
			CHECK_EQ(p.kind, IKE_PKT_KEEPALIVE);
		else if (f->kind == F_ESP && l >= IKE_ESP_MIN_LEN)
			CHECK(same_pkt(&p, &full));	/* ESP has no length */
		else
			CHECK_EQ(p.kind, IKE_PKT_BAD);
	}
}

/* Length fields that are almost right are wrong */
static void test_length_field(const void *arg)
{
	const struct form *f = arg;
	bool natt = f->h.natt;
	u8 buf[MAXPKT];
	u32 len = form_bytes(f, buf);
	u32 msg = len - (natt ? 4 : 0);
	const u32 bogus[] = {
		0, 1, IKE_HDR_LEN - 1, IKE_HDR_LEN, msg - 1, msg + 1,
		msg + 4, msg - 4, msg * 2, msg | 0x01000000, msg << 8,
		msg ^ 0x80000000, 0x7fffffff, 0xffffffff,
	};
	struct ike_pkt p;
	unsigned int i;

	for (i = 0; i < sizeof(bogus) / sizeof(bogus[0]); i++) {
		if (bogus[i] == msg)
			continue;
		snprintf(ctx, sizeof(ctx), "length field %u, message %u",
			 bogus[i], msg);
		set_len_field(buf, natt, bogus[i]);
		classify_all(buf, len, natt, &p);
		CHECK_REASON(p.reason, IKE_R_LENGTH);
		CHECK_EQ(p.kind, IKE_PKT_BAD);
	}
	/* on 4500 the length field does not count the marker */
	if (natt) {
		set_len_field(buf, natt, len);
		classify_all(buf, len, natt, &p);
		CHECK_REASON(p.reason, IKE_R_LENGTH);
	}
	set_len_field(buf, natt, msg);
	classify_all(buf, len, natt, &p);
	CHECK_REASON(p.reason, IKE_R_OK);
}

/* ---- field checks, exhaustively where the field is a byte ------------- */

static const struct hdr v1 = {
	false, I1, 0, NP_V1_SA, 0x10, IKE_XCHG_V1_IDPROT, 0, 0, 40
};

static const struct hdr v2 = {
	false, I1, 0, NP_V2_SA, 0x20, IKE_XCHG_V2_IKE_SA_INIT, FLAG_V2_I, 0, 40
};

static bool v1_xchg_valid(int x)
{
	return (x >= 1 && x <= 6) || x == 32 || x == 33;
}

static bool v2_xchg_valid(int x)
{
	return (x >= 34 && x <= 38) || x == 43 || x == 44;
}

static void test_exchange_types(const void *arg)
{
	int natt, x, ver;

	(void)arg;
	for (natt = 0; natt < 2; natt++) {
		for (ver = 1; ver <= 2; ver++) {
			for (x = 0; x < 256; x++) {
				struct hdr h = ver == 1 ? v1 : v2;
				u8 buf[MAXPKT];
				struct ike_pkt p;
				u32 len;
				bool valid = ver == 1 ? v1_xchg_valid(x) :
							v2_xchg_valid(x);

				snprintf(ctx, sizeof(ctx),
					 "IKEv%d exchange %d port %d", ver, x,
					 natt ? 4500 : 500);
				h.natt = natt;
				h.xchg = x;
				len = build(&h, buf);
				classify_all(buf, len, natt, &p);
				CHECK_REASON(p.reason, valid ? IKE_R_OK :
							       IKE_R_EXCHANGE);
			}
		}
	}
}

static void test_versions(const void *arg)
{
	int b;

	(void)arg;
	for (b = 0; b < 256; b++) {
		int major = b >> 4;
		struct hdr h = major == 1 ? v1 : v2;
		u8 buf[MAXPKT];
		struct ike_pkt p;
		u32 len;

		snprintf(ctx, sizeof(ctx), "version byte 0x%02x", b);
		h.ver = b;
		len = build(&h, buf);
		classify_all(buf, len, false, &p);
		if (major == 1 || major == 2) {
			CHECK_REASON(p.reason, IKE_R_OK);
			CHECK_EQ(p.version, major);
		} else {
			CHECK_REASON(p.reason, IKE_R_VERSION);
		}
	}
}

static void test_next_payload(const void *arg)
{
	int np, ver;

	(void)arg;
	for (ver = 1; ver <= 2; ver++) {
		for (np = 0; np < 256; np++) {
			struct hdr h = ver == 1 ? v1 : v2;
			u8 buf[MAXPKT];
			struct ike_pkt p;
			u32 len;

			snprintf(ctx, sizeof(ctx), "IKEv%d next payload %d",
				 ver, np);
			h.np = np;
			len = build(&h, buf);
			classify_all(buf, len, false, &p);
			CHECK_REASON(p.reason, np ? IKE_R_OK :
						    IKE_R_NEXT_PAYLOAD);
		}
	}
}

/* A payload is announced, so at least a generic payload header follows */
static void test_no_payload(const void *arg)
{
	u32 body;
	int natt;

	(void)arg;
	for (natt = 0; natt < 2; natt++) {
		for (body = 0; body <= 8; body++) {
			struct hdr h = v2;
			u8 buf[MAXPKT];
			struct ike_pkt p;
			u32 len;

			snprintf(ctx, sizeof(ctx), "body %u natt %d", body,
				 natt);
			h.natt = natt;
			h.body = body;
			len = build(&h, buf);
			classify_all(buf, len, natt, &p);
			CHECK_REASON(p.reason, body < 4 ? IKE_R_NO_PAYLOAD :
							  IKE_R_OK);
		}
	}
}

static void test_cookies(const void *arg)
{
	int natt, i;

	(void)arg;
	for (natt = 0; natt < 2; natt++) {
		struct hdr h = v1;
		u8 buf[MAXPKT];
		struct ike_pkt p;
		u32 len;

		h.natt = natt;
		h.ic = 0;
		h.rc = 0;
		len = build(&h, buf);
		classify_all(buf, len, natt, &p);
		CHECK_REASON(p.reason, IKE_R_ICOOKIE_ZERO);

		h.rc = R1;	/* a responder cookie does not help */
		len = build(&h, buf);
		classify_all(buf, len, natt, &p);
		CHECK_REASON(p.reason, IKE_R_ICOOKIE_ZERO);

		for (i = 0; i < 64; i++) {	/* any single bit will do */
			snprintf(ctx, sizeof(ctx), "icookie bit %d", i);
			h.ic = 1ULL << i;
			h.rc = i & 1 ? 0 : ~0ULL;
			len = build(&h, buf);
			classify_all(buf, len, natt, &p);
			CHECK_REASON(p.reason, IKE_R_OK);
			CHECK_EQ(get64(p.ck.icookie), h.ic);
			CHECK_EQ(get64(p.ck.rcookie), h.rc);
		}
	}
}

/* Fields are big-endian, whatever the host */
static void test_big_endian(const void *arg)
{
	u8 buf[MAXPKT];
	struct hdr h = v2;
	struct ike_pkt p;
	u32 len;

	(void)arg;
	h.ic = 0x0102030405060708ULL;
	h.rc = 0x1112131415161718ULL;
	h.msgid = 0x21222324;
	h.xchg = IKE_XCHG_V2_IKE_AUTH;
	h.body = 0x0104;	/* length 0x120 */
	len = build(&h, buf);
	CHECK_EQ(buf[24], 0x00);
	CHECK_EQ(buf[26], 0x01);
	CHECK_EQ(buf[27], 0x20);
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_OK);
	CHECK_EQ(p.msgid, 0x21222324);
	CHECK_EQ(p.length, 0x120);
	CHECK_EQ(p.ck.icookie[0], 0x01);
	CHECK_EQ(p.ck.icookie[7], 0x08);
	CHECK_EQ(p.ck.rcookie[0], 0x11);
	CHECK_EQ(p.ck.rcookie[7], 0x18);
	CHECK_EQ(p.flags, FLAG_V2_I);

	memset(buf, 0, 16);
	put32(buf, 0x80000000);
	classify_all(buf, 16, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_ESP);
	CHECK_EQ(p.spi, 0x80000000u);
}

/* Port 4500: everything but an ISAKMP message behind the marker */
static void test_natt_forms(const void *arg)
{
	u8 buf[MAXPKT];
	struct ike_pkt p;
	u32 spi;
	int b;

	(void)arg;
	memset(buf, 0, sizeof(buf));
	classify_all(buf, 0, true, &p);
	CHECK_REASON(p.reason, IKE_R_RUNT);

	for (b = 0; b < 256; b++) {
		snprintf(ctx, sizeof(ctx), "single byte 0x%02x", b);
		buf[0] = b;
		classify_all(buf, 1, true, &p);
		if (b == 0xff)
			CHECK_EQ(p.kind, IKE_PKT_KEEPALIVE);
		else
			CHECK_REASON(p.reason, IKE_R_BAD_KEEPALIVE);
		/* port 500 has no keepalives */
		classify_all(buf, 1, false, &p);
		CHECK_REASON(p.reason, IKE_R_SHORT);
	}
	ctx[0] = 0;

	memset(buf, 0xff, 8);	/* keepalive byte repeated is not one */
	classify_all(buf, 2, true, &p);
	CHECK_REASON(p.reason, IKE_R_RUNT);
	classify_all(buf, 3, true, &p);
	CHECK_REASON(p.reason, IKE_R_RUNT);
	classify_all(buf, 4, true, &p);
	CHECK_REASON(p.reason, IKE_R_ESP_SHORT);
	classify_all(buf, 8, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_ESP);
	CHECK_EQ(p.spi, 0xffffffffu);

	/* reserved SPIs; 256 is the first real one */
	for (spi = 1; spi <= 256; spi++) {
		snprintf(ctx, sizeof(ctx), "SPI %u", spi);
		put32(buf, spi);
		classify_all(buf, 64, true, &p);
		if (spi < 256) {
			CHECK_REASON(p.reason, IKE_R_ESP_SPI);
		} else {
			CHECK_EQ(p.kind, IKE_PKT_ESP);
			CHECK_EQ(p.spi, 256);
		}
	}
	ctx[0] = 0;

	/* a marker and no header is an ISAKMP message too short */
	memset(buf, 0, 64);
	for (b = 4; b < IKE_PEEK_LEN; b++) {
		classify_all(buf, b, true, &p);
		CHECK_REASON(p.reason, IKE_R_SHORT);
	}
	classify_all(buf, 64, true, &p);
	CHECK_REASON(p.reason, IKE_R_VERSION);

	/* a big ESP packet: only the peeked bytes are read */
	put32(buf, 0xc0ffee01);
	classify(buf, IKE_PEEK_LEN, 1400, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_ESP);
	classify(buf, 4, 1400, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_ESP);
	classify(buf, 3, 1400, true, &p);
	CHECK_REASON(p.reason, IKE_R_TRUNCATED);
}

/* Port 500 never takes 4500's marker or ESP */
static void test_port500_is_strict(const void *arg)
{
	struct hdr h = v2;
	u8 buf[MAXPKT];
	struct ike_pkt p;
	u32 len;

	(void)arg;
	h.natt = true;
	len = build(&h, buf);
	classify_all(buf, len, false, &p);
	CHECK_EQ(p.kind, IKE_PKT_BAD);
	classify_all(buf, len, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_ISAKMP);

	put32(buf, 0xc1234567);
	put32(buf + 4, 1);
	classify_all(buf, 100, false, &p);
	CHECK_EQ(p.kind, IKE_PKT_BAD);
}

/* A caller claiming more readable bytes than the payload has */
static void test_peek_clamped(const void *arg)
{
	u8 buf[MAXPKT];
	struct ike_pkt p;
	u8 *exact;
	u32 len;
	int natt;

	(void)arg;
	for (natt = 0; natt < 2; natt++) {
		struct hdr h = v2;

		h.natt = natt;
		h.body = 0;	/* a header alone: 28 or 32 bytes */
		len = build(&h, buf);
		exact = malloc(len);
		if (!exact)
			abort();
		memcpy(exact, buf, len);
		ike_classify(exact, len + 100, len, natt, &p);
		CHECK_REASON(p.reason, IKE_R_NO_PAYLOAD);
		ike_classify(exact, len + 100, len - 1, natt, &p);
		CHECK_EQ(p.kind, IKE_PKT_BAD);
		free(exact);
	}
	exact = malloc(1);
	if (!exact)
		abort();
	exact[0] = 0xff;
	ike_classify(exact, 40, 1, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_KEEPALIVE);
	free(exact);

	/* nothing readable at all */
	ike_classify(NULL, 0, 0, false, &p);
	CHECK_REASON(p.reason, IKE_R_SHORT);
	ike_classify(NULL, 0, 0, true, &p);
	CHECK_REASON(p.reason, IKE_R_RUNT);
	ike_classify(NULL, 0, 500, false, &p);
	CHECK_REASON(p.reason, IKE_R_TRUNCATED);
	ike_classify(NULL, 0, 500, true, &p);
	CHECK_REASON(p.reason, IKE_R_TRUNCATED);
	ike_classify(NULL, 0, 1, true, &p);
	CHECK_REASON(p.reason, IKE_R_TRUNCATED);
}

/* Checks run in a fixed order; the first failing one names the packet */
static void test_reason_order(const void *arg)
{
	struct hdr h = v1;
	u8 buf[MAXPKT];
	struct ike_pkt p;
	u32 len;

	(void)arg;
	h.ic = 0;
	h.np = 0;
	h.xchg = 99;
	h.ver = 0x30;
	len = build(&h, buf);
	set_len_field(buf, false, 7);
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_VERSION);
	buf[17] = 0x10;
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_LENGTH);
	set_len_field(buf, false, len);
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_ICOOKIE_ZERO);
	buf[3] = 1;
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_EXCHANGE);
	buf[18] = IKE_XCHG_V1_AGGRESSIVE;
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_NEXT_PAYLOAD);
	buf[16] = NP_V1_SA;
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_OK);
}

/* ---- transitions ------------------------------------------------------ */

struct entry {
	enum ike_state state;
	struct ike_cookies ck;
};

static void set_ck(struct ike_cookies *ck, u64 ic, u64 rc)
{
	put64(ck->icookie, ic);
	put64(ck->rcookie, rc);
}

/* A message with this header, classified; it must parse */
static struct ike_pkt msg(bool natt, u64 ic, u64 rc, u8 ver, u8 xchg, u8 np,
			  u8 flags)
{
	struct hdr h = {
		natt, ic, rc, np, ver << 4, xchg, flags, rc ? 1 : 0, 200
	};
	u8 buf[MAXPKT];
	struct ike_pkt p;
	u32 len = build(&h, buf);

	classify_all(buf, len, natt, &p);
	CHECK_EQ(p.kind, IKE_PKT_ISAKMP);
	return p;
}

/*
 * A real IKEv2 message with these cookies: IKE_SA_INIT request if rc is
 * zero, else IKE_AUTH (encrypted, so it vouches when the server sends it)
 */
static struct ike_pkt isakmp(u64 ic, u64 rc, bool natt)
{
	if (!rc)
		return msg(natt, ic, 0, 2, IKE_XCHG_V2_IKE_SA_INIT, NP_V2_SA,
			   FLAG_V2_I);
	return msg(natt, ic, rc, 2, IKE_XCHG_V2_IKE_AUTH, NP_V2_SK, FLAG_V2_I);
}

/* The server's IKE_SA_INIT response: cleartext, but it creates the SA */
static struct ike_pkt sa_init_resp(u64 ic, u64 rc)
{
	return msg(false, ic, rc, 2, IKE_XCHG_V2_IKE_SA_INIT, NP_V2_SA,
		   FLAG_V2_R);
}

/* RFC 7296 2.21.4: INVALID_IKE_SPI, unprotected, both SPIs copied */
static struct ike_pkt invalid_ike_spi(u64 ic, u64 rc, bool natt)
{
	return msg(natt, ic, rc, 2, IKE_XCHG_V2_INFORMATIONAL, NP_V2_N,
		   FLAG_V2_R);
}

/* IKEv1, encrypted (E flag) */
static struct ike_pkt v1pkt(u64 ic, u64 rc, u8 xchg)
{
	return msg(false, ic, rc, 1, xchg, NP_V1_HASH, FLAG_V1_E);
}

/* The same message with another message ID */
static struct ike_pkt with_id(struct ike_pkt p, u32 msgid)
{
	p.msgid = msgid;
	return p;
}

static struct ike_pkt keepalive(void)
{
	u8 b = 0xff;
	struct ike_pkt p;

	classify_all(&b, 1, true, &p);
	CHECK_EQ(p.kind, IKE_PKT_KEEPALIVE);
	return p;
}

static struct ike_pkt esp(void)
{
	u8 buf[100] = { 0xc0, 0x01, 0x02, 0x03, 0, 0, 0, 1 };
	struct ike_pkt p;

	classify_all(buf, sizeof(buf), true, &p);
	CHECK_EQ(p.kind, IKE_PKT_ESP);
	return p;
}

/* Malformed: a length field one byte short */
static struct ike_pkt bad(void)
{
	struct hdr h = v2;
	u8 buf[MAXPKT];
	struct ike_pkt p;
	u32 len = build(&h, buf);

	set_len_field(buf, false, len - 1);
	classify_all(buf, len, false, &p);
	CHECK_REASON(p.reason, IKE_R_LENGTH);
	return p;
}

static const struct ike_policy nat = { .nat_mode = 1 };
static const struct ike_policy dr = { 0 };
static const struct ike_policy dr2 = { 0 };	/* confirm_twice retired */
static const struct ike_policy nat2 = { .nat_mode = 1 };

#define CLIENT IKE_DIR_CLIENT
#define SERVER IKE_DIR_SERVER
#define ACCEPT IKE_ACCEPT
#define DROP IKE_DROP
#define NONE IKE_S_NONE
#define INIT IKE_S_INIT
#define CLAIMED IKE_S_CLAIMED
#define ESTAB IKE_S_ESTAB

/*
 * One packet through the entry, and what must come out: verdict, next
 * state, reason, the cookies after the call, and the timer refresh. The
 * invariants that hold for every call are checked too.
 */
#define STEP(e, pkt, dir, pol, verdict, state, reason, ic, rc, refresh) \
	step(__LINE__, e, pkt, dir, pol, verdict, state, reason, ic, rc, \
	     refresh)

static void step(int line, struct entry *e, struct ike_pkt pkt,
		 enum ike_dir dir, const struct ike_policy *pol,
		 enum ike_verdict verdict, enum ike_state state,
		 enum ike_reason reason, u64 ic, u64 rc, int refresh)
{
	struct ike_cookies before = e->ck;
	struct ike_result res;

	memset(&res, 0x5a, sizeof(res));	/* no field left unset */
	ike_transition(e->state, &e->ck, &pkt, dir, pol, &res);

	snprintf(ctx, sizeof(ctx), "step at line %d", line);
	CHECK_EQ(res.verdict, verdict);
	CHECK_EQ(res.state, state);
	CHECK_REASON(res.reason, reason);
	CHECK_EQ(res.refresh, refresh);
	CHECK_EQ(get64(e->ck.icookie), ic);
	CHECK_EQ(get64(e->ck.rcookie), rc);
	if (memcmp(&before, &e->ck, sizeof(before)))
		CHECK(res.stored);
	if (res.verdict == DROP) {
		CHECK_EQ(dir, CLIENT);
		CHECK_EQ(res.state, e->state);
		CHECK(!memcmp(&before, &e->ck, sizeof(before)));
		CHECK(!res.stored);
	}
	/* the server moves a state only from CLAIMED, or adopts an SA */
	if (dir == SERVER && e->state != CLAIMED &&
	    res.reason != IKE_R_SERVER_ADOPTED)
		CHECK_EQ(res.state, e->state);
	/* states only move up, but for CLAIMED -> INIT */
	CHECK(res.state >= e->state ||
	      (e->state == CLAIMED && res.state == INIT));
	ctx[0] = 0;
	e->state = res.state;
}

static void test_none_open(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	e = (struct entry){ .state = NONE };
	STEP(&e, isakmp(I1, 0, true), CLIENT, &dr, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	e = (struct entry){ .state = NONE };
	STEP(&e, msg(false, I2, 0, 1, IKE_XCHG_V1_AGGRESSIVE, NP_V1_SA, 0),
	     CLIENT, &dr2, ACCEPT, INIT, IKE_R_NEW, I2, 0, 1);
	/* a NONE entry with leftovers in its storage starts clean */
	e = (struct entry){ .state = NONE };
	set_ck(&e.ck, I2, R2);
	STEP(&e, isakmp(I1, 0, false), CLIENT, &dr, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
}

/* A new flow whose first packet claims an rcookie (NAT-T float) */
static void test_none_claim(const void *arg)
{
	struct entry e;
	int natt;

	(void)arg;
	for (natt = 0; natt < 2; natt++) {
		snprintf(ctx, sizeof(ctx), "natt %d", natt);
		/* NAT: waits for the server */
		e = (struct entry){ .state = NONE };
		STEP(&e, isakmp(I1, R1, natt), CLIENT, &nat, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, I1, R1, 1);
		e = (struct entry){ .state = NONE };
		STEP(&e, isakmp(I1, R1, natt), CLIENT, &nat2, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, I1, R1, 1);
		/* DR/TUN: the client's word alone is a claim too */
		e = (struct entry){ .state = NONE };
		STEP(&e, isakmp(I1, R1, natt), CLIENT, &dr, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, I1, R1, 1);
		/* the retired confirm_twice changes nothing */
		e = (struct entry){ .state = NONE };
		STEP(&e, isakmp(I1, R1, natt), CLIENT, &dr2, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, I1, R1, 1);
	}
	/* IKEv1 quick mode and leftovers in the storage */
	e = (struct entry){ .state = NONE };
	set_ck(&e.ck, I2, R2);
	STEP(&e, v1pkt(I1, R1, IKE_XCHG_V1_QUICK), CLIENT, &nat, ACCEPT,
	     CLAIMED, IKE_R_NEW_CLAIMED, I1, R1, 1);
	e = (struct entry){ .state = NONE };
	set_ck(&e.ck, I2, 0);
	STEP(&e, v1pkt(I1, R1, IKE_XCHG_V1_IDPROT), CLIENT, &dr, ACCEPT,
	     CLAIMED, IKE_R_NEW_CLAIMED, I1, R1, 1);
}

/*
 * The caller judges a first packet before the real server, hence the
 * forwarding mode, is chosen: the verdict must not depend on the policy.
 */
static void test_none_policy_free(const void *arg)
{
	const struct ike_policy *pols[] = { &nat, &nat2, &dr, &dr2 };
	unsigned int i, k;

	(void)arg;
	for (i = 0; i < NFORMS + 3; i++) {
		struct ike_pkt p;
		enum ike_verdict v0 = DROP;

		if (i < NFORMS) {
			u8 buf[MAXPKT];
			u32 len = form_bytes(&forms[i], buf);

			classify_all(buf, len, form_natt(&forms[i]), &p);
			snprintf(ctx, sizeof(ctx), "%s", forms[i].name);
		} else {
			p = i == NFORMS ? bad() : i == NFORMS + 1 ?
			    invalid_ike_spi(I1, R1, true) : sa_init_resp(I1, R1);
			snprintf(ctx, sizeof(ctx), "extra %u",
				 (unsigned int)(i - NFORMS));
		}
		for (k = 0; k < 4; k++) {
			struct ike_cookies ck;
			struct ike_result res;

			memset(&ck, 0, sizeof(ck));
			ike_transition(NONE, &ck, &p, CLIENT, pols[k], &res);
			if (k == 0)
				v0 = res.verdict;
			CHECK_EQ(res.verdict, v0);
			CHECK_EQ(res.verdict == ACCEPT,
				 p.kind == IKE_PKT_ISAKMP);
		}
	}
}

static void test_none_not_ike(const void *arg)
{
	const struct ike_policy *pols[] = { &nat, &dr, &dr2, &nat2 };
	unsigned int i;

	(void)arg;
	for (i = 0; i < 4; i++) {
		struct entry e = { .state = NONE };

		STEP(&e, esp(), CLIENT, pols[i], DROP, NONE, IKE_R_ESP_EARLY,
		     0, 0, 0);
		STEP(&e, keepalive(), CLIENT, pols[i], DROP, NONE,
		     IKE_R_KEEPALIVE_EARLY, 0, 0, 0);
		STEP(&e, bad(), CLIENT, pols[i], DROP, NONE, IKE_R_LENGTH,
		     0, 0, 0);
	}
}

/* Every malformation is dropped with its own reason, in every state */
static void test_bad_keeps_reason(const void *arg)
{
	static const u8 samples[][8] = {
		{ 0 }, { 0xfe }, { 0xff, 0xff }, { 0, 0, 0, 1, 0, 0, 0, 1 },
	};
	const u32 lens[] = { 0, 1, 2, 8 };
	const enum ike_reason want[] = {
		IKE_R_RUNT, IKE_R_BAD_KEEPALIVE, IKE_R_RUNT, IKE_R_ESP_SPI,
	};
	enum ike_state s;
	unsigned int i;

	(void)arg;
	for (s = NONE; s <= ESTAB; s++) {
		u64 rc = s >= CLAIMED ? R1 : 0;

		for (i = 0; i < 4; i++) {
			struct entry e = { .state = s };
			struct ike_pkt p;

			set_ck(&e.ck, I1, rc);
			classify_all(samples[i], lens[i], true, &p);
			CHECK_REASON(p.reason, want[i]);
			STEP(&e, p, CLIENT, &nat, DROP, s, want[i], I1, rc, 0);
			STEP(&e, p, CLIENT, &dr, DROP, s, want[i], I1, rc, 0);
			STEP(&e, p, CLIENT, &dr2, DROP, s, want[i], I1, rc, 0);
		}
		{
			struct entry e = { .state = s };
			struct ike_pkt p;

			set_ck(&e.ck, I1, rc);
			classify(samples[0], 0, 100, true, &p);
			STEP(&e, p, CLIENT, &nat, DROP, s, IKE_R_TRUNCATED,
			     I1, rc, 0);
		}
	}
}

/* NAT: server reply teaches, client echo confirms */
static void test_nat_establish(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I1, R1, 1);
	/* the same reply again changes nothing */
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER, I1, R1, 1);
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_ESTABLISHED, I1, R1, 1);
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_IKE, I1, R1, 1);
}

static void test_nat_antispoof(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	/* before any server reply: a claim, which only the server confirms */
	STEP(&e, isakmp(I1, R2, false), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIMED, I1, R2, 1);
	STEP(&e, isakmp(I1, R2, false), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_REPEAT, I1, R2, 1);
	/* the server's reply carries another rcookie: it is the authority */
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_OVERRULED, I1, R1, 1);
	/* the wrong claim after it */
	STEP(&e, isakmp(I1, R2, false), CLIENT, &nat, DROP, INIT,
	     IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
	STEP(&e, v1pkt(I1, R2, IKE_XCHG_V1_IDPROT), CLIENT, &nat, DROP, INIT,
	     IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
	/* a claim or an opening for another exchange passes, to no effect */
	STEP(&e, isakmp(I2, R1, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_CLAIM_OTHER, I1, R1, 0);
	STEP(&e, isakmp(I2, 0, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_OPEN_OTHER, I1, R1, 0);
	/* ESP and keepalives cannot sneak in */
	STEP(&e, esp(), CLIENT, &nat, DROP, INIT, IKE_R_ESP_EARLY, I1, R1, 0);
	STEP(&e, keepalive(), CLIENT, &nat, DROP, INIT, IKE_R_KEEPALIVE_EARLY,
	     I1, R1, 0);
	STEP(&e, bad(), CLIENT, &nat, DROP, INIT, IKE_R_LENGTH, I1, R1, 0);
	/* the real client is not locked out */
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_ESTABLISHED, I1, R1, 1);
}

/* NAT: the client's claim comes first, the server's reply confirms it */
static void test_claimed_nat(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIMED, I1, R1, 1);
	/* repeating the claim proves nothing */
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_REPEAT, I1, R1, 1);
	STEP(&e, v1pkt(I1, R1, IKE_XCHG_V1_QUICK), CLIENT, &nat, ACCEPT,
	     CLAIMED, IKE_R_CLAIM_REPEAT, I1, R1, 1);
	/* confirm_twice means nothing in NAT mode */
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat2, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_REPEAT, I1, R1, 1);
	/* another claim is dropped, one for another exchange passes */
	STEP(&e, isakmp(I1, R2, false), CLIENT, &nat, DROP, CLAIMED,
	     IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
	STEP(&e, isakmp(I2, R1, false), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_OTHER, I1, R1, 0);
	STEP(&e, isakmp(I2, R2, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_OTHER, I1, R1, 0);
	/* nothing but IKE before ESTAB */
	STEP(&e, esp(), CLIENT, &nat, DROP, CLAIMED, IKE_R_ESP_EARLY, I1, R1,
	     0);
	STEP(&e, keepalive(), CLIENT, &nat, DROP, CLAIMED,
	     IKE_R_KEEPALIVE_EARLY, I1, R1, 0);
	STEP(&e, bad(), CLIENT, &nat, DROP, CLAIMED, IKE_R_LENGTH, I1, R1, 0);
	/* server packets that say nothing about the claim */
	STEP(&e, invalid_ike_spi(I2, R1, false), SERVER, &nat, ACCEPT,
	     CLAIMED, IKE_R_SERVER, I1, R1, 1);
	STEP(&e, isakmp(I1, 0, false), SERVER, &nat, ACCEPT, CLAIMED,
	     IKE_R_SERVER, I1, R1, 1);
	STEP(&e, esp(), SERVER, &nat, ACCEPT, CLAIMED, IKE_R_SERVER, I1, R1,
	     0);
	STEP(&e, keepalive(), SERVER, &nat, ACCEPT, CLAIMED, IKE_R_SERVER, I1,
	     R1, 0);
	STEP(&e, bad(), SERVER, &nat, ACCEPT, CLAIMED, IKE_R_SERVER_BAD, I1,
	     R1, 0);
	/* the server's protected reply with the claimed rcookie */
	STEP(&e, isakmp(I1, R1, false), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER_CONFIRMED, I1, R1, 1);
	STEP(&e, esp(), CLIENT, &nat, ACCEPT, ESTAB, IKE_R_ESP, I1, R1, 1);
	STEP(&e, isakmp(I1, R1, false), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER, I1, R1, 1);
}

/* NAT: the server's rcookie replaces a claimed one, which is then dropped */
static void test_claimed_overruled(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, R2, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_NEW_CLAIMED, I1, R2, 1);
	STEP(&e, isakmp(I1, R1, true), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_OVERRULED, I1, R1, 1);
	STEP(&e, isakmp(I1, R2, true), CLIENT, &nat, DROP, INIT,
	     IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
	STEP(&e, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_ESTABLISHED, I1, R1, 1);

	/* overruled by the cleartext reply creating the SA, IKEv2 or v1 */
	e = (struct entry){ .state = CLAIMED };
	set_ck(&e.ck, I1, R2);
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_OVERRULED, I1, R1, 1);
	/* then taught again, as in any INIT */
	STEP(&e, sa_init_resp(I1, R2), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I1, R2, 1);
	STEP(&e, isakmp(I1, R2, false), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_ESTABLISHED, I1, R2, 1);
	e = (struct entry){ .state = CLAIMED };
	set_ck(&e.ck, I1, R2);
	STEP(&e, msg(false, I1, R1, 1, IKE_XCHG_V1_IDPROT, NP_V1_SA, 0),
	     SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER_OVERRULED, I1, R1, 1);
}

/*
 * An opening does not throw a pending claim away: a blind spoofer's
 * openings from the client's address would, each second. A claim for
 * another exchange passes without displacing it either.
 */
static void test_claimed_reopen(const void *arg)
{
	const struct ike_policy *pols[] = { &nat, &dr };
	unsigned int i;

	(void)arg;
	for (i = 0; i < 2; i++) {
		const struct ike_policy *pol = pols[i];
		struct entry e = { .state = NONE };

		snprintf(ctx, sizeof(ctx), "policy %u", i);
		STEP(&e, isakmp(I1, R1, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, I1, R1, 1);
		STEP(&e, isakmp(I1, 0, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_RETRANSMIT, I1, R1, 1);
		STEP(&e, isakmp(I2, 0, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_OPEN_OTHER, I1, R1, 0);
		STEP(&e, isakmp(I2, R2, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_CLAIM_OTHER, I1, R1, 0);
		STEP(&e, isakmp(I1, R1, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_CLAIM_REPEAT, I1, R1, 1);
		if (pol->nat_mode)
			STEP(&e, isakmp(I1, R1, false), SERVER, pol, ACCEPT,
			     ESTAB, IKE_R_SERVER_CONFIRMED, I1, R1, 1);
		else
			STEP(&e, esp(), CLIENT, pol, ACCEPT, ESTAB,
			     IKE_R_ESP_CONFIRMED, I1, R1, 1);
	}
}

/*
 * NAT: a spoofer's opening or claim got to the entry before the client's
 * claim, which passed as another exchange's. The server's protected reply
 * to the client proves the client: the entry follows the server's SA. A
 * cleartext reply for another exchange (to a spoofer's opening, or an
 * error copying a spoofed claim) does not.
 */
static void test_server_adopts(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I2, 0, true), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I2, 0, 1);
	STEP(&e, sa_init_resp(I2, R2), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I2, R2, 1);
	STEP(&e, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_CLAIM_OTHER, I2, R2, 0);
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER, I2, R2, 1);
	STEP(&e, invalid_ike_spi(I1, R1, true), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER, I2, R2, 1);
	STEP(&e, isakmp(I1, R1, true), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER_ADOPTED, I1, R1, 1);
	STEP(&e, esp(), CLIENT, &nat, ACCEPT, ESTAB, IKE_R_ESP, I1, R1, 1);
	/* from a spoofer's claim */
	e = (struct entry){ .state = NONE };
	STEP(&e, isakmp(I2, R2, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_NEW_CLAIMED, I2, R2, 1);
	STEP(&e, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_OTHER, I2, R2, 0);
	STEP(&e, isakmp(I1, R1, true), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER_ADOPTED, I1, R1, 1);
	/* an established entry adopts nothing */
	STEP(&e, isakmp(I2, R2, true), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER, I1, R1, 1);
}

/*
 * Which server messages vouch for their rcookie: protected ones, and the
 * cleartext reply creating the SA. Others, such as an error copying the
 * cookies of a forwarded claim, teach and confirm nothing.
 */
static void test_server_vouches(const void *arg)
{
	static const struct {
		const char *name;
		u8 ver, xchg, np, flags;
		bool vouches;
	} m[] = {
		{ "v2-ike-sa-init-resp", 2, IKE_XCHG_V2_IKE_SA_INIT,
		  NP_V2_SA, FLAG_V2_R, true },
		{ "v2-ike-auth-sk", 2, IKE_XCHG_V2_IKE_AUTH, NP_V2_SK,
		  FLAG_V2_R, true },
		{ "v2-ike-auth-skf", 2, IKE_XCHG_V2_IKE_AUTH, IKE_NP_V2_SKF,
		  FLAG_V2_R, true },
		{ "v2-informational-sk", 2, IKE_XCHG_V2_INFORMATIONAL,
		  NP_V2_SK, 0, true },
		{ "v2-invalid-ike-spi", 2, IKE_XCHG_V2_INFORMATIONAL,
		  NP_V2_N, FLAG_V2_R, false },
		{ "v2-ike-sa-init-notify", 2, IKE_XCHG_V2_IKE_SA_INIT,
		  NP_V2_N, FLAG_V2_R, false },
		{ "v2-ike-auth-cleartext", 2, IKE_XCHG_V2_IKE_AUTH, NP_V2_N,
		  FLAG_V2_R, false },
		{ "v2-session-resume", 2, IKE_XCHG_V2_SESSION_RESUME,
		  NP_V2_SA, FLAG_V2_R, false },
		{ "v1-main-2", 1, IKE_XCHG_V1_IDPROT, NP_V1_SA, 0, true },
		{ "v1-aggressive-2", 1, IKE_XCHG_V1_AGGRESSIVE, NP_V1_SA, 0,
		  true },
		{ "v1-base-2", 1, IKE_XCHG_V1_BASE, NP_V1_SA, 0, true },
		{ "v1-main-6", 1, IKE_XCHG_V1_IDPROT, NP_V1_ID, FLAG_V1_E,
		  true },
		{ "v1-quick", 1, IKE_XCHG_V1_QUICK, NP_V1_HASH, FLAG_V1_E,
		  true },
		{ "v1-transaction", 1, IKE_XCHG_V1_TRANSACTION, NP_V1_HASH,
		  FLAG_V1_E, true },
		{ "v1-main-4", 1, IKE_XCHG_V1_IDPROT, NP_V1_KE, 0, false },
		{ "v1-invalid-cookie", 1, IKE_XCHG_V1_INFO, 11, 0, false },
		{ "v1-quick-cleartext", 1, IKE_XCHG_V1_QUICK, NP_V1_SA, 0,
		  false },
	};
	unsigned int i;
	int natt;

	(void)arg;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		for (natt = 0; natt < 2; natt++) {
			struct ike_pkt same = msg(natt, I1, R1, m[i].ver,
						  m[i].xchg, m[i].np,
						  m[i].flags);
			struct ike_pkt other = msg(natt, I1, R2, m[i].ver,
						   m[i].xchg, m[i].np,
						   m[i].flags);
			bool v = m[i].vouches;
			struct entry e;

			snprintf(ctx, sizeof(ctx), "%s natt %d", m[i].name,
				 natt);
			/* INIT: teaches */
			e = (struct entry){ .state = INIT };
			set_ck(&e.ck, I1, 0);
			STEP(&e, same, SERVER, &nat, ACCEPT, INIT,
			     v ? IKE_R_SERVER_RCOOKIE : IKE_R_SERVER_CLEARTEXT,
			     I1, v ? R1 : 0, 1);
			/* INIT: teaches another, or repeats */
			e = (struct entry){ .state = INIT };
			set_ck(&e.ck, I1, R2);
			STEP(&e, same, SERVER, &nat, ACCEPT, INIT,
			     v ? IKE_R_SERVER_RCOOKIE : IKE_R_SERVER_CLEARTEXT,
			     I1, v ? R1 : R2, 1);
			STEP(&e, v ? same : other, SERVER, &nat, ACCEPT, INIT,
			     IKE_R_SERVER, I1, v ? R1 : R2, 1);
			/* CLAIMED: confirms */
			e = (struct entry){ .state = CLAIMED };
			set_ck(&e.ck, I1, R1);
			STEP(&e, same, SERVER, &nat, ACCEPT,
			     v ? ESTAB : CLAIMED,
			     v ? IKE_R_SERVER_CONFIRMED :
				 IKE_R_SERVER_CLEARTEXT, I1, R1, 1);
			/* CLAIMED: overrules */
			e = (struct entry){ .state = CLAIMED };
			set_ck(&e.ck, I1, R2);
			STEP(&e, same, SERVER, &nat, ACCEPT,
			     v ? INIT : CLAIMED,
			     v ? IKE_R_SERVER_OVERRULED :
				 IKE_R_SERVER_CLEARTEXT, I1, v ? R1 : R2, 1);
			/* ESTAB: tracks */
			e = (struct entry){ .state = ESTAB };
			set_ck(&e.ck, I1, R2);
			STEP(&e, same, SERVER, &nat, ACCEPT, ESTAB,
			     v ? IKE_R_SERVER_RCOOKIE : IKE_R_SERVER_CLEARTEXT,
			     I1, v ? R1 : R2, 1);
			STEP(&e, v ? same : other, SERVER, &nat, ACCEPT, ESTAB,
			     IKE_R_SERVER, I1, v ? R1 : R2, 1);
			/* the client side does not care */
			e = (struct entry){ .state = CLAIMED };
			set_ck(&e.ck, I1, R1);
			STEP(&e, same, CLIENT, &nat, ACCEPT, CLAIMED,
			     IKE_R_CLAIM_REPEAT, I1, R1, 1);
		}
	}
}

static void test_init_retransmit_restart(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_RETRANSMIT, I1, 0, 1);
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I1, R1, 1);
	/* the reply got lost on the way to the client: it repeats itself */
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_RETRANSMIT, I1, R1, 1);
	/*
	 * The client gives up and starts over: the server answered the
	 * old exchange, so a new opening (a spoofer's as well) does not
	 * displace it; it passes, as does the claim that follows, and the
	 * server's protected reply to that claim decides.
	 */
	STEP(&e, isakmp(I2, 0, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_OPEN_OTHER, I1, R1, 0);
	STEP(&e, sa_init_resp(I2, R2), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER, I1, R1, 1);
	STEP(&e, isakmp(I2, R2, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_CLAIM_OTHER, I1, R1, 0);
	STEP(&e, isakmp(I2, R2, false), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER_ADOPTED, I2, R2, 1);
	/* before any answer, the newest opening is followed */
	e = (struct entry){ .state = NONE };
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	STEP(&e, isakmp(I2, 0, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_RESTART, I2, 0, 1);
	/* a late reply to the old one teaches nothing */
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER, I2, 0, 1);
	/* a claim, of either exchange, waits for the server */
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIMED, I1, R1, 1);
	STEP(&e, isakmp(I1, R1, false), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER_CONFIRMED, I1, R1, 1);
}

/* What the server sends: always passes, teaches only as ISAKMP */
static void test_server(const void *arg)
{
	struct entry e = { .state = INIT };
	struct ike_pkt p;
	u8 buf[MAXPKT];
	struct hdr h = v2;
	u32 len;

	(void)arg;
	set_ck(&e.ck, I1, 0);
	/* IKEv2 COOKIE / INVALID_KE answers carry no responder SPI */
	STEP(&e, msg(false, I1, 0, 2, IKE_XCHG_V2_IKE_SA_INIT, NP_V2_N,
		     FLAG_V2_R), SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER,
	     I1, 0, 1);
	/* malformed: passes, teaches nothing, no refresh */
	h.ic = I1;
	h.rc = R1;
	h.xchg = IKE_XCHG_V2_IKE_SA_INIT;
	h.flags = FLAG_V2_R;
	len = build(&h, buf);
	set_len_field(buf, false, len + 1);
	classify_all(buf, len, false, &p);
	STEP(&e, p, SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER_BAD, I1, 0, 0);
	STEP(&e, bad(), SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER_BAD, I1, 0,
	     0);
	STEP(&e, esp(), SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER, I1, 0, 0);
	STEP(&e, keepalive(), SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER, I1, 0,
	     0);
	/* a responder that restarted answers with another rcookie */
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I1, R1, 1);
	STEP(&e, sa_init_resp(I1, R2), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I1, R2, 1);
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, DROP, INIT,
	     IKE_R_RCOOKIE_MISMATCH, I1, R2, 0);
	STEP(&e, isakmp(I1, R2, false), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_ESTABLISHED, I1, R2, 1);
	/* established: everything passes and refreshes */
	STEP(&e, esp(), SERVER, &nat, ACCEPT, ESTAB, IKE_R_SERVER, I1, R2, 1);
	STEP(&e, keepalive(), SERVER, &nat, ACCEPT, ESTAB, IKE_R_SERVER, I1,
	     R2, 1);
	STEP(&e, isakmp(I2, R1, false), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER, I1, R2, 1);
	STEP(&e, bad(), SERVER, &nat, ACCEPT, ESTAB, IKE_R_SERVER_BAD, I1, R2,
	     0);

	/* no exchange to teach on a NONE entry, whatever its storage holds */
	e = (struct entry){ .state = NONE };
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, NONE,
	     IKE_R_SERVER, 0, 0, 1);
	STEP(&e, esp(), SERVER, &nat, ACCEPT, NONE, IKE_R_SERVER, 0, 0, 0);
	set_ck(&e.ck, I1, 0);
	STEP(&e, isakmp(I1, R1, false), SERVER, &nat, ACCEPT, NONE,
	     IKE_R_SERVER, I1, 0, 1);
	/* server packets are judged the same whatever the policy */
	e = (struct entry){ .state = CLAIMED };
	set_ck(&e.ck, I1, R1);
	STEP(&e, isakmp(I1, R1, false), SERVER, &dr2, ACCEPT, ESTAB,
	     IKE_R_SERVER_CONFIRMED, I1, R1, 1);
}

/* Cookies are compared on all 8 bytes */
static void test_cookie_bytes(const void *arg)
{
	int k;

	(void)arg;
	for (k = 0; k < 8; k++) {
		u64 bit = 1ULL << (8 * k);
		struct entry e = { .state = INIT };

		snprintf(ctx, sizeof(ctx), "byte %d", 7 - k);
		set_ck(&e.ck, I1, R1);
		STEP(&e, isakmp(I1, R1 ^ bit, false), CLIENT, &nat, DROP,
		     INIT, IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
		STEP(&e, isakmp(I1 ^ bit, R1, false), CLIENT, &nat, ACCEPT,
		     INIT, IKE_R_CLAIM_OTHER, I1, R1, 0);
		STEP(&e, sa_init_resp(I1 ^ bit, R2), SERVER, &nat, ACCEPT,
		     INIT, IKE_R_SERVER, I1, R1, 1);
		STEP(&e, isakmp(I1 ^ bit, 0, false), CLIENT, &nat, ACCEPT,
		     INIT, IKE_R_OPEN_OTHER, I1, R1, 0);
		STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT,
		     ESTAB, IKE_R_ESTABLISHED, I1, R1, 1);

		e = (struct entry){ .state = CLAIMED };
		set_ck(&e.ck, I1, R1);
		STEP(&e, isakmp(I1, R1 ^ bit, false), CLIENT, &dr2, DROP,
		     CLAIMED, IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
		STEP(&e, isakmp(I1 ^ bit, R1, false), CLIENT, &dr2, ACCEPT,
		     CLAIMED, IKE_R_CLAIM_OTHER, I1, R1, 0);
		STEP(&e, invalid_ike_spi(I1 ^ bit, R1, false), SERVER, &nat,
		     ACCEPT, CLAIMED, IKE_R_SERVER, I1, R1, 1);
		STEP(&e, isakmp(I1, R1 ^ bit, false), SERVER, &nat, ACCEPT,
		     INIT, IKE_R_SERVER_OVERRULED, I1, R1 ^ bit, 1);
	}
}

static void test_dr_establish(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	/* IKEv1 main mode: the director sees messages 1, 3, 5, quick mode */
	STEP(&e, v1pkt(I1, 0, IKE_XCHG_V1_IDPROT), CLIENT, &dr, ACCEPT, INIT,
	     IKE_R_NEW, I1, 0, 1);
	STEP(&e, v1pkt(I1, 0, IKE_XCHG_V1_IDPROT), CLIENT, &dr, ACCEPT, INIT,
	     IKE_R_RETRANSMIT, I1, 0, 1);
	STEP(&e, esp(), CLIENT, &dr, DROP, INIT, IKE_R_ESP_EARLY, I1, 0, 0);
	STEP(&e, with_id(v1pkt(I1, R1, IKE_XCHG_V1_IDPROT), 0), CLIENT, &dr,
	     ACCEPT, CLAIMED, IKE_R_CLAIMED, I1, R1, 1);
	/* message 5 again, or a spoofer's copy of it: still a claim */
	STEP(&e, with_id(v1pkt(I1, R1, IKE_XCHG_V1_IDPROT), 0), CLIENT, &dr,
	     ACCEPT, CLAIMED, IKE_R_CLAIM_REPEAT, I1, R1, 1);
	/* quick mode: another exchange of the SA (random message ID) */
	STEP(&e, with_id(v1pkt(I1, R1, IKE_XCHG_V1_QUICK), 0x3a5c11e7),
	     CLIENT, &dr, ACCEPT, ESTAB, IKE_R_MSGID_CONFIRMED, I1, R1, 1);
	STEP(&e, v1pkt(I1, R1, IKE_XCHG_V1_TRANSACTION), CLIENT, &dr, ACCEPT,
	     ESTAB, IKE_R_IKE, I1, R1, 1);
	STEP(&e, esp(), CLIENT, &dr, ACCEPT, ESTAB, IKE_R_ESP, I1, R1, 1);
}

/*
 * DR/TUN: a claim is confirmed by what a blind spoofer does not produce by
 * repeating itself: ESP in UDP on the entry (raw ESP: ip_vs_isakmp.c), or
 * a later message of the same SA (IKEv2: a higher message ID).
 */
static void test_dr_confirm_twice(const void *arg)
{
	const struct ike_policy *pols[] = { &dr, &dr2 };
	struct entry e;
	unsigned int i;
	int n;

	(void)arg;
	for (i = 0; i < 2; i++) {
		const struct ike_policy *pol = pols[i];

		snprintf(ctx, sizeof(ctx), "policy %u", i);
		e = (struct entry){ .state = NONE };
		STEP(&e, isakmp(I1, 0, false), CLIENT, pol, ACCEPT, INIT,
		     IKE_R_NEW, I1, 0, 1);
		/* a spoofer's openings do not make the real claim fail */
		STEP(&e, isakmp(I2, 0, false), CLIENT, pol, ACCEPT, INIT,
		     IKE_R_RESTART, I2, 0, 1);
		STEP(&e, isakmp(I1, R1, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_CLAIMED, I1, R1, 1);
		STEP(&e, isakmp(I2, 0, false), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_OPEN_OTHER, I1, R1, 0);
		/* the same claim, however often: no */
		for (n = 0; n < 3; n++)
			STEP(&e, isakmp(I1, R1, false), CLIENT, pol, ACCEPT,
			     CLAIMED, IKE_R_CLAIM_REPEAT, I1, R1, 1);
		/* an answer to the server's request carries its lower IDs */
		STEP(&e, with_id(isakmp(I1, R1, false), 0), CLIENT, pol,
		     ACCEPT, CLAIMED, IKE_R_CLAIM_REPEAT, I1, R1, 1);
		STEP(&e, isakmp(I1, R2, false), CLIENT, pol, DROP, CLAIMED,
		     IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
		STEP(&e, keepalive(), CLIENT, pol, DROP, CLAIMED,
		     IKE_R_KEEPALIVE_EARLY, I1, R1, 0);
		/* the client's next request */
		STEP(&e, with_id(isakmp(I1, R1, false), 2), CLIENT, pol,
		     ACCEPT, ESTAB, IKE_R_MSGID_CONFIRMED, I1, R1, 1);
		STEP(&e, esp(), CLIENT, pol, ACCEPT, ESTAB, IKE_R_ESP, I1, R1,
		     1);

		/* a new flow on 4500: IKE_AUTH, then ESP in UDP */
		e = (struct entry){ .state = NONE };
		STEP(&e, isakmp(I1, R1, true), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, I1, R1, 1);
		STEP(&e, isakmp(I1, R1, true), CLIENT, pol, ACCEPT, CLAIMED,
		     IKE_R_CLAIM_REPEAT, I1, R1, 1);
		STEP(&e, esp(), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_ESP_CONFIRMED, I1, R1, 1);
		STEP(&e, keepalive(), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_KEEPALIVE, I1, R1, 1);
	}
	/* NAT: neither ESP nor a later message stands in for the server */
	e = (struct entry){ .state = NONE };
	STEP(&e, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_NEW_CLAIMED, I1, R1, 1);
	STEP(&e, with_id(isakmp(I1, R1, true), 5), CLIENT, &nat, ACCEPT,
	     CLAIMED, IKE_R_CLAIM_REPEAT, I1, R1, 1);
	STEP(&e, esp(), CLIENT, &nat, DROP, CLAIMED, IKE_R_ESP_EARLY, I1, R1,
	     0);
}

/* Rekey, reauthentication, a second initiator: ESTAB stays ESTAB */
static void test_estab_rekey(const void *arg)
{
	const struct ike_policy *pols[] = { &nat, &dr, &dr2 };
	unsigned int i;

	(void)arg;
	for (i = 0; i < 3; i++) {
		const struct ike_policy *pol = pols[i];
		struct entry e = { .state = ESTAB };

		snprintf(ctx, sizeof(ctx), "policy %u", i);
		set_ck(&e.ck, I1, R1);
		/* IKEv2 make-before-break: a new IKE_SA_INIT on the flow */
		STEP(&e, isakmp(I2, 0, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_NEW_SA, I2, 0, 1);
		STEP(&e, isakmp(I2, 0, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_NEW_SA, I2, 0, 1);
		/* the old SA keeps working meanwhile */
		STEP(&e, isakmp(I1, R1, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_IKE, I2, 0, 1);
		STEP(&e, esp(), CLIENT, pol, ACCEPT, ESTAB, IKE_R_ESP, I2, 0,
		     1);
		if (pol->nat_mode)
			STEP(&e, sa_init_resp(I2, R2), SERVER, pol, ACCEPT,
			     ESTAB, IKE_R_SERVER_RCOOKIE, I2, R2, 1);
		STEP(&e, isakmp(I2, R2, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_IKE, I2, R2, 1);
		/* then the old one is deleted */
		STEP(&e, isakmp(I1, R1, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_IKE, I2, R2, 1);
		/* IKEv1 phase-1 rekey */
		STEP(&e, v1pkt(I1, 0, IKE_XCHG_V1_IDPROT), CLIENT, pol, ACCEPT,
		     ESTAB, IKE_R_NEW_SA, I1, 0, 1);
		STEP(&e, v1pkt(I1, R1, IKE_XCHG_V1_IDPROT), CLIENT, pol,
		     ACCEPT, ESTAB, IKE_R_IKE, I1, R1, 1);
		/* another SA's cookies pass, but are not remembered */
		STEP(&e, isakmp(I2, R2, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_IKE, I1, R1, 1);
		/* the followed SA with a wrong rcookie: a spoofer's guess */
		STEP(&e, isakmp(I1, R2, false), CLIENT, pol, DROP, ESTAB,
		     IKE_R_RCOOKIE_MISMATCH, I1, R1, 0);
		/* a late copy of the opening does not forget the rcookie */
		STEP(&e, isakmp(I1, 0, false), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_NEW_SA, I1, R1, 1);
		STEP(&e, keepalive(), CLIENT, pol, ACCEPT, ESTAB,
		     IKE_R_KEEPALIVE, I1, R1, 1);
		STEP(&e, bad(), CLIENT, pol, DROP, ESTAB, IKE_R_LENGTH, I1, R1,
		     0);
	}
}

static void test_bad_state(const void *arg)
{
	const enum ike_state states[] = { (enum ike_state)4,
					  (enum ike_state)7 };
	unsigned int i;

	(void)arg;
	for (i = 0; i < 2; i++) {
		struct entry e = { .state = states[i] };
		struct ike_result res;
		struct ike_pkt p = isakmp(I1, 0, false);

		snprintf(ctx, sizeof(ctx), "state %d", states[i]);
		ike_transition(e.state, &e.ck, &p, CLIENT, &dr, &res);
		CHECK_EQ(res.verdict, DROP);
		CHECK_REASON(res.reason, IKE_R_BAD_STATE);
		CHECK_EQ(res.state, states[i]);
		CHECK_EQ(res.stored, 0);
		ike_transition(e.state, &e.ck, &p, SERVER, &dr, &res);
		CHECK_EQ(res.verdict, ACCEPT);
		CHECK_EQ(res.state, states[i]);
		CHECK_EQ(res.stored, 0);
		CHECK_EQ(get64(e.ck.icookie), 0);
		set_ck(&e.ck, I1, 0);
		p = isakmp(I1, R1, false);
		ike_transition(e.state, &e.ck, &p, SERVER, &nat, &res);
		CHECK_EQ(res.verdict, ACCEPT);
		CHECK_EQ(res.state, states[i]);
		CHECK_EQ(res.stored, 0);
		CHECK_EQ(get64(e.ck.rcookie), 0);
	}
}

static void test_state_order(const void *arg)
{
	(void)arg;
	CHECK(NONE < INIT && INIT < CLAIMED && CLAIMED < ESTAB);
	CHECK(!ike_state_init(NONE));
	CHECK(ike_state_init(INIT));
	CHECK(ike_state_init(CLAIMED));
	CHECK(!ike_state_init(ESTAB));
	CHECK(!ike_state_init((enum ike_state)4));
}

/*
 * Every sequence of up to MODEL_DEPTH packets from a small alphabet, in
 * NAT and DR mode: whenever an entry enters ESTAB from elsewhere, the
 * client and (NAT) the server have both shown its cookies, the server in
 * a message that vouches for them, or the server protected a message of
 * that SA (adoption, NAT only); in DR mode only ESP after a claim
 * establishes, never a repeated claim; and a NAT-mode entry in INIT holds
 * only an rcookie the server vouched for.
 */
#define MODEL_DEPTH	5
#define MODEL_PKTS	22

struct model {
	struct ike_pkt pkt[MODEL_PKTS];
	enum ike_dir dir[MODEL_PKTS];
	bool vouches[MODEL_PKTS];
	const struct ike_policy *pol;
	unsigned long paths, estab;
};

/* cookie pairs as bits: icookie I1 or I2, rcookie R1 or R2 */
static unsigned int pair_bit(const struct ike_cookies *ck)
{
	u64 ic = get64(ck->icookie), rc = get64(ck->rcookie);

	if ((ic != I1 && ic != I2) || (rc != R1 && rc != R2))
		return 0;
	return 1u << ((ic == I2) * 2 + (rc == R2));
}

static void model_walk(struct model *m, int depth, enum ike_state state,
		       struct ike_cookies ck, unsigned int client_shown,
		       unsigned int server_shown)
{
	int i;

	m->paths++;
	if (depth == MODEL_DEPTH)
		return;
	for (i = 0; i < MODEL_PKTS; i++) {
		const struct ike_pkt *p = &m->pkt[i];
		struct ike_cookies next = ck;
		unsigned int cs = client_shown, ss = server_shown;
		struct ike_result res;
		unsigned int bit;

		/* DR/TUN: the server's replies bypass the director */
		if (!m->pol->nat_mode && m->dir[i] == SERVER)
			continue;
		ike_transition(state, &next, p, m->dir[i], m->pol, &res);
		bit = p->kind == IKE_PKT_ISAKMP ? pair_bit(&p->ck) : 0;
		if (m->dir[i] == CLIENT && res.verdict == ACCEPT)
			cs |= bit;
		if (m->dir[i] == SERVER && m->vouches[i])
			ss |= bit;

		if (res.state == ESTAB && state != ESTAB) {
			m->estab++;
			bit = pair_bit(&next);
			CHECK(bit);
			if (res.reason == IKE_R_SERVER_ADOPTED) {
				/* a protected message of that SA */
				CHECK(m->pol->nat_mode);
				CHECK(m->dir[i] == SERVER && m->vouches[i]);
				CHECK(pair_bit(&p->ck) == bit);
			} else {
				CHECK(cs & bit);
				if (m->pol->nat_mode)
					CHECK(ss & bit);
			}
			/*
			 * DR/TUN: every client message of the alphabet has one
			 * message ID, so repeating one never establishes:
			 * only ESP after the claim does
			 */
			if (!m->pol->nat_mode)
				CHECK_REASON(res.reason, IKE_R_ESP_CONFIRMED);
		}
		if (m->pol->nat_mode && res.state == INIT &&
		    get64(next.rcookie))
			CHECK(ss & pair_bit(&next));
		if (res.state == CLAIMED)
			CHECK(cs & pair_bit(&next));
		if (cur_failures)
			return;
		model_walk(m, depth + 1, res.state, next, cs, ss);
	}
}

static void test_model(const void *arg)
{
	static struct model m;
	const u64 ics[] = { I1, I2 }, rcs[] = { 0, R1, R2 };
	const struct ike_policy *pols[] = { &nat, &dr2 };
	unsigned int a, b, k, n = 0;

	(void)arg;
	for (a = 0; a < 2; a++) {
		for (b = 0; b < 3; b++) {
			m.pkt[n] = isakmp(ics[a], rcs[b], false);
			m.dir[n++] = CLIENT;
			/* the server: creating the SA, protected, an error */
			m.pkt[n] = b == 2 ? isakmp(ics[a], rcs[b], false) :
					    sa_init_resp(ics[a], rcs[b]);
			m.vouches[n] = b != 0;
			m.dir[n++] = SERVER;
			m.pkt[n] = invalid_ike_spi(ics[a], rcs[b], false);
			m.dir[n++] = SERVER;
		}
	}
	m.pkt[n] = esp();
	m.dir[n++] = CLIENT;
	m.pkt[n] = keepalive();
	m.dir[n++] = CLIENT;
	m.pkt[n] = bad();
	m.dir[n++] = CLIENT;
	m.pkt[n] = esp();
	m.dir[n++] = SERVER;
	CHECK_EQ(n, MODEL_PKTS);

	for (k = 0; k < 2; k++) {
		struct ike_cookies zero;

		memset(&zero, 0, sizeof(zero));
		m.pol = pols[k];
		m.paths = 0;
		m.estab = 0;
		snprintf(ctx, sizeof(ctx), "policy %u", k);
		model_walk(&m, 0, NONE, zero, 0, 0);
		/* the walk did reach ESTAB, by many paths */
		CHECK(m.estab > 1000);
	}
}

/* ---- end to end: whole exchanges -------------------------------------- */

/*
 * IKEv2 through NAT mode, client behind a NAT: 500, then 4500. The
 * director cannot tell which port-500 entry a new port-4500 flow belongs
 * to: the flow starts as a claim, the server's reply confirms it.
 */
static void test_flow_v2_natt(const void *arg)
{
	struct entry e500 = { .state = NONE }, e4500 = { .state = NONE };

	(void)arg;
	STEP(&e500, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT,
	     IKE_R_NEW, I1, 0, 1);
	STEP(&e500, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_RCOOKIE, I1, R1, 1);
	/* the client floats to 4500 with IKE_AUTH, and retransmits it */
	STEP(&e4500, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_NEW_CLAIMED, I1, R1, 1);
	STEP(&e4500, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, CLAIMED,
	     IKE_R_CLAIM_REPEAT, I1, R1, 1);
	STEP(&e4500, esp(), CLIENT, &nat, DROP, CLAIMED, IKE_R_ESP_EARLY, I1,
	     R1, 0);
	/* the IKE_AUTH response */
	STEP(&e4500, isakmp(I1, R1, true), SERVER, &nat, ACCEPT, ESTAB,
	     IKE_R_SERVER_CONFIRMED, I1, R1, 1);
	STEP(&e4500, esp(), CLIENT, &nat, ACCEPT, ESTAB, IKE_R_ESP, I1, R1, 1);
	STEP(&e4500, esp(), SERVER, &nat, ACCEPT, ESTAB, IKE_R_SERVER, I1, R1,
	     1);
	STEP(&e4500, keepalive(), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_KEEPALIVE, I1, R1, 1);
	STEP(&e4500, isakmp(I1, R1, true), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_IKE, I1, R1, 1);
	/* the port-500 entry never saw the echo: it stays INIT and expires */
	CHECK_EQ(e500.state, INIT);
}

/* IKEv1 main mode through NAT mode: floats at message 5 */
static void test_flow_v1_natt(const void *arg)
{
	struct entry e500 = { .state = NONE }, e4500 = { .state = NONE };

	(void)arg;
	STEP(&e500, msg(false, I1, 0, 1, IKE_XCHG_V1_IDPROT, NP_V1_SA, 0),
	     CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW, I1, 0, 1);
	STEP(&e500, msg(false, I1, R1, 1, IKE_XCHG_V1_IDPROT, NP_V1_SA, 0),
	     SERVER, &nat, ACCEPT, INIT, IKE_R_SERVER_RCOOKIE, I1, R1, 1);
	STEP(&e500, msg(false, I1, R1, 1, IKE_XCHG_V1_IDPROT, NP_V1_KE, 0),
	     CLIENT, &nat, ACCEPT, ESTAB, IKE_R_ESTABLISHED, I1, R1, 1);
	STEP(&e500, msg(false, I1, R1, 1, IKE_XCHG_V1_IDPROT, NP_V1_KE, 0),
	     SERVER, &nat, ACCEPT, ESTAB, IKE_R_SERVER, I1, R1, 1);
	/* message 5 on 4500, and the server's message 6 */
	STEP(&e4500, msg(true, I1, R1, 1, IKE_XCHG_V1_IDPROT, NP_V1_ID,
			 FLAG_V1_E),
	     CLIENT, &nat, ACCEPT, CLAIMED, IKE_R_NEW_CLAIMED, I1, R1, 1);
	STEP(&e4500, msg(true, I1, R1, 1, IKE_XCHG_V1_IDPROT, NP_V1_ID,
			 FLAG_V1_E),
	     SERVER, &nat, ACCEPT, ESTAB, IKE_R_SERVER_CONFIRMED, I1, R1, 1);
	STEP(&e4500, msg(true, I1, R1, 1, IKE_XCHG_V1_QUICK, NP_V1_HASH,
			 FLAG_V1_E),
	     CLIENT, &nat, ACCEPT, ESTAB, IKE_R_IKE, I1, R1, 1);
	STEP(&e4500, esp(), CLIENT, &nat, ACCEPT, ESTAB, IKE_R_ESP, I1, R1, 1);
}

/*
 * DR/TUN: no replies seen, the float flow's first packet is a claim, its
 * ESP in UDP establishes it
 */
static void test_flow_dr_natt(const void *arg)
{
	struct entry e = { .state = NONE };

	(void)arg;
	STEP(&e, isakmp(I1, R1, true), CLIENT, &dr, ACCEPT, CLAIMED,
	     IKE_R_NEW_CLAIMED, I1, R1, 1);
	STEP(&e, esp(), CLIENT, &dr, ACCEPT, ESTAB, IKE_R_ESP_CONFIRMED, I1,
	     R1, 1);
	STEP(&e, esp(), CLIENT, &dr, ACCEPT, ESTAB, IKE_R_ESP, I1, R1, 1);
	STEP(&e, keepalive(), CLIENT, &dr, ACCEPT, ESTAB, IKE_R_KEEPALIVE, I1,
	     R1, 1);
}

/* A blind spoofer floods one client's flow; the client still gets in */
static void test_flow_spoofer(const void *arg)
{
	struct entry e = { .state = NONE };
	u64 guess;

	(void)arg;
	STEP(&e, isakmp(I1, 0, false), CLIENT, &nat, ACCEPT, INIT, IKE_R_NEW,
	     I1, 0, 1);
	/* the first guess is a claim; the others contradict it */
	STEP(&e, isakmp(I1, 0x9e3779b97f4a7c15ULL, false), CLIENT, &nat,
	     ACCEPT, CLAIMED, IKE_R_CLAIMED, I1, 0x9e3779b97f4a7c15ULL, 1);
	for (guess = 2; guess < 50; guess++)
		STEP(&e, isakmp(I1, guess * 0x9e3779b97f4a7c15ULL, false),
		     CLIENT, &nat, DROP, CLAIMED, IKE_R_RCOOKIE_MISMATCH, I1,
		     0x9e3779b97f4a7c15ULL, 0);
	/* the server's reply to the real client overrules the claim */
	STEP(&e, sa_init_resp(I1, R1), SERVER, &nat, ACCEPT, INIT,
	     IKE_R_SERVER_OVERRULED, I1, R1, 1);
	for (guess = 1; guess < 50; guess++)
		STEP(&e, isakmp(I1, guess * 0x9e3779b97f4a7c15ULL, false),
		     CLIENT, &nat, DROP, INIT, IKE_R_RCOOKIE_MISMATCH, I1, R1,
		     0);
	STEP(&e, isakmp(I1, R1, false), CLIENT, &nat, ACCEPT, ESTAB,
	     IKE_R_ESTABLISHED, I1, R1, 1);
}

/*
 * A spoofer opens new flows with random cookies: each stays CLAIMED, even
 * when the server answers with an error copying the cookies, and lets no
 * ESP through.
 */
static void test_flow_spoofed_new_flow(const void *arg)
{
	u64 x;

	(void)arg;
	for (x = 1; x < 20; x++) {
		u64 ic = x * 0x9e3779b97f4a7c15ULL, rc = ~ic * 3;
		struct entry e = { .state = NONE };

		snprintf(ctx, sizeof(ctx), "flow %llu", (unsigned long long)x);
		STEP(&e, isakmp(ic, rc, true), CLIENT, &nat, ACCEPT, CLAIMED,
		     IKE_R_NEW_CLAIMED, ic, rc, 1);
		STEP(&e, isakmp(ic, rc, true), CLIENT, &nat, ACCEPT, CLAIMED,
		     IKE_R_CLAIM_REPEAT, ic, rc, 1);
		STEP(&e, esp(), CLIENT, &nat, DROP, CLAIMED, IKE_R_ESP_EARLY,
		     ic, rc, 0);
		STEP(&e, keepalive(), CLIENT, &nat, DROP, CLAIMED,
		     IKE_R_KEEPALIVE_EARLY, ic, rc, 0);
		STEP(&e, isakmp(ic, rc + 1, true), CLIENT, &nat, DROP,
		     CLAIMED, IKE_R_RCOOKIE_MISMATCH, ic, rc, 0);
		/* RFC 7296 2.21.4: the server's cleartext INVALID_IKE_SPI */
		STEP(&e, invalid_ike_spi(ic, rc, true), SERVER, &nat, ACCEPT,
		     CLAIMED, IKE_R_SERVER_CLEARTEXT, ic, rc, 1);
		/* IKEv1 INVALID-COOKIE, unencrypted notification */
		STEP(&e, msg(true, ic, rc, 1, IKE_XCHG_V1_INFO, 11, 0), SERVER,
		     &nat, ACCEPT, CLAIMED, IKE_R_SERVER_CLEARTEXT, ic, rc, 1);
		STEP(&e, esp(), CLIENT, &nat, DROP, CLAIMED, IKE_R_ESP_EARLY,
		     ic, rc, 0);
		/* reopening makes the copied rcookie no better */
		STEP(&e, isakmp(ic, 0, true), CLIENT, &nat, ACCEPT, CLAIMED,
		     IKE_R_RETRANSMIT, ic, rc, 1);
		STEP(&e, invalid_ike_spi(ic, rc, true), SERVER, &nat, ACCEPT,
		     CLAIMED, IKE_R_SERVER_CLEARTEXT, ic, rc, 1);
		STEP(&e, isakmp(ic, rc, true), CLIENT, &nat, ACCEPT, CLAIMED,
		     IKE_R_CLAIM_REPEAT, ic, rc, 1);
		STEP(&e, esp(), CLIENT, &nat, DROP, CLAIMED, IKE_R_ESP_EARLY,
		     ic, rc, 0);
	}
}

/* ---- names ------------------------------------------------------------ */

static void test_names(const void *arg)
{
	int r, q;

	(void)arg;
	for (r = 0; r < IKE_R_MAX; r++) {
		const char *n = ike_reason_name(r);

		snprintf(ctx, sizeof(ctx), "reason %d", r);
		CHECK(n && n[0]);
		CHECK(strcmp(n, "unknown"));
		CHECK(!strchr(n, ' '));
		for (q = 0; q < r; q++)
			CHECK(strcmp(n, ike_reason_name(q)));
	}
	ctx[0] = 0;
	CHECK(!strcmp(ike_reason_name(IKE_R_MAX), "unknown"));
	CHECK(!strcmp(ike_reason_name((enum ike_reason)-1), "unknown"));
	CHECK(!strcmp(ike_reason_name(IKE_R_RCOOKIE_MISMATCH),
		      "rcookie_mismatch"));
	CHECK(!strcmp(ike_reason_name(IKE_R_NEW_CLAIMED), "new_claimed"));
	CHECK(!strcmp(ike_reason_name(IKE_R_SERVER_CONFIRMED),
		      "server_confirmed"));

	/* users see two states: CLAIMED is INIT to them */
	CHECK(!strcmp(ike_state_name(IKE_S_INIT), "IKE_INIT"));
	CHECK(!strcmp(ike_state_name(IKE_S_CLAIMED), "IKE_INIT"));
	CHECK(!strcmp(ike_state_name(IKE_S_ESTAB), "IKE_ESTAB"));
	CHECK(!strcmp(ike_state_name(IKE_S_NONE), "NONE"));
	CHECK(!strcmp(ike_state_name((enum ike_state)4), "BUG!"));
	for (r = IKE_S_NONE; r <= IKE_S_ESTAB; r++)
		CHECK(strlen(ike_state_name(r)) <= 11);
}

/* Entry storage must stay at 16 bytes (see design.md, costs) */
static void test_sizes(const void *arg)
{
	(void)arg;
	/* what sync carries; the message ID fits the conn's union too */
	CHECK_EQ(IKE_PAIR_LEN, 16);
	CHECK_EQ(sizeof(struct ike_cookies), 20);
	CHECK_EQ(IKE_PEEK_LEN, 32);
	CHECK_EQ(IKE_NONESP_MARKER_LEN + IKE_HDR_LEN, IKE_PEEK_LEN);
}

/*
 * --bench FORM COUNT: classify FORM and run the transition of an
 * established entry on it COUNT times, for bench/parser-cost to count
 * instructions of ike_classify() and ike_transition() with callgrind.
 */
static int bench_form(const char *name, unsigned long count)
{
	static const struct ike_policy pol = { .nat_mode = 1 };
	unsigned int i;
	u8 buf[2048];

	for (i = 0; i < NFORMS; i++) {
		const struct form *f = &forms[i];
		u32 len = form_bytes(f, buf);
		struct ike_cookies ck;
		struct ike_result res = { .verdict = IKE_DROP };
		struct ike_pkt pkt;
		unsigned long n;

		if (strcmp(f->name, name))
			continue;
		for (n = 0; n < count; n++) {
			ike_classify(buf, len < IKE_PEEK_LEN ? len : IKE_PEEK_LEN,
				     len, form_natt(f), &pkt);
			ck = pkt.ck;
			ike_transition(IKE_S_ESTAB, &ck, &pkt, IKE_DIR_CLIENT,
				       &pol, &res);
		}
		return res.verdict == IKE_ACCEPT ? 0 : 2;
	}
	fprintf(stderr, "no form %s\n", name);
	return 1;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(const void *);
	} tests[] = {
		{ "classify-exchange-types", test_exchange_types },
		{ "classify-versions", test_versions },
		{ "classify-next-payload", test_next_payload },
		{ "classify-no-payload", test_no_payload },
		{ "classify-cookies", test_cookies },
		{ "classify-big-endian", test_big_endian },
		{ "classify-natt-forms", test_natt_forms },
		{ "classify-port500-strict", test_port500_is_strict },
		{ "classify-peek-clamped", test_peek_clamped },
		{ "classify-reason-order", test_reason_order },
		{ "state-none-open", test_none_open },
		{ "state-none-claim", test_none_claim },
		{ "state-none-policy-free", test_none_policy_free },
		{ "state-none-not-ike", test_none_not_ike },
		{ "state-bad-keeps-reason", test_bad_keeps_reason },
		{ "state-nat-establish", test_nat_establish },
		{ "state-nat-antispoof", test_nat_antispoof },
		{ "state-claimed-nat", test_claimed_nat },
		{ "state-claimed-overruled", test_claimed_overruled },
		{ "state-claimed-reopen", test_claimed_reopen },
		{ "state-server-vouches", test_server_vouches },
		{ "state-init-retransmit-restart",
		  test_init_retransmit_restart },
		{ "state-server", test_server },
		{ "state-cookie-bytes", test_cookie_bytes },
		{ "state-dr-establish", test_dr_establish },
		{ "state-dr-confirm-twice", test_dr_confirm_twice },
		{ "state-server-adopts", test_server_adopts },
		{ "state-estab-rekey", test_estab_rekey },
		{ "state-bad-state", test_bad_state },
		{ "state-order", test_state_order },
		{ "state-model", test_model },
		{ "flow-v2-natt", test_flow_v2_natt },
		{ "flow-v1-natt", test_flow_v1_natt },
		{ "flow-dr-natt", test_flow_dr_natt },
		{ "flow-spoofer", test_flow_spoofer },
		{ "flow-spoofed-new-flow", test_flow_spoofed_new_flow },
		{ "names", test_names },
		{ "sizes", test_sizes },
	};
	char name[96];
	unsigned int i;

	if (argc > 3 && !strcmp(argv[1], "--bench"))
		return bench_form(argv[2], strtoul(argv[3], NULL, 10));
	if (argc > 1 && !strcmp(argv[1], "--list"))
		list_only = true;
	else if (argc > 1)
		filter = argv[1];

	for (i = 0; i < NFORMS; i++) {
		snprintf(name, sizeof(name), "form-%s", forms[i].name);
		run(name, test_form, &forms[i]);
		snprintf(name, sizeof(name), "truncate-%s", forms[i].name);
		run(name, test_truncation, &forms[i]);
		if (forms[i].kind == F_ISAKMP) {
			snprintf(name, sizeof(name), "length-%s",
				 forms[i].name);
			run(name, test_length_field, &forms[i]);
		}
	}
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		run(tests[i].name, tests[i].fn, NULL);

	if (total_run == 0 && !filter && !list_only) {
		printf("FAIL: no-tests\n");
		return 1;
	}
	return total_failed ? 1 : 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the libFuzzer targets share: a check that aborts (libFuzzer then
 * saves the input), a heap copy of exactly the readable bytes (so that
 * AddressSanitizer sees a read past them), and, in the programs writing
 * seed corpora (built with -DFUZZ_SEEDS), saving one seed.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: %s\n", __FILE__,	\
				__LINE__, #cond);			\
			abort();					\
		}							\
	} while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* A heap copy of @len bytes of @data (one byte for none, never read) */
static inline unsigned char *fuzz_copy(const unsigned char *data, size_t len)
{
	unsigned char *copy = malloc(len ? len : 1);

	ASSERT(copy);
	if (len)
		memcpy(copy, data, len);
	return copy;
}

#ifdef FUZZ_SEEDS
/* Write @len bytes of @seed to the file @dir/@name; 0 on success */
static inline int fuzz_save_seed(const char *dir, const char *name,
				 const unsigned char *seed, size_t len)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp || fwrite(seed, 1, len, fp) != len || fclose(fp)) {
		perror(path);
		return 1;
	}
	return 0;
}
#endif

#endif /* FUZZ_H */

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Unit tests of the tools' library (tools/test/test-lib.c): the packets it
# builds parse with the kernel's ike_classify() with the cookies meant, and
# the probe judges canned answers right. Built with ASan and UBSan.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
out=$BUILD/host-tools-asan
"$LVS_ROOT/tools/build" BUILD="$out" \
	CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all" >"$out.log" 2>&1 ||
	{ tail -n 30 "$out.log"; exit 1; }
"$out/tools/test-lib"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The tools and their library build warning-free (-Wall -Wextra -Werror)
# with gcc and with clang, each into a directory of its own.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
"$LVS_ROOT/kernel/scripts/need-packages" clang || exit 1
rc=0
for cc in gcc clang; do
	out=$BUILD/host-tools-$cc
	if "$LVS_ROOT/tools/build" CC="$cc" BUILD="$out" clean all \
		>"$out.log" 2>&1 && ! grep -q 'warning:' "$out.log"; then
		echo "PASS: tools build with $cc"
	else
		echo "FAIL: tools build with $cc"
		tail -n 30 "$out.log"
		rc=1
	fi
done
exit $rc

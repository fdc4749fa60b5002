# SPDX-License-Identifier: GPL-2.0-only
# The tools build warning-free with gcc and clang (-Wall -Wextra -Werror),
# their packets are what the kernel's protocol core expects (unit test
# against ip_vs_ike.c), and each tool's --help names every option it takes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT=$BUILD/tools-check
CORE=$ROOT/kernel/src/net/netfilter/ipvs
"$ROOT/kernel/scripts/need-packages" gcc clang make linux-libc-dev
for cc in gcc clang; do
	make -s -C "$ROOT/tools" CC=$cc OUT="$OUT/$cc"
done
gcc -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -O1 -g \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-I"$ROOT/tools" -I"$CORE" "$ROOT/tools/test/test_packets.c" \
	"$ROOT"/tools/lib/*.c "$CORE/ip_vs_ike.c" -o "$OUT/test_packets"
"$OUT/test_packets"
for t in "$OUT"/gcc/*; do
	help=$("$t" --help)
	# every long option in the tool's table appears in its --help
	src=$ROOT/tools/$(basename "$t").c
	common=
	grep -q LVS_SEND_LONGOPTS "$src" && common="count seconds rate json"
	for opt in $(grep -o '{ "[a-z-]*", [a-z_]*argument' "$src" |
		     sed 's/{ "\([a-z-]*\)".*/\1/') $common; do
		grep -q -- "--$opt" <<<"$help" ||
			{ echo "$(basename "$t") --help does not mention --$opt"; exit 1; }
	done
	"$t" --bogus >/dev/null 2>&1 && { echo "$(basename "$t") accepted --bogus"; exit 1; }
	echo "ok: $(basename "$t")"
done

# SPDX-License-Identifier: GPL-2.0-only
# The operator documentation keeps up with the code: every sysctl the
# kernel files register is in configuration.md, every counter of
# /proc/net/ip_vs_isakmp in isakmp.md or troubleshooting.md, every page has
# its SPDX line, relative links lead to files that exist, and keepalived
# accepts every virtual_server block the pages show (keepalived -t).
set -euo pipefail
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
"$LVS_ROOT/kernel/scripts/need-packages" keepalived
docs=$LVS_ROOT/docs
src=$LVS_ROOT/kernel/src/net/netfilter/ipvs
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

n=0
for s in $(grep -ho 'procname[[:space:]]*= "[a-z_]*"' "$src"/*.c |
	   grep -o '"[a-z_]*"' | tr -d '"'); do
	n=$((n + 1))
	grep -q "\`$s\`" "$docs/configuration.md" ||
		bad "sysctl $s is not in docs/configuration.md"
done
[ "$n" -gt 0 ] || bad "found no sysctl in $src"
echo "checked $n sysctls"

# the counter names: the reason table of the core and the glue's extra
# names (IKE_R_OK is never shown)
n=0
for c in $({ sed -n '/^static const char \*const ike_reason_names/,/^};/p' "$src/ip_vs_ike.c"
	     sed -n '/^static const char \*const ip_vs_isakmp_extra_names/,/^};/p' "$src/ip_vs_isakmp.c"
	   } | grep -o '= "[a-z_0-9]*"' | grep -o '[a-z_0-9]*' | grep -vx ok); do
	n=$((n + 1))
	grep -q "\`$c\`" "$docs/isakmp.md" "$docs/troubleshooting.md" ||
		bad "counter $c is in neither docs/isakmp.md nor docs/troubleshooting.md"
done
[ "$n" -gt 20 ] || bad "found only $n counters in $src"
echo "checked $n counters"

for f in "$docs"/*.md; do
	head -n1 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-only' ||
		bad "$(basename "$f") has no SPDX line"
	for l in $(grep -o '](\([^)#]*\)' "$f" | sed 's/^](//' | grep -v '^[a-z]*:'); do
		[ -e "$docs/$l" ] || bad "$(basename "$f") links to $l, which does not exist"
	done
done

# keepalived blocks: from an indented "virtual_server" line to the closing
# brace at the same indentation
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$docs"/*.md; do
	awk -v out="$tmp/$(basename "$f" .md)" '
		!inb && /^ +virtual_server / {
			inb = 1; ind = match($0, /[^ ]/); k++
		}
		inb { print substr($0, ind) > (out "." k ".conf") }
		inb && /^ *}$/ && match($0, /[^ ]/) == ind { inb = 0 }
	' "$f"
done
for c in "$tmp"/*.conf; do
	[ -f "$c" ] || continue
	n=$((n + 1))
	keepalived -t -f "$c" >/dev/null 2>&1 ||
		{ bad "keepalived rejects the block in $(basename "$c")"; cat "$c"; }
done
[ "$n" -gt 0 ] || bad "no keepalived example found in docs/"
echo "checked $n keepalived blocks"
[ "$fails" -eq 0 ]

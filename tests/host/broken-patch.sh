# SPDX-License-Identifier: GPL-2.0-only
# A patch that does not apply stops the build with one clear sentence and
# builds nothing, rather than a mixed or half-patched set.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
. "$LVS_ROOT/tests/lib/broken-patch.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

series=$(line_series "$(default_kver)") || exit 1
cp "$(dirname "$series")"/* "$tmp/"
break_series "$tmp"

out=$("$LVS_ROOT/kernel/scripts/build-set" --series "$tmp/series" \
	--out "$tmp/out" 2>&1)
rc=$?
echo "$out"
[ $rc -ne 0 ] || { echo "the build did not stop"; exit 1; }
grep -q 'patch [0-9]* (9999-broken.patch) does not apply' <<<"$out" ||
	{ echo "no clear message naming the patch"; exit 1; }
! ls "$tmp"/out/tree/net/netfilter/ipvs/*.ko >/dev/null 2>&1 ||
	{ echo "modules were built"; exit 1; }

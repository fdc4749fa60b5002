# SPDX-License-Identifier: GPL-2.0-only
# The ipvsadm series applies exactly (patch --fuzz=0) to Debian's 1.31 and
# builds warning-free; the patched binary has the new options, the stock
# one does not. A patch that does not apply, or applies only with fuzz,
# stops the build with a sentence naming it and leaves no patched binary.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
. "$LVS_ROOT/tests/lib/broken-patch.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

out=$("$LVS_ROOT/ipvsadm-patches/build") || { echo "the build failed"; exit 1; }
grep -qa -- '--soft-expiry' "$out/patched/ipvsadm" || bad "patched ipvsadm lacks --soft-expiry"
grep -qa -- '--soft-expiry' "$out/stock/ipvsadm" && bad "stock ipvsadm has --soft-expiry"
grep -q '^\.B --isakmp' "$out/patched/ipvsadm.8" || bad "patched man page lacks --isakmp"
cat "$out/src/.debian-version"

# must_stop NAME: the series in $tmp/NAME fails naming its last patch
must_stop() {
	local name=$1 msg rc
	msg=$("$LVS_ROOT/ipvsadm-patches/build" --series "$tmp/$name/series" \
		--out "$tmp/$name/out" 2>&1)
	rc=$?
	echo "$name: exit $rc: $msg"
	[ $rc -ne 0 ] || bad "$name: the build did not stop"
	grep -q "9999-$name.patch does not apply" <<<"$msg" ||
		bad "$name: no clear message naming the patch"
	[ ! -e "$tmp/$name/out/patched/ipvsadm" ] || bad "$name: a patched binary was built"
}

# a patch whose lines are nowhere in the source
mkdir -p "$tmp/broken"
cp "$LVS_ROOT"/ipvsadm-patches/{series,*.patch} "$tmp/broken/"
break_series "$tmp/broken" ipvsadm.c
must_stop broken

# the first patch of the series with the first context line of its first
# hunk changed: patch takes it with fuzz 1 (checked), our build must not
mkdir -p "$tmp/fuzzy"
first=$(grep -v '^#' "$LVS_ROOT/ipvsadm-patches/series" | head -n1)
awk 'hunk == 1 && !done && /^ / { $0 = $0 " changed"; done = 1 } /^@@/ { hunk++ } 1' \
	"$LVS_ROOT/ipvsadm-patches/$first" >"$tmp/fuzzy/9999-fuzzy.patch"
cp -a "$out/src" "$tmp/fuzzy/src"
patch -d "$tmp/fuzzy/src" -p1 -F1 --dry-run -s <"$tmp/fuzzy/9999-fuzzy.patch" ||
	bad "the fuzzy copy of $first does not even apply with fuzz 1"
echo 9999-fuzzy.patch >"$tmp/fuzzy/series"
must_stop fuzzy
[ $fails -eq 0 ]

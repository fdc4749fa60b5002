# SPDX-License-Identifier: GPL-2.0-only
# The lvs-ipsec-dkms package with Debian's dkms, for the headers of KVER
# (default: the installed linux-headers-amd64's; KVER=6.12... for that
# line, with its own series and module list), in a private mount namespace (tmpfs over /lib/modules and
# /var/lib/dkms, overlays over /usr/src, /usr/share and /var/lib/dpkg, so
# the host's are never touched): dpkg -i runs the package's postinst, which
# has dkms add, build and install the set into updates/dkms, where modprobe
# resolves ip_vs ahead of the distribution's; dpkg -r takes it away again.
# The built set is kept in $BUILD/dkms-test/modules for the guest case
# 95-dkms-modules, which loads it. Also: a linux-source of another version
# than the headers, or a patch that does not apply, stops dkms with a clear
# sentence and installs nothing.
set -euo pipefail
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
. "$LVS_ROOT/tests/lib/broken-patch.sh"
KVER=${KVER:-$(default_kver)}
export KVER

if [ -z "${LVS_DKMS_NS:-}" ]; then
	"$LVS_ROOT/kernel/scripts/need-packages" dkms
	# under dpkg the build must name a missing package, not run apt-get
	if out=$(LVS_NO_INSTALL=1 "$LVS_ROOT/kernel/scripts/need-packages" \
			lvs-ipsec-no-such-package 2>&1) ||
	   ! grep -q 'missing packages: lvs-ipsec-no-such-package' <<<"$out"; then
		echo "FAIL: LVS_NO_INSTALL=1 need-packages: $out"
		exit 1
	fi
	echo "ok: the DKMS build names missing packages instead of installing"
	# what make builds: the DKMS set must be the same modules
	"$LVS_ROOT/kernel/scripts/build-set" >/dev/null
	deb=$("$LVS_ROOT/packaging/mkdeb" --out "$BUILD/dkms-deb" |
		grep '/lvs-ipsec-dkms_')
	# the distribution's modules, for modprobe to rank ours against
	lab=$("$LVS_ROOT/tests/lab/prepare")
	# what the host's /lib/modules holds for KVER, where dkms would have
	# built and installed: every entry of that kernel's tree. Not the
	# other kernels' trees: tests/run runs the other kernel lines beside
	# this test, and installing a line's image adds its tree (seen on a
	# fresh machine, where linux-headers-6.12-amd64 brought a new image).
	snapshot() {
		find "/lib/modules/$KVER" -printf '%p %y %s %T@ %l\n' 2>/dev/null |
			sort
	}
	before=$(snapshot)
	# The private dpkg database is an overlay on the host's, so no package
	# may be installed on the host meanwhile: dpkg failed in the overlay
	# ("failed to remove incorporated update file") when the 6.12 line,
	# beside this test, installed its packages on a fresh machine. Our apt
	# and dpkg runs wait for this lock (kernel/scripts/need-packages).
	LVS_DKMS_NS=$lab LVS_DKMS_DEB=$deb with_apt_lock \
		unshare --mount --propagation private bash "$0"
	after=$(snapshot)
	if [ "$before" != "$after" ]; then
		echo "FAIL: the host's /lib/modules/$KVER changed:"
		diff <(echo "$before") <(echo "$after") | head -n 20
		exit 1
	fi
	echo "ok: the host's /lib/modules/$KVER is as it was"
	exit 0
fi

# ---- inside the private mount namespace -----------------------------------
lab=$LVS_DKMS_NS
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

mount -t tmpfs tmpfs /var/lib/dkms 2>/dev/null ||
	{ mkdir -p /var/lib/dkms && mount -t tmpfs tmpfs /var/lib/dkms; }
mount -t tmpfs tmpfs /lib/modules
mkdir -p "/lib/modules/$KVER/kernel"
mount --bind -o ro "$lab/root/lib/modules/$KVER/kernel" "/lib/modules/$KVER/kernel"
ln -s "/usr/src/linux-headers-$KVER" "/lib/modules/$KVER/build"
depmod -a "$KVER"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvs-dkms.XXXXXX")
trap 'umount /usr/share /usr/src /var/lib/dpkg /var/cache/debconf 2>/dev/null; rm -rf "$tmp"' EXIT
src=$tmp/src
mkdir -p "$src"
# over /usr/share, /usr/src and dpkg's database: what the package writes;
# and debconf's, which the postinst locks (and other host tests' apt and
# dpkg runs, beside this one, too)
for d in /usr/share /usr/src /var/lib/dpkg /var/cache/debconf; do
	n=$(basename "$d")
	mkdir -p "$tmp/up-$n" "$tmp/work-$n"
	mount -t overlay overlay \
		-o "lowerdir=$d,upperdir=$tmp/up-$n,workdir=$tmp/work-$n" "$d"
done
# common.postinst builds for the running kernel: this host's is another
mkdir -p "$tmp/bin"
cat >"$tmp/bin/uname" <<UNAME
#!/bin/sh
[ "\$1" = -r ] && exec echo "$KVER"
exec /bin/uname "\$@"
UNAME
chmod +x "$tmp/bin/uname"
export PATH=$tmp/bin:$PATH

# dkms ACTION VERSION [ARGS]: dkms on our module, sources in $src
run_dkms() {
	local action=$1 version=$2
	shift 2
	dkms "$action" -m lvs-ipsec -v "$version" --sourcetree "$src" "$@"
}

# refused VERSION WHAT PATTERN [VAR=VALUE...]: dkms build of the staged
# VERSION, with the environment given, must fail and say PATTERN
refused() {
	local v=$1 what=$2 pattern=$3 out
	shift 3
	run_dkms add "$v" >/dev/null
	if out=$(env "$@" dkms build -m lvs-ipsec -v "$v" --sourcetree "$src" \
			-k "$KVER" 2>&1); then
		bad "dkms built with $what"
	else
		ok "dkms refuses $what"
	fi
	if grep -q "$pattern" <<<"$out"; then
		ok "and says so: $(grep -o "lvs-ipsec: .*$pattern[^:]*" <<<"$out" | head -n1)"
	else
		bad "no clear sentence about $what"
		tail -n 20 <<<"$out"
	fi
	run_dkms remove "$v" --all >/dev/null
}

# -- the refusals first: they must leave nothing behind --
"$LVS_ROOT/packaging/dkms/stage" "$src/lvs-ipsec-0.0.1" 0.0.1 >/dev/null
refused 0.0.1 "a linux-source of another version than the headers" \
	"linux-source-$(kver_series "$KVER") is 0.0-fake but the headers of $KVER are" \
	LVS_SOURCE_VERSION=0.0-fake
"$LVS_ROOT/packaging/dkms/stage" "$src/lvs-ipsec-0.0.2" 0.0.2 >/dev/null
break_series "$src/lvs-ipsec-0.0.2/kernel/patches/$(kver_series "$KVER")"
refused 0.0.2 "a patch that does not apply" \
	"patch [0-9]* (9999-broken.patch) does not apply"
[ -z "$(ls -A "/lib/modules/$KVER/updates" 2>/dev/null)" ] &&
	ok "nothing was installed by the refused builds" ||
	bad "a refused build installed modules"

# -- the real thing: the package --
deb=$LVS_DKMS_DEB
v=$(dpkg-deb -f "$deb" Version)
if out=$(dpkg --log=/dev/null -i "$deb" 2>&1); then
	ok "dpkg -i $(basename "$deb")"
else
	bad "dpkg -i $(basename "$deb")"
	echo "$out" | tail -n 30
	tail -n 30 /var/lib/dkms/lvs-ipsec/"$v"/build/make.log 2>/dev/null
	exit 1
fi
grep -q "Building initial module for $KVER" <<<"$out" &&
	ok "its postinst had dkms build for $KVER" ||
	{ bad "the postinst built nothing"; echo "$out"; }
dkms status -m lvs-ipsec | grep -q "$KVER.*installed" &&
	ok "dkms status says installed for $KVER" || bad "dkms status: $(dkms status)"

upd=/lib/modules/$KVER/updates/dkms
# dkms compresses the modules as the kernel's own are: .ko on 6.1, .ko.xz
# on the 6.12 line
ext=.ko
[ -e "$upd/ip_vs.ko" ] || ext=$(ls "$upd"/ip_vs.ko* 2>/dev/null | sed -n 's/.*\(\.ko.*\)/\1/p' | head -n1)
modcat() {
	case $1 in
	*.xz) xz -dc "$1" ;;
	*.zst) zstd -dcq "$1" ;;
	*) cat "$1" ;;
	esac
}
n=$(ls "$upd"/*"$ext" 2>/dev/null | wc -l || true)
built=$(ls "$BUILD/kernel-$KVER/tree/net/netfilter/ipvs/"*.ko | wc -l)
[ "$n" -eq "$built" ] && ok "all $n modules of the set installed" ||
	bad "$n modules installed, build-set builds $built"
[ "$(modinfo -k "$KVER" -n ip_vs)" = "$upd/ip_vs$ext" ] &&
	ok "modprobe resolves ip_vs to updates/dkms" ||
	bad "modprobe resolves ip_vs to $(modinfo -k "$KVER" -n ip_vs)"
[ "$(modinfo -k "$KVER" -n ip_vs_wlc)" = "$upd/ip_vs_wlc$ext" ] &&
	ok "and the schedulers too" || bad "ip_vs_wlc is $(modinfo -k "$KVER" -n ip_vs_wlc)"
modinfo -F vermagic "$upd/ip_vs$ext" | grep -q "^$KVER " &&
	ok "built for $KVER" || bad "vermagic $(modinfo -F vermagic "$upd/ip_vs$ext")"
# (not modcat | grep -q: under pipefail, grep's early exit fails the pipe)
grep -q ip_vs_isakmp <(modcat "$upd/ip_vs$ext") && ok "ip_vs carries the ISAKMP entries" ||
	bad "ip_vs.ko is not the patched one"

# for the guest case, uncompressed
rm -rf "$BUILD/dkms-test"
mkdir -p "$BUILD/dkms-test/modules"
for f in "$upd"/*"$ext"; do
	modcat "$f" >"$BUILD/dkms-test/modules/$(basename "$f" "$ext").ko"
done

dpkg --log=/dev/null -r lvs-ipsec-dkms >/dev/null 2>&1 ||
	bad "dpkg -r lvs-ipsec-dkms failed"
[ ! -e "$upd/ip_vs$ext" ] && ok "dpkg -r takes the set away" ||
	bad "dpkg -r left $upd/ip_vs$ext"
[ -z "$(dkms status -m lvs-ipsec)" ] && ok "and dkms knows it no more" ||
	bad "dkms status after removal: $(dkms status -m lvs-ipsec)"
[ "$fails" -eq 0 ]

# SPDX-License-Identifier: GPL-2.0-only
# make deb, then each package installed with dpkg into a scratch root
# (dpkg --root, maintainer scripts run chrootless with DPKG_ROOT set): the
# files land where the documentation says, the DKMS source is exactly what
# the DKMS test builds, the tools and ipvsadm run from there, Debian's
# ipvsadm is diverted and given back, and removal leaves nothing behind.
set -euo pipefail
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect DESC CMD...: one assertion
expect() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else bad "$desc"; fi
}

debs=$("$LVS_ROOT/packaging/mkdeb")
echo "$debs"
version=$("$LVS_ROOT/packaging/version")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvs-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
r=$tmp/root
mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
: >"$r/var/lib/dpkg/status"
# dpkg into the scratch root, without chroot: the host's dpkg-divert and
# shell run the maintainer scripts, on $r by DPKG_ROOT
# (under our apt lock: the maintainer scripts use the host's debconf)
sdpkg() { with_apt_lock dpkg --root="$r" --force-script-chrootless --force-depends "$@"; }
deb_of() { grep "/$1_${version}_" <<<"$debs" || true; }

# ---- lvs-ipsec-dkms ----
d=$(deb_of lvs-ipsec-dkms)
expect "make deb built lvs-ipsec-dkms" test -f "$d"
out=$(sdpkg -i "$d" 2>&1) && ok "dpkg -i lvs-ipsec-dkms" || bad "dpkg -i: $out"
src=$r/usr/src/lvs-ipsec-$version
expect "dkms.conf in /usr/src/lvs-ipsec-$version" \
	grep -q "^PACKAGE_VERSION=\"$version\"" "$src/dkms.conf"
"$LVS_ROOT/packaging/dkms/stage" "$tmp/staged" "$version" >/dev/null
expect "the packaged source is the staged one the DKMS test builds" \
	diff -r "$tmp/staged" "$src"
expect "the force-install file for dkms" \
	grep -qx lvs-ipsec_version-override \
	"$r/usr/share/dkms/modules_to_force_install/lvs-ipsec"
for line in $(supported_lines); do
	expect "the $line series and its patches" \
		test -s "$src/kernel/patches/$line/series"
done
expect "dkms builds for the kernels of every line, and no other" \
	grep -qF "BUILD_EXCLUSIVE_KERNEL=\"^($(supported_lines |
		sed -e 's/\./\\./g' -e 's/ /|/g'))\\.\"" "$src/dkms.conf"
expect "the package needs a linux-source of a supported line" \
	bash -c "dpkg-deb -f '$(deb_of lvs-ipsec-dkms)' Depends | grep -qF '$(supported_lines |
		sed -e 's/[^ ]*/linux-source-&/g' -e 's/ / | /g')'"
expect "the build script is executable" test -x "$src/kernel/scripts/build-set"
expect "postinst leaves dkms alone in another root" \
	grep -q "run 'dkms autoinstall' there" <<<"$out"
expect "dpkg lists it installed" \
	bash -c "dpkg-query --admindir='$r/var/lib/dpkg' -W -f='\${Status}' lvs-ipsec-dkms | grep -q 'install ok installed'"

# ---- lvs-ipsec-doc ----
d=$(deb_of lvs-ipsec-doc)
expect "make deb built lvs-ipsec-doc" test -f "$d"
sdpkg -i "$d" >/dev/null
for f in "$LVS_ROOT"/docs/*.md; do
	expect "docs/$(basename "$f") in /usr/share/doc/lvs-ipsec" \
		cmp -s "$f" "$r/usr/share/doc/lvs-ipsec/$(basename "$f")"
done
expect "keepalived examples in /usr/share/doc/lvs-ipsec/examples" \
	test -n "$(ls -A "$r/usr/share/doc/lvs-ipsec/examples" 2>/dev/null)"

# ---- lvs-ipsec-tools ----
d=$(deb_of lvs-ipsec-tools)
expect "make deb built lvs-ipsec-tools" test -f "$d"
sdpkg -i "$d" >/dev/null
for t in $(dpkg-deb -c "$d" | awk '$6 ~ /usr\/sbin\/./ { print $6 }'); do
	expect "${t#.} --help runs from the scratch root" \
		bash -c "'$r/${t#./}' --help | grep -qi usage"
done

# ---- ipvsadm-lvs-ipsec over Debian's ipvsadm ----
d=$(deb_of ipvsadm-lvs-ipsec)
expect "make deb built ipvsadm-lvs-ipsec" test -f "$d"
# Debian's ipvsadm stood in for by a package of the same name and
# paths, without its maintainer scripts (chrootless, they would run
# update-rc.d and invoke-rc.d on this host)
fake=$tmp/ipvsadm-debian
mkdir -p "$fake/DEBIAN" "$fake/sbin" "$fake/usr/share/man/man8"
printf '#!/bin/sh\necho "ipvsadm of Debian"\n' >"$fake/sbin/ipvsadm"
chmod 0755 "$fake/sbin/ipvsadm"
echo "Debian's manual page" | gzip -9n >"$fake/usr/share/man/man8/ipvsadm.8.gz"
printf 'Package: ipvsadm\nVersion: 1:1.31-1\nArchitecture: all\nMaintainer: test <test@localhost>\nDescription: stand-in for Debian ipvsadm\n' \
	>"$fake/DEBIAN/control"
dpkg-deb --root-owner-group --build "$fake" "$tmp/ipvsadm.deb" >/dev/null
sdpkg -i "$tmp/ipvsadm.deb" >/dev/null
cp "$r/sbin/ipvsadm" "$tmp/ipvsadm.debian"
sdpkg -i "$d" >/dev/null
expect "Debian's ipvsadm is diverted to /sbin/ipvsadm.distrib" \
	cmp -s "$tmp/ipvsadm.debian" "$r/sbin/ipvsadm.distrib"
expect "dpkg-divert lists the diversion" bash -c \
	"dpkg-divert --root='$r' --list /sbin/ipvsadm | grep -q ipvsadm-lvs-ipsec"
expect "/sbin/ipvsadm is ours" bash -c \
	"dpkg-deb --fsys-tarfile '$d' | tar -xO ./sbin/ipvsadm | cmp -s - '$r/sbin/ipvsadm'"
# ipvsadm opens IPVS before it does anything: a host without IPVS
# (this one may lack the module) gets its error, which shows that the
# binary and its libraries load
v=$("$r/sbin/ipvsadm" --version 2>&1 || true)
echo "ipvsadm --version: $v"
if [ -e /proc/net/ip_vs ] || modprobe -q ip_vs 2>/dev/null; then
	expect "ipvsadm --version runs from the scratch root" \
		grep -q '^ipvsadm v' <<<"$v"
else
	expect "ipvsadm runs from the scratch root (no IPVS on this host)" \
		grep -q -e '^ipvsadm v' -e "Can't initialize ipvs" <<<"$v"
fi
expect "Debian's manual page is diverted too" \
	test -f "$r/usr/share/man/man8/ipvsadm.8.gz.distrib"
sdpkg -r ipvsadm-lvs-ipsec >/dev/null
expect "removing it gives Debian's ipvsadm back" \
	cmp -s "$tmp/ipvsadm.debian" "$r/sbin/ipvsadm"
expect "and no diversion is left" test ! -e "$r/sbin/ipvsadm.distrib"
sdpkg -P ipvsadm >/dev/null

# ---- removal ----
expect "dpkg -r removes the dkms, doc and tools packages" \
	sdpkg -r lvs-ipsec-dkms lvs-ipsec-doc lvs-ipsec-tools
left=$(find "$r" -path "$r/var" -prune -o -type f -print)
expect "removing the packages leaves no files" test -z "$left"
[ -z "$left" ] || echo "$left"
[ "$fails" -eq 0 ]

# SPDX-License-Identifier: GPL-2.0-only
# Shared by the build, lab and test scripts: paths, messages, version
# discovery, the host's Debian archive.
# Sourced, never run.

LVS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$LVS_ROOT/build}

die() {
	echo "lvs-ipsec: $*" >&2
	exit 1
}

say() {
	echo "lvs-ipsec: $*" >&2
}

# with_apt_lock CMD...: CMD while no other of our apt or dpkg runs is
# (tests/run builds and tests side by side; apt and debconf fail at once
# on a lock another process holds)
with_apt_lock() {
	mkdir -p /run/lock
	flock /run/lock/lvs-ipsec-apt "$@"
}

# The kernel release whose headers linux-headers-amd64 pulls in, e.g.
# 6.1.0-56-amd64. The ABI number moves with every security update, so it is
# always read from the package database, never written down.
default_kver() {
	dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
		sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p'
}

# "6.1.0-56-amd64" -> "6.1": the series of the linux-source-X.Y package.
kver_series() {
	echo "$1" | sed -n 's/^\([0-9]*\.[0-9]*\)\..*/\1/p'
}

# The kernel lines with a series: the directories of kernel/patches that
# hold one (kernel/patches/LINE/series), e.g. "6.1 6.12".
supported_lines() {
	local d
	for d in "$LVS_ROOT"/kernel/patches/*/series; do
		[ -f "$d" ] && basename "$(dirname "$d")"
	done | sort -V | tr '\n' ' ' | sed 's/ $//'
}

# line_series KVER: the series file for the line of KVER, or one sentence
# naming the supported lines and a non-zero status.
line_series() {
	local line
	line=$(kver_series "$1")
	if [ -n "$line" ] && [ -f "$LVS_ROOT/kernel/patches/$line/series" ]; then
		echo "$LVS_ROOT/kernel/patches/$line/series"
		return 0
	fi
	no_line "$1"
}

# no_line KVER|LINE: the sentence for a kernel of a line without a series
no_line() {
	echo "lvs-ipsec: $1 is not a kernel of a supported line: lvs-ipsec has a series for the lines $(supported_lines | sed 's/ /, /g') (kernel/patches/LINE; docs/porting.md)." >&2
	return 1
}

# series_patches SERIES: the patch names of a quilt series file, in order
series_patches() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1" | awk '{ print $1 }'
}

# apply_patch DIR [FUZZ] < PATCH: apply one patch of a series to the tree
# in DIR, exactly (fuzz 0) unless told otherwise; patch's output on stdout
apply_patch() {
	patch -d "$1" -p1 --batch --forward --fuzz="${2:-0}" --no-backup-if-mismatch
}

# build_modules DIR: kbuild the modules in DIR against KVER's headers.
# Without debug information (-g0) where it serves nothing: about 15% less
# compiler time, the same code (gcc's -g never changes what it generates);
# dkms strips it from the modules it installs anyway, and Debian ships the
# kernel's separately. Not where the headers carry vmlinux (6.12's): there
# kbuild gives each module its BTF, which pahole makes from that
# information. LVS_DEBUG_INFO=1 keeps it, for a crash dump of our modules.
build_modules() {
	local kcflags=${KCFLAGS:-}
	[ "${LVS_DEBUG_INFO:-0}" = 1 ] ||
		[ -e "/usr/src/linux-headers-$KVER/vmlinux" ] ||
		kcflags="${kcflags:+$kcflags }-g0"
	make -C "/usr/src/linux-headers-$KVER" M="$1" -j"$(nproc)" \
		KCFLAGS="$kcflags" modules
}

# patch_new_files PATCH: the files PATCH creates (git's "new file mode")
patch_new_files() {
	awk '/^diff --git a\// { f = substr($4, 3) }
		/^new file mode/ && f { print f; f = "" }' "$1"
}

pkg_version() {
	dpkg-query -W -f='${db:Status-Abbrev} ${Version}' "$1" 2>/dev/null |
		sed -n 's/^ii *//p' || true
}

# The version of the installed linux-source-SERIES package. LVS_SOURCE_VERSION
# pretends another one, so that tests can check the refusal to build from a
# source that does not match the headers.
source_version() {
	if [ -n "${LVS_SOURCE_VERSION:-}" ]; then
		echo "$LVS_SOURCE_VERSION"
	else
		pkg_version "linux-source-$1"
	fi
}

# The host's enabled Debian bookworm entries, one-line style, sorted and
# unique: deb822 .sources stanzas are unfolded and [options] dropped, so
# that a root built from them (mmdebstrap, with a file ending in .list)
# comes from the same archive and mirror as the host's own packages.
# Other suites (a vendor's "cloud-sdk-bookworm") do not match.
debian_bookworm_sources() {
	local f
	{
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			sed -n 's/^[[:space:]]*\(deb[[:space:]].*[[:space:]]bookworm[-a-z]*[[:space:]].*\)/\1/p' "$f" |
				sed 's/\[[^]]*\][[:space:]]*//'
		done
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			awk 'function flush(  u, s, nu, ns, i, j, us, ss) {
				if (types ~ /(^| )deb( |$)/ && enabled != "no") {
					nu = split(uris, us, " "); ns = split(suites, ss, " ")
					for (i = 1; i <= nu; i++)
						for (j = 1; j <= ns; j++)
							if (ss[j] ~ /^bookworm/)
								print "deb " us[i] " " ss[j] " " comps
				}
				types = uris = suites = comps = enabled = ""
			}
			/^[[:space:]]*#/ { next }
			/^[[:space:]]*$/ { flush(); next }
			{ key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ /, "") }
			key == "types" { types = $0 } key == "uris" { uris = $0 }
			key == "suites" { suites = $0 } key == "components" { comps = $0 }
			key == "enabled" { enabled = tolower($0) }
			END { flush() }' "$f"
		done
	} | sort -u
}

# pristine_tree LINE: the files of linux-source-LINE that the series and its
# checks need, extracted once per package version into
# $BUILD/src/linux-VERSION (xz makes every extraction cost the whole
# archive, so the result is kept). Prints the directory.
pristine_tree() {
	local line=$1 ver tarball tmp top
	ver=$(pkg_version "linux-source-$line")
	tarball=/usr/src/linux-source-$line.tar.xz
	[ -n "$ver" ] && [ -f "$tarball" ] ||
		die "no kernel source at $tarball (package linux-source-$line)"
	if [ ! -d "$BUILD/src/linux-$ver" ]; then
		say "extracting IPVS sources from $tarball"
		mkdir -p "$BUILD/src"
		tmp=$(mktemp -d "$BUILD/src.XXXXXX")
		top=linux-source-$line
		tar -C "$tmp" -xJf "$tarball" \
			"$top/net/netfilter/ipvs" "$top/net/netfilter/xt_ipvs.c" \
			"$top/include/net/ip_vs.h" "$top/include/uapi/linux/ip_vs.h" \
			"$top/Documentation/networking/ipvs-sysctl.rst" \
			"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
			"$top/scripts/const_structs.checkpatch" >&2
		mv "$tmp/$top" "$BUILD/src/linux-$ver"
		rmdir "$tmp"
	fi
	echo "$BUILD/src/linux-$ver"
}

# resolve_kver RELEASE|LINE: a kernel release as it is ("6.12.117+deb12-amd64"),
# or for a line ("6.12") the release its linux-headers-LINE-amd64 pulls in
# (installed when missing): the ABI number moves with every update.
resolve_kver() {
	local k=$1
	case $k in
	[0-9]*.[0-9]*.*) echo "$k" ;;
	[0-9]*.[0-9]*)
		[ -f "$LVS_ROOT/kernel/patches/$k/series" ] || no_line "$k" || return 1
		# the distribution's own line has no linux-headers-LINE-amd64
		if [ "$(kver_series "$(default_kver)")" = "$k" ]; then
			default_kver
			return 0
		fi
		"$LVS_ROOT/kernel/scripts/need-packages" "linux-headers-$k-amd64" || return 1
		echo "$(dpkg-query -W -f='${Depends}' "linux-headers-$k-amd64" |
			sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p')" ;;
	*) no_line "$k" ;;
	esac
}

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

# SPDX-License-Identifier: GPL-2.0-only
# Shared by the build and lab scripts: paths, messages, version discovery.
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

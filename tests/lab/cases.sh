# SPDX-License-Identifier: GPL-2.0-only
# The guest cases by name, and their time limits: shared by tests/run on
# the host (which names every case it expects a verdict for) and
# tests/lab/guest-run in the guest (which runs them). Sourced, never run.

CASES_DIR=$LVS_ROOT/tests/cases

# case_file NAME: tests/cases/NAME.sh, or the one case whose name starts
# with NAME- (so that "tests/run 32" runs 32-isakmp-flood-caps)
case_file() {
	local f=("$CASES_DIR/$1.sh")
	[ -e "${f[0]}" ] || f=("$CASES_DIR/$1"-*.sh)
	[ ${#f[@]} -eq 1 ] && echo "${f[0]}" || echo "$CASES_DIR/$1.sh"
}

# case_names LIST: the cases' full names, one a line; LIST is comma
# separated names or numbers, or "all"
case_names() {
	local name
	if [ "$1" = all ] || [ -z "$1" ]; then
		(cd "$CASES_DIR" && ls ./*.sh) | sed 's|^\./||; s/\.sh$//'
		return
	fi
	for name in ${1//,/ }; do
		basename "$(case_file "$name")" .sh
	done
}

# The cases that take longest, in that order (guest seconds of the full
# runs of 2026-12-02: 61 50-63, 26 27-31, 90 30 (with its tunnels'
# memory), 32 28, 62 19-26, 63 16,
# 28 and 29 about 10, each about eight times that in host seconds; the
# others take 1-17). When several guests share the list, each claims
# the next unclaimed case (tests/lab/guest-run): starting with the long
# ones leaves only short cases to even out the guests' ends.
CASES_LONGEST="61 26 90 32 62 63 28 29"

# case_order NAMES...: the same names, the longest cases first
case_order() {
	local n name
	for n in $CASES_LONGEST; do
		for name in "$@"; do
			[ "${name%%-*}" = "$n" ] && echo "$name"
		done
	done
	for name in "$@"; do
		[[ " $CASES_LONGEST " == *" ${name%%-*} "* ]] || echo "$name"
	done
}

# case_limit NAME: seconds of guest time the case may take: its
# "# timeout: N" line (cases with many tunnels under emulation), else
# CASE_TIMEOUT or 300
case_limit() {
	local n
	n=$(sed -n 's/^# timeout: \([0-9]\+\)$/\1/p' "$CASES_DIR/$1.sh" \
		2>/dev/null | head -n 1)
	echo "${n:-${CASE_TIMEOUT:-300}}"
}

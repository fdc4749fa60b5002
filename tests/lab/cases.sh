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

# case_limit NAME: seconds of guest time the case may take: its
# "# timeout: N" line (cases with many tunnels under emulation), else
# CASE_TIMEOUT or 300
case_limit() {
	local n
	n=$(sed -n 's/^# timeout: \([0-9]\+\)$/\1/p' "$CASES_DIR/$1.sh" \
		2>/dev/null | head -n 1)
	echo "${n:-${CASE_TIMEOUT:-300}}"
}

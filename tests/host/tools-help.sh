#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every tool answers --help with exit 0 and mentions every option of its
# command-line contract, and every option its man page (docs/man) lists;
# the man page documents every option --help shows; an unknown option is
# refused.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
"$LVS_ROOT/tools/build" || exit 1
declare -A contract=(
	[lvs-ike-flood]="sources count seconds rate esp seed json"
	[lvs-ike-probe]="port source sport ikev1 timeout retries dynamic"
	[lvs-isakmp-status]="json"
	[lvs-loadgen]="kind dst sources sport count seconds rate size json"
	[lvs-sink]="seconds json"
)
rc=0
for t in "${!contract[@]}"; do
	bin=$BUILD/tools/$t
	if ! help=$("$bin" --help 2>&1); then
		echo "FAIL: $t --help exits non-zero"
		rc=1
		continue
	fi
	man=$LVS_ROOT/docs/man/$t.1
	documented=
	# the options the man page defines: the tag lines after .TP, where
	# roff escapes its dashes (\fB\-\-conn\-file\fR)
	[ -r "$man" ] && documented=$(awk 'prev == ".TP" { print } { prev = $0 }' "$man" |
		sed 's/\\-/-/g' | grep -o -- '\\fB--[a-z0-9][a-z0-9-]*' |
		sed 's/^\\fB--//' | sort -u | tr '\n' ' ')
	shown=$(grep -o -- '--[a-z0-9-]*' <<<"$help" | sed 's/^--//' | sort -u)
	bad=0
	for o in ${contract[$t]} $documented; do
		grep -q -- "--$o\b" <<<"$help" ||
			{ echo "    $t --help does not mention --$o"; bad=1; }
	done
	if [ -r "$man" ]; then
		for o in $shown; do
			[ "$o" = help ] && continue
			grep -qw "$o" <<<"$documented" ||
				{ echo "    $t: man page lacks --$o"; bad=1; }
		done
	else
		echo "    $t: no man page $man"
		bad=1
	fi
	"$bin" --bogus >/dev/null 2>&1 && { echo "    $t accepted --bogus"; bad=1; }
	if [ $bad = 0 ]; then echo "PASS: $t --help"; else echo "FAIL: $t --help"; rc=1; fi
done
exit $rc

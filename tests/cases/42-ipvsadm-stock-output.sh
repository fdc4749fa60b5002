# SPDX-License-Identifier: GPL-2.0-only
# Stock options behave exactly as before: the same stock commands, run
# once with the unpatched ipvsadm (same Debian source, without our
# series) and once with ours, each in its own namespace, give the same
# messages and exit codes and build the same table; and every listing of
# that table, asked of either binary, is byte for byte the same.
. "$LVS_ROOT/tests/lib/lab.sh"

check "the patched ipvsadm was built" test -x "$IPVSADM_PATCHED"
check "the stock ipvsadm was built" test -x "$IPVSADM_STOCK"
V4=203.0.113.1 V6=2001:db8:a::1
set -f	# the commands are split on blanks, and [v6]:port must not glob

# the commands, one a line: stock options only, some of them wrong on
# purpose (their errors must match too)
commands() {
	cat <<CMDS
-A -t $V4:80 -s rr
-A -t $V4:443 -s wlc -p 300 -M 255.255.255.0
-A -u $V4:53 -s sh -b sh-fallback,sh-port -o
-A -u $V4:0 -s rr -p 600
-A -u $V4:500 -s wrr
-A -f 7 -s lc -p
-A -f 8 -6 -s wlc -p 120 -M 64
-A -t [$V6]:80 -s rr
-A -t [$V6]:443 -s sh --pe sip
-A -t $V4:80 -s rr
-A -u $V4:0 -s rr
-a -t $V4:80 -r 203.0.113.2:8080 -m -w 2
-a -t $V4:80 -r 203.0.113.3 -g -x 100 -y 50
-a -t $V4:443 -r 203.0.113.4 -i --tun-type gue --tun-port 6080 --tun-csum
-a -u $V4:53 -r 203.0.113.5 -m
-a -u $V4:0 -r 203.0.113.6 -g
-a -u $V4:500 -r 203.0.113.7:500 -m
-a -f 7 -r 203.0.113.8 -g -w 0
-a -f 8 -6 -r [2001:db8:a::2] -i
-a -t [$V6]:80 -r [2001:db8:a::3]:8080 -m
-a -t [$V6]:80 -r 203.0.113.9 -m
-E -t $V4:80 -s wlc
-E -u $V4:500 -s rr -o
-E -f 7 -s lc -p 900
-E -t $V4:999 -s rr
-e -t $V4:80 -r 203.0.113.2:8080 -m -w 5
-e -t $V4:80 -r 203.0.113.3 -g -w 0 -x 0
-e -t $V4:80 -r 203.0.113.99 -g
-d -u $V4:53 -r 203.0.113.5
-D -t [$V6]:443
--set 900 120 300
--set 900 120
CMDS
}

# (the guest has no /dev/fd: files, not process substitution)
mkdir -p "$LAB_TMP"
commands >"$LAB_TMP/commands"

setup() {
	local bin=$1 ns=$2 line
	ns_add "$ns"
	nsx "$ns" ip link add dummy0 type dummy
	nsx "$ns" ip link set dummy0 up
	nsx "$ns" ip addr add $V4/24 dev dummy0
	nsx "$ns" ip -6 addr add $V6/64 dev dummy0 nodad
	while read -r line; do
		# shellcheck disable=SC2086
		echo "\$ ipvsadm $line"
		nsx "$ns" "$bin" $line 2>&1 </dev/null
		echo "exit $?"
	done <"$LAB_TMP/commands"
}

setup "$IPVSADM_STOCK" dstock >"$LAB_TMP/stock.txt"
setup "$IPVSADM_PATCHED" dpatched >"$LAB_TMP/patched.txt"
check "the same messages and exit codes for every stock command" \
	diff -u "$LAB_TMP/stock.txt" "$LAB_TMP/patched.txt"
ncmd=$(wc -l <"$LAB_TMP/commands")
check "all $ncmd commands ran" \
	test "$ncmd" -gt 30 -a "$(grep -c '^exit ' "$LAB_TMP/patched.txt")" = "$ncmd"
nerr=$(grep -c '^exit [^0]' "$LAB_TMP/patched.txt")
check "some were refused on purpose, by both ($nerr)" test "$nerr" -ge 4
table=$(nsx dpatched "$IPVSADM_STOCK" -Sn)
check "the table the stock binary built is the table ours built" \
	test "$(nsx dstock "$IPVSADM_STOCK" -Sn)" = "$table"
check "  and it has its 8 services and 7 real servers" \
	test "$(grep -c '^-A' <<<"$table") $(grep -c '^-a' <<<"$table")" = "8 7"
if [ "$FAILS" -ne 0 ]; then
	sed 's/^/    /' "$LAB_TMP/patched.txt"
	echo "$table" | sed 's/^/    /'
	finish
fi

# some entries for -c: local UDP and TCP to the services
for port in 53 500 4000; do
	ikepkt dpatched junk $V4 \
		--dport $port --sport 40000 --count 1 2>/dev/null
done
nsx dpatched timeout 2 bash -c "exec 3<>/dev/tcp/$V4/80" 2>/dev/null
check "there are entries to list" test -n "$(nsx dpatched "$IPVSADM_STOCK" -Lnc | awk 'NR > 2')"

# same ARGS...: both binaries list the same bytes. Entries count their
# expiry down, and on a loaded machine seconds tick between two runs: in
# listings of entries (-c) the expiry column is masked, everything else
# is compared as it is; a listing that differs is asked again (an entry
# may have expired in between)
same() {
	local args=("$@") try s p mask=cat
	case " $* " in *" -c "*|*" -Lnc "*) mask=mask_expiry ;; esac
	for try in 1 2 3; do
		s=$(nsx dpatched "$IPVSADM_STOCK" "${args[@]}" 2>&1; echo "exit $?")
		p=$(nsx dpatched "$IPVSADM_PATCHED" "${args[@]}" 2>&1; echo "exit $?")
		s=$($mask <<<"$s") p=$($mask <<<"$p")
		[ "$s" = "$p" ] && break
	done
	if [ "$s" = "$p" ]; then
		pass "ipvsadm ${args[*]}: identical ($(echo "$s" | wc -l) lines)"
	else
		fail "ipvsadm ${args[*]}: differs"
		echo "$s" >"$LAB_TMP/s.txt"
		echo "$p" >"$LAB_TMP/p.txt"
		diff -u "$LAB_TMP/s.txt" "$LAB_TMP/p.txt" | sed 's/^/    /'
	fi
}
mask_expiry() { sed -E 's/^([A-Z]{3} )[0-9]{2}:[0-9]{2} /\1mm:ss /'; }
for args in "-L -n" "-L -n --stats" "-L -n --rate" "-L -n --timeout" \
	"-L --timeout" "-L -n --persistent-conn" "-L -n --thresholds" \
	"-L -n --stats --exact" "-L -n --tun-info" "-L -n --nosort" \
	"-L -n -t $V4:80" "-L -n -f 7" "-L -n --daemon" "-S" "-S -n" \
	"-L -n -c" "-Lnc" "-L -n -c --persistent-conn" "-L -n -u $V4:4444" \
	"-L -n --stats --timeout" "-Z" "-Z -t $V4:80" "-L -n --stats"; do
	# shellcheck disable=SC2086
	same $args
done
nsx dpatched "$IPVSADM_PATCHED" -Ln | sed 's/^/    /'
nsx dpatched "$IPVSADM_PATCHED" -Lnc | sed 's/^/    /'
finish

# SPDX-License-Identifier: GPL-2.0-only
# The ISAKMP knobs refuse what stock IPVS refuses: a negative timeout
# written to the sysctls, a zero timeout over netlink taken as "set to
# zero" (stock: zero leaves a timeout alone), and knobs shown in a
# namespace that an unprivileged user owns (stock hides its own there).
. "$LVS_ROOT/tests/lib/lab.sh"

ns_add director
vs=/proc/sys/net/ipv4/vs
knob() { nsx director cat "$vs/$1"; }

nsx director sysctl -qw net.ipv4.vs.isakmp_timeout=1234 \
	net.ipv4.vs.isakmp_init_timeout=7
for k in isakmp_timeout isakmp_init_timeout isakmp_defense_init_timeout; do
	before=$(knob "$k")
	check_not "a negative $k is refused" \
		nsx director sh -c "echo -5 >$vs/$k" 2>/dev/null
	check "and $k keeps its value ($before -> $(knob "$k"))" \
		test "$(knob "$k")" = "$before"
done
check "a timeout of 0 can still be written (isakmp_init_timeout)" \
	nsx director sh -c "echo 0 >$vs/isakmp_init_timeout"
nsx director sysctl -qw net.ipv4.vs.isakmp_init_timeout=7

# ipvsadm --set: zero leaves every timeout as it is, the ISAKMP ones too
check "patched ipvsadm --set 0 0 0 0 0" \
	nsx director "$IPVSADM_PATCHED" --set 0 0 0 0 0
check "isakmp_timeout unchanged by a zero over netlink ($(knob isakmp_timeout))" \
	test "$(knob isakmp_timeout)" = 1234
check "isakmp_init_timeout unchanged ($(knob isakmp_init_timeout))" \
	test "$(knob isakmp_init_timeout)" = 7
check "a non-zero value is set (--set 0 0 0 9 4321)" \
	nsx director "$IPVSADM_PATCHED" --set 0 0 0 9 4321
check "isakmp_timeout is 4321 ($(knob isakmp_timeout))" \
	test "$(knob isakmp_timeout)" = 4321
check "isakmp_init_timeout is 9 ($(knob isakmp_init_timeout))" \
	test "$(knob isakmp_init_timeout)" = 9

# a network namespace owned by a user namespace of its own (as an
# unprivileged user's container would be): no IPVS knobs at all
check "the init user namespace's netns has the knobs" test -e "$vs/isakmp"
userns_knobs=$(unshare --user --map-root-user --net \
	sh -c "ls $vs 2>/dev/null | grep -c isakmp")
check "a netns of another user namespace shows none (${userns_knobs:-0})" \
	test "${userns_knobs:-0}" -eq 0
check_not "nor stock's (am_droprate)" unshare --user --map-root-user --net \
	test -e "$vs/am_droprate"
finish

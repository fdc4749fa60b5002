# SPDX-License-Identifier: GPL-2.0-only
# The drop_entry defence (memory low; forced on here with drop_entry=3):
# exchanges opened meanwhile get the short isakmp_defense_init_timeout
# instead of isakmp_init_timeout and are gone within it, while the
# established client keeps its entry and its tunnel.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=60

ISAKMP=1 farm_up nat 1 2 || finish
nsx director sysctl -qw net.ipv4.conf.all.rp_filter=0 \
	net.ipv4.conf.eth0.rp_filter=0
check "client 1: tunnel up" swan_up 1
spis=$(swan_ike_spis c1)
defence=$(nsx director sysctl -n net.ipv4.vs.isakmp_defense_init_timeout)
check "the defence INIT timeout is shorter than the normal one ($defence s)" \
	test "$defence" -lt "$ISAKMP_INIT_TIMEOUT"

# without the defence, an opening lives isakmp_init_timeout
ikepkt c1 ike "$VIP4" --sport 40001
ex=$(conn_field 2 "$(client_ip4 1):40001" "$VIP4:500")
check "an opening without the defence expires in about ${ISAKMP_INIT_TIMEOUT}s ($ex)" \
	test "$(expiry_secs "${ex:-0:0}")" -gt "$((ISAKMP_INIT_TIMEOUT - 10))"

nsx director sysctl -qw net.ipv4.vs.drop_entry=3
ikepkt c1 flood "$VIP4" --sources 203.0.113.0/24 --count 40
longest=$(conns | awk '$3 == "IKE_INIT" && $4 ~ /^203\.0\.113\./ { print $2 }' |
	while read -r e; do expiry_secs "$e"; done | sort -n | tail -n 1)
check "openings under the defence expire within ${defence}s (longest ${longest:-none})" \
	test -n "$longest" -a "${longest:-99}" -le "$defence"
# one listing that still holds client 1's entry: an empty one proves nothing
flood_gone() {
	local l
	l=$(conns)
	grep -q " $(client_ip4 1):4500 " <<<"$l" && ! grep -q ' 203\.0\.113\.' <<<"$l"
}
wait_for $((defence + 3)) "the flood's INIT entries gone within the defence timeout, client 1's listed" flood_gone
check "client 1: its entry still IKE_ESTAB" \
	test "$(conn_field 3 "$(client_ip4 1):4500" "$VIP4:4500")" = IKE_ESTAB
check "client 1: ping through ESP" esp_ping 1 v4
check "client 1: same IKE SA" test "$(swan_ike_spis c1)" = "$spis"
nsx director sysctl -qw net.ipv4.vs.drop_entry=0
finish

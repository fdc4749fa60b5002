# SPDX-License-Identifier: GPL-2.0-only
# net.ipv4.vs.expire_nodest_conn = 1, as the shipped sysctl file sets it:
# a client's tunnel is up on real server X; X dies (charon gone, its SAs
# with it); keepalived's IKE probe finds it dead and the shipped
# nat-farm.conf removes it. The client's entries that still point at X go
# on its next packet instead of black-holing it forever, and when the
# client restarts its connection, IKE reaches a live server and the tunnel
# comes up there. The shipped farm persists per IKE SA (persistence_engine
# ike): the old SA's last messages (its DELETE) find no template and are
# dropped, not scheduled on a live server that never held the SA, where
# they would pin the client's 4500 flow and its next IKE_AUTH (issue 15).
. "$LVS_ROOT/tests/lib/keepalived.sh"
CHECK_WITHIN=30

ka_farm_up nat 1 3 nat-farm.conf || finish
check "expire_nodest_conn is on, from the shipped sysctl file" \
	test "$(nsx "$DIRECTOR" sysctl -n net.ipv4.vs.expire_nodest_conn)" = 1
check "client 1: tunnel up" swan_up 1
x=$(rs_holding_client 1 3)
check "client 1: on a real server (rs${x:-none})" test -n "$x"
[ -n "$x" ] || finish
cip=$(client_ip4 1)
check "client 1's 4500 entry leads to rs$x" \
	test "$(rs_index_of "$(conn_dest "$cip:4500" "$VIP4:4500")")" = "$x"

# rsX dies: charon and its kernel SAs are gone
kill -9 "$(cat "$(swan_dir "rs$x")/charon.pid")"
nsx "rs$x" ip xfrm state flush
nsx "rs$x" ip xfrm policy flush
wait_for "$CHECK_WITHIN" "keepalived removed the dead rs$x" ka_rs_out "$(rs_ip4_nat "$x")"
conns
# (charon's NAT keepalive, every 20 s, may already have been that next
# packet: then the entry is gone; it never leads anywhere else)
dest=$(conn_dest "$cip:4500" "$VIP4:4500")
check "client 1's 4500 entry still leads to rs$x, or went on its next packet (${dest:-gone})" \
	test -z "$dest" -o "$(rs_index_of "$dest")" = "$x"

# to_x: client 1's entries (not the persistence template) leading to rsX
to_x() {
	conns | awk -v c="$cip" -v d="$(rs_ip4_nat "$x")" \
		'index($4, c ":") == 1 && $4 != c ":0" && index($6, d ":") == 1'
}
check_not "client 1: its packets to the dead server are not answered" esp_ping 1 v4 2
check "client 1's entries to rs$x went on its next packet" test -z "$(to_x)"
conns

# the client restarts its connection: a new IKE SA on a live server
swanctl --terminate --ike farm --force --timeout 5 --uri "$(swan_uri c1)" >/dev/null 2>&1
check "client 1: tunnel up again after a restart" swan_up 1
check "client 1: its dead IKE SA's DELETE was dropped (claim_no_sa $(isakmp_counter claim_no_sa))" \
	test "$(isakmp_counter claim_no_sa)" -gt 0
y=$(rs_holding_client 1 3)
check "client 1: now on a live server (rs${y:-none}), not rs$x" \
	test -n "$y" -a "${y:-$x}" != "$x"
check "client 1: ping through ESP" esp_ping 1 v4
check "client 1's 4500 entry leads to rs$y, IKE_ESTAB" \
	test "$(rs_index_of "$(conn_dest "$cip:4500" "$VIP4:4500")")" = "${y:-x}" -a \
	"$(conn_field 3 "$cip:4500" "$VIP4:4500")" = IKE_ESTAB
check "rs$y's charon holds client 1's IKE SA" \
	eval 'swan_sas rs$y | grep -q "client1.lab"'
conns
finish

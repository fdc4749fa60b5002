# SPDX-License-Identifier: GPL-2.0-only
# ISAKMP entries on a firewall-mark service, the stock way of tying UDP 500
# and 4500 together (docs/alternatives.md): nftables marks both ports of the
# VIP, one persistent service balances the mark (NAT mode). The entries
# are per flow as on a port service: IKE_INIT, then IKE_ESTAB on 4500 with
# the established timeout, and ESP follows them to the same server. The
# ESP itself is not marked: it follows the entries, never the scheduler.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4
MARK=7

farm_nat 2 2
nsx director nft -f - <<NFT
table ip lvs {
	chain pre {
		type filter hook prerouting priority mangle;
		ip daddr $VIP4 udp dport { 500, 4500 } meta mark set $MARK
	}
}
NFT
ipvs -A -f $MARK -s rr -p 600
for r in 1 2; do ipvs -a -f $MARK -r "$(rs_ip4_nat $r)" -m; done
isakmp_on
for r in 1 2; do swan_server "$r" || finish; done
for i in 1 2; do swan_client "$i" || finish; done

for i in 1 2; do
	tunnel_checks "$i" 2 "500 4500"
	isakmp_entry_checks "$i" "500 4500"
done
check "the two clients were spread over both servers" \
	test "$(rs_holding_client 1 2)" != "$(rs_holding_client 2 2)"
isakmp_mode_checks nat 2
ipvs -Ln
conns
finish

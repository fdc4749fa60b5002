# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off: strongSwan clients reach a farm of two strongSwan
# servers through the director in TUN mode. The servers own the VIP, so IKE
# sees no NAT and stays on UDP 500 with raw ESP, which the director
# forwards as related to the client's UDP 500 entry.
. "$LVS_ROOT/tests/lib/farm.sh"

farm_up tun 2 2 || finish
for i in 1 2; do
	tunnel_checks "$i" 2 500
	check_not "client $i: raw ESP, not ESP-in-UDP" \
		grep -q encap <<<"$(nsx "c$i" ip xfrm state)"
done
check "the two clients were spread over both servers" \
	test "$(rs_holding_client 1 2)" != "$(rs_holding_client 2 2)"
conns
finish

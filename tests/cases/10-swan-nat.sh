# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off: strongSwan clients reach a farm of two strongSwan
# servers through the director in NAT mode. IKE sees the address rewrite as
# a NAT and floats to UDP 4500 (ESP-in-UDP); the persistent service keeps
# both ports of a client on one server.
. "$LVS_ROOT/tests/lib/farm.sh"

farm_up nat 2 2 || finish
for i in 1 2; do
	tunnel_checks "$i" 2 "500 4500"
done
check "the two clients were spread over both servers" \
	test "$(rs_holding_client 1 2)" != "$(rs_holding_client 2 2)"
conns
finish

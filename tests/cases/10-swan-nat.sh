# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off: strongSwan clients reach a farm of two strongSwan
# servers through the director in NAT mode. IKE sees the address rewrite as
# a NAT and floats to UDP 4500 (ESP-in-UDP); the persistent service keeps
# both ports of a client on one server.
. "$LVS_ROOT/tests/lib/farm.sh"

swan_farm_case nat "500 4500"
finish

# SPDX-License-Identifier: GPL-2.0-only
# ISAKMP entries in NAT mode over IPv4: strongSwan clients bring their
# tunnels up through entries that open as IKE_INIT and become IKE_ESTAB
# with the configured timeout; ESP passes on them to the same server.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4

isakmp_farm_case nat 2 "500 4500"
finish

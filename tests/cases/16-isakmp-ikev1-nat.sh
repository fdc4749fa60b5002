# SPDX-License-Identifier: GPL-2.0-only
# IKEv1 main mode through ISAKMP entries in NAT mode: to the peers the
# director's address rewrite is a NAT, so they float to 4500 (NAT-T, ESP
# in UDP) for main mode's last exchange. Both entries become IKE_ESTAB on
# the server's replies: the one on 500 with the second exchange, the one
# on 4500 with the third. IKEv1 tunnels carry one selector pair (IPv4).
SWAN_VERSION=1
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4

isakmp_farm_case nat 2 "500 4500"
finish

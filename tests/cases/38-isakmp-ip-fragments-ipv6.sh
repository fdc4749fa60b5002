# SPDX-License-Identifier: GPL-2.0-only
# Case 37 over IPv6: IKE_AUTH and its answer in IPv6 fragments through the
# director in NAT mode; reassembled before IPVS, the tunnel comes up.
FAMILY=6
. "$LVS_ROOT/tests/cases/37-isakmp-ip-fragments.sh"

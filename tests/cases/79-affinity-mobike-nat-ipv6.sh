# SPDX-License-Identifier: GPL-2.0-only
# Case 72 over IPv6, NAT mode: the client reaches the VIP over IPv6 and
# changes its IPv6 address; the UPDATE_SA_ADDRESSES from the new address
# finds the IKE SA's server by its SPI, the same IKE SA goes on there.
FAMILY=6
. "$LVS_ROOT/tests/cases/72-affinity-mobike.sh"

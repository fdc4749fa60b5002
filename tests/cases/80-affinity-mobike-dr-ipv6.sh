# SPDX-License-Identifier: GPL-2.0-only
# Case 72 over IPv6 in DR mode (case 73's, over IPv6): after the client's
# IPv6 address changes, the UPDATE_SA_ADDRESSES on 4500 finds the IKE
# SA's server by its SPI, and raw ESP from the new address follows the
# new 4500 entry there.
FAMILY=6 MODE=dr
. "$LVS_ROOT/tests/cases/72-affinity-mobike.sh"

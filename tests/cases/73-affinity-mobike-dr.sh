# SPDX-License-Identifier: GPL-2.0-only
# Case 72 in DR mode: the client's IKE moves to 4500 (MOBIKE) and its ESP
# is raw; after the address change, the UPDATE_SA_ADDRESSES on 4500
# finds the IKE SA's server by its SPI, and raw ESP from the new address
# follows the new 4500 entry there.
MODE=dr
. "$LVS_ROOT/tests/cases/72-affinity-mobike.sh"

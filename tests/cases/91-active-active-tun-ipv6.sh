# SPDX-License-Identifier: GPL-2.0-only
# timeout: 400
# Case 82's steps (active-active directors behind an ECMP router), TUN
# over IPv6.
ECMP_MODE=tun
FAMILY=6
. "$LVS_ROOT/tests/cases/82-active-active-dr.sh"

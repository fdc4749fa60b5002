# SPDX-License-Identifier: GPL-2.0-only
# Case 30 in TUN mode: stray ESP and AH are refused with ICMP errors before
# any real server sees them, raw or inside the tunnel.
MODE=tun
. "$LVS_ROOT/tests/cases/30-esp-unreachable.sh"

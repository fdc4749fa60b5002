# SPDX-License-Identifier: GPL-2.0-only
# Case 83's steps (the "spi" scheduler on one director), TUN over IPv6.
MODE=tun
FAMILY=6
. "$LVS_ROOT/tests/cases/83-spi-steer.sh"

# SPDX-License-Identifier: GPL-2.0-only
# Case 83's steps (the "spi" scheduler on one director), TUN over IPv4.
MODE=tun
. "$LVS_ROOT/tests/cases/83-spi-steer.sh"

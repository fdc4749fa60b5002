# SPDX-License-Identifier: GPL-2.0-only
# Every prefix of the kernel series builds without warnings, so the
# series bisects (the full series is built by the guest tests).
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
exec "$LVS_ROOT/kernel/scripts/build-each"

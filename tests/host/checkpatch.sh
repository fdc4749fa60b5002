# SPDX-License-Identifier: GPL-2.0-only
# The kernel series and our own kernel files pass the kernel's checkpatch:
# the patches as they would be posted, our files in --strict mode.
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
exec "$LVS_ROOT/kernel/scripts/checkpatch-series"

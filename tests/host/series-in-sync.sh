# SPDX-License-Identifier: GPL-2.0-only
# Each line's series is what its sources give: the patches' edits to kernel
# files, and our own files as kernel/src (with the line's src.diff) has
# them. kernel/scripts/refresh-series writes it anew on a plain
# linux-source tree per line; any difference means kernel/src was edited
# without refreshing the series (or a patch by hand without its files).
set -u
. "$(dirname "$0")/../../kernel/scripts/lib.sh"
exec "$LVS_ROOT/kernel/scripts/refresh-series" --check

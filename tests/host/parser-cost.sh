# SPDX-License-Identifier: GPL-2.0-only
# The protocol core costs no more instructions per packet than its
# recorded budget (bench/parser-budget), counted by callgrind.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
mkdir -p "$BUILD/bench"
COUNT=5000 "$ROOT/bench/parser-cost" --check --out "$BUILD/bench/parser.json"

#!/usr/bin/env bash
# The full exactness run of rigtop's own RandomX: thousands of random (key, input) pairs against
# librandomx (v1) and cyrx (v2), every VM variant (interpreter, hard AES, JIT), plus the dataset
# items and the published vectors. The test command runs the same suite with a reduced set.
# Usage: scripts/randomx-exactness.sh [PAIRS_PER_KEY [KEYS]]   (defaults 250 and 4: 1,000 pairs a version)
set -euo pipefail
cd "$(dirname "$0")/.."
export RIGTOP_RANDOMX_PAIRS="${1:-250}" RIGTOP_RANDOMX_KEYS="${2:-4}"
echo "rigtop: RandomX exactness, $RIGTOP_RANDOMX_KEYS keys x $RIGTOP_RANDOMX_PAIRS inputs per version" >&2
swift test --filter RigtopRandomXTests

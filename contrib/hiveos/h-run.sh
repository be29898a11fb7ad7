#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Starts rigtop. HiveOS runs this in the miner's screen session and runs it again when it exits.

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
# shellcheck source=h-manifest.conf
. ./h-manifest.conf

if [[ ! -f $CUSTOM_CONFIG_FILENAME ]]; then
    echo "rigtop: no $CUSTOM_CONFIG_FILENAME; HiveOS writes it with h-config.sh from the flight sheet" >&2
    exit 1
fi
RIGTOP_ARGS=()
# shellcheck source=/dev/null
. "$CUSTOM_CONFIG_FILENAME"

mkdir -p "$(dirname "$CUSTOM_LOG_BASENAME")"
# Libraries shipped in the package (Swift runtime, librandomx) where the rig lacks them.
[[ -d lib ]] && export LD_LIBRARY_PATH="$PWD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

[[ -n ${RIGTOP_API_TOKEN_FILE:-} ]] && RIGTOP_ARGS+=(--api-token-file "$RIGTOP_API_TOKEN_FILE")
./rigtop mine "${RIGTOP_ARGS[@]}" --api "$RIGTOP_API_HOST:$WEB_PORT" 2>&1 |
    tee --append "$CUSTOM_LOG_BASENAME.log"
exit "${PIPESTATUS[0]}"

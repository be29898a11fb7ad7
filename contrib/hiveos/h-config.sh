#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Writes rigtop.conf from the flight sheet: CUSTOM_URL (pools, one per line or space),
# CUSTOM_TEMPLATE (wallet.worker), CUSTOM_PASS, CUSTOM_ALGO and CUSTOM_USER_CONFIG (extra
# rigtop options). HiveOS sources this file, so it returns a status and never exits.

rigtop_config_gen() {
    local dir
    dir=$(dirname "${BASH_SOURCE[0]}")
    # shellcheck source=h-manifest.conf
    . "$dir/h-manifest.conf"

    if [[ -z ${CUSTOM_URL:-} ]]; then
        echo "rigtop: the flight sheet has no pool URL" >&2
        return 1
    fi
    if [[ -z ${CUSTOM_TEMPLATE:-} ]]; then
        echo "rigtop: the flight sheet has no wallet and worker template" >&2
        return 1
    fi

    # Split on blanks and newlines without glob expansion; read stops at the end with status 1.
    local -a urls=() extra=() args=()
    read -r -d '' -a urls <<<"$CUSTOM_URL" || true
    read -r -d '' -a extra <<<"${CUSTOM_USER_CONFIG:-}" || true

    # The extra config's --coin wins; otherwise the algorithm's main coin (BCH or DOGE need --coin).
    local arg user_coin=no
    for arg in "${extra[@]}"; do
        [[ $arg == --coin || $arg == --coin=* ]] && user_coin=yes
    done
    if [[ $user_coin == no ]]; then
        case ${CUSTOM_ALGO,,} in
            sha256 | sha256d | sha-256 | sha-256d) args+=(--coin BTC) ;;
            scrypt) args+=(--coin LTC) ;;
            randomx | randomxmonero | rx/0) args+=(--coin XMR) ;;
            *)
                echo "rigtop: no coin for algorithm '${CUSTOM_ALGO:-}'; add --coin SYMBOL to the extra config" >&2
                return 1
                ;;
        esac
    fi

    local url
    for url in "${urls[@]}"; do
        # Flight sheets often give host:port; rigtop needs the scheme.
        [[ $url == *://* ]] || url="stratum+tcp://$url"
        args+=(--pool "$url")
    done

    local user=$CUSTOM_TEMPLATE
    # Older flight sheets leave %WORKER_NAME% for the miner to fill in.
    [[ -n ${WORKER_NAME:-} ]] && user=${user//%WORKER_NAME%/$WORKER_NAME}
    args+=(--user "$user" --pass "${CUSTOM_PASS:-x}")

    mkdir -p "$(dirname "$CUSTOM_CONFIG_FILENAME")" || return 1
    # %q quoting: h-run.sh sources the file, so a password with spaces or quotes stays one word.
    {
        echo "# Written by h-config.sh from the flight sheet; h-run.sh passes these to 'rigtop mine'."
        printf 'RIGTOP_ARGS=('
        printf ' %q' "${args[@]}" "${extra[@]}"
        printf ' )\n'
    } >"$CUSTOM_CONFIG_FILENAME"
}

rigtop_config_gen

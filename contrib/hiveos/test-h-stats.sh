#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Sources h-stats.sh the way HiveOS's agent does, against a running rigtop API, and checks the
# khs and stats it sets.
#
#   test-h-stats.sh [BASE_URL]                 khs > 0 and stats has the keys HiveOS reads
#   test-h-stats.sh --expect-down [BASE_URL]   an API that does not answer: khs=0, stats=null,
#                                              and no more than 6 s spent
#
# BASE_URL defaults to $RIGTOP_API, e.g. http://127.0.0.1:60090. h-stats.sh always asks
# 127.0.0.1 at the manifest's WEB_PORT, so the URL must be a loopback one; its port replaces
# WEB_PORT in a scratch copy of the package.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

expect_down=no
if [[ ${1:-} == --expect-down ]]; then
    expect_down=yes
    shift
fi
base=${1:-${RIGTOP_API:-}}
[[ -n $base ]] || { echo "usage: $0 [--expect-down] BASE_URL (or set RIGTOP_API)" >&2; exit 2; }
command -v jq >/dev/null || fail "jq is not installed"
command -v curl >/dev/null || fail "curl is not installed"

if [[ $base =~ ^http://(127\.0\.0\.1|localhost)(:([0-9]+))?/?$ ]]; then
    port=${BASH_REMATCH[3]:-80}
else
    fail "$base: h-stats.sh only asks http://127.0.0.1:PORT"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$here/h-stats.sh" "$scratch/"
sed "s/^WEB_PORT=.*/WEB_PORT=$port/" "$here/h-manifest.conf" >"$scratch/h-manifest.conf"
grep -q "^WEB_PORT=$port\$" "$scratch/h-manifest.conf" || fail "h-manifest.conf has no WEB_PORT= line"

# The agent runs without errexit or nounset; source it in a subshell with the same settings
# so that nothing from this script leaks in. khs on one line, the compact stats on the next.
started=$(date +%s%N)
output=$(
    set +euo pipefail
    # shellcheck source=h-stats.sh
    . "$scratch/h-stats.sh"
    printf '%s\n%s\n' "$khs" "$stats"
)
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
khs=${output%%$'\n'*}
stats=${output#*$'\n'}

echo "khs=$khs"
echo "stats=$stats"
echo "took ${elapsed_ms} ms"

if [[ $expect_down == yes ]]; then
    [[ $khs == 0 ]] || fail "khs is '$khs' for an API that does not answer, not 0"
    [[ $stats == null ]] || fail "stats is '$stats' for an API that does not answer, not null"
    ((elapsed_ms <= 6000)) || fail "h-stats.sh took ${elapsed_ms} ms; HiveOS's agent waits on it"
    echo "OK: API down gives khs=0 and stats=null"
    exit 0
fi

[[ $khs =~ ^[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$ ]] || fail "khs '$khs' is not a number"
awk -v k="$khs" 'BEGIN { exit !(k > 0) }' || fail "khs is $khs: no hashrate (is rigtop hashing yet?)"
jq -e . >/dev/null 2>&1 <<<"$stats" || fail "stats is not JSON: $stats"
problems=$(jq -r '
    def need(cond; what): if cond then empty else what end;
    need(type == "object"; "not an object"),
    (if type == "object" then
        need(.hs | type == "array" and length > 0 and all(type == "number"); "hs: not a non-empty array of numbers"),
        need(.hs_units == "hs"; "hs_units is not \"hs\""),
        need(.temp | type == "array"; "temp: not an array"),
        need(.fan | type == "array"; "fan: not an array"),
        need(.uptime | type == "number"; "uptime: not a number"),
        need(.ar | type == "array" and length == 2 and all(type == "number"); "ar: not [accepted, rejected]"),
        need(.algo | type == "string" and length > 0; "algo: missing"),
        need(.ver | type == "string" and length > 0; "ver: missing")
     else empty end)
    ' <<<"$stats")
[[ -z $problems ]] || fail "stats: $(paste -sd ';' <<<"$problems")"
echo "OK: khs=$khs, $(jq -r '"\(.hs | length) threads, ar \(.ar), algo \(.algo), ver \(.ver)"' <<<"$stats")"

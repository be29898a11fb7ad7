#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# HiveOS's agent sources this file every few seconds. It must set khs (total hashrate, kH/s)
# and stats (JSON) from rigtop's xmrig-compatible /1/summary. When the API does not answer in
# time (rigtop starting, stopped, crashed) it sets khs=0 and stats=null, as other miners do.
# Sourced into the agent: no exit, and every helper variable is rigtop_-prefixed and unset.
# shellcheck disable=SC2034 # khs and stats are read by the agent that sources this file

# shellcheck source=h-manifest.conf
. "$(dirname "${BASH_SOURCE[0]}")/h-manifest.conf"

khs=0
stats=null
rigtop_summary=$(curl -s --connect-timeout 2 --max-time 5 "http://127.0.0.1:${WEB_PORT}/1/summary" 2>/dev/null)
# One jq run: khs on the first line, the stats object on the second. A window without data yet
# is null: fall back to the next longer window, then 0. rigtop reports no per-thread
# temperatures or fans; HiveOS shows the CPU temperature from its own sensors.
if [[ -n $rigtop_summary ]] && rigtop_out=$(jq -r --arg ver "$CUSTOM_VERSION" '
    def rate: (.[0] // .[1] // .[2] // 0);
    if (.hashrate | type) != "object" then error("not an xmrig summary") else . end
    | ((.hashrate.total // [] | rate) / 1000 | tostring),
      ({
        hs: [.hashrate.threads[]? | rate],
        hs_units: "hs",
        temp: [],
        fan: [],
        uptime: (.uptime // 0),
        ar: [(.connection.accepted // .results.shares_good // 0),
             (.connection.rejected // ((.results.shares_total // 0) - (.results.shares_good // 0)))],
        algo: (.algo // ""),
        ver: (.version // $ver)
      } | tojson)
    ' <<<"$rigtop_summary" 2>/dev/null); then
    khs=${rigtop_out%%$'\n'*}
    stats=${rigtop_out#*$'\n'}
fi
unset rigtop_summary rigtop_out

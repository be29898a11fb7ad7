#!/usr/bin/env bash
# What one refresh of `rigtop farm` costs at 1,000 rigs, against a real Prometheus: RIGS rigs'
# series (Benchmarks/farm_openmetrics.py, the series and labels `rigtop mine --api` exposes, one
# sample per 15 s over MINUTES minutes) are backfilled with `promtool tsdb create-blocks-from
# openmetrics`, Prometheus serves them, and `rigtop farm --time END --measure N` refreshes N
# times at the data's last moment: queries and parsing, then sort, layout and drawing a 200x60
# frame, a scroll step through every row, and the process' peak memory. The first refresh of a
# process reads everything; the later ones read what can have changed (at a fixed --time, the
# newest history step again), as every refresh a person watching sees after the first. Goal: a
# later refresh under 200 ms, and under 100 MB.
#
#   Benchmarks/farm_refresh.sh [RIGS] [MINUTES] [REFRESHES]      (default 1000 30 10)
#   RIGTOP=path/to/rigtop Benchmarks/farm_refresh.sh              (skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
rigs="${1:-1000}"
minutes="${2:-30}"
refreshes="${3:-10}"
for tool in prometheus promtool python3 curl; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool not installed (apt-get install prometheus curl)" >&2; exit 0; }
done
if [[ -z "${RIGTOP:-}" ]]; then
    swift build -c release --product rigtop --scratch-path .build-release >&2
    RIGTOP=.build-release/release/rigtop
fi

work=$(mktemp -d)
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# An hour ago, on a minute: well inside the default retention, clear of any head block.
end=$(( ($(date +%s) - 3600) / 60 * 60 ))
echo "generating $rigs rigs x $minutes min of series ending at $end" >&2
python3 Benchmarks/farm_openmetrics.py "$rigs" "$minutes" "$end" > "$work/farm.om"
echo "  $(wc -l < "$work/farm.om") samples, $(du -h "$work/farm.om" | cut -f1)" >&2
promtool tsdb create-blocks-from openmetrics "$work/farm.om" "$work/data" >/dev/null
rm "$work/farm.om"

port=$((20000 + RANDOM % 20000))
printf 'global:\n  evaluation_interval: 1m\n' > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$port" --log.level=warn >"$work/prometheus.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break
    sleep 0.5
done

"$RIGTOP" farm --prometheus "http://127.0.0.1:$port" --time "$end" --once --json > "$work/once.json"
python3 - "$work/once.json" <<'PY'
import json, sys
farm = json.load(open(sys.argv[1]))
states = {}
for rig in farm["rigs"]:
    states[rig["state"]] = states.get(rig["state"], 0) + 1
print(f"snapshot: {len(farm['rigs'])} rigs {states}, totals {[(t['coin'], t['rigs']) for t in farm['totals']]}", file=sys.stderr)
PY
# Prometheus' own CPU time (utime + stime, /proc/PID/stat fields 14-15): over one process' first
# refresh alone, then over a run of REFRESHES; the later refreshes' share is the difference.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
before=$(cpu_ticks)
"$RIGTOP" farm --prometheus "http://127.0.0.1:$port" --time "$end" --measure 1 >/dev/null
first=$(( ($(cpu_ticks) - before) * tick_ms ))
before=$(cpu_ticks)
"$RIGTOP" farm --prometheus "http://127.0.0.1:$port" --time "$end" --measure "$refreshes"
all=$(( ($(cpu_ticks) - before) * tick_ms ))
echo "prometheus CPU, first refresh: $first ms" >&2
if (( refreshes > 1 )); then
    echo "prometheus CPU per later refresh: $(( (all - first) / (refreshes - 1) )) ms" >&2
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

#!/usr/bin/env bash
# What the HTTP API costs the miners: `rigtop mine` (release build) on benchmark work, alternately
# without the API and with it while /metrics, /1/summary and /api/v1/state are fetched 10 times a
# second each, side by side in one session. Prints each run's rate (total hashes / seconds) and the
# ratio of the medians; the goal is a ratio within 1 % of 1. Run it on a quiet machine.
#
#   Benchmarks/api_cost.sh [SECONDS] [PAIRS] [THREADS]     (default 20 s, 3 pairs, all cores)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
pairs="${2:-3}"
threads="${3:-$(nproc)}"
scratch=.build-release
swift build -c release --product rigtop --scratch-path "$scratch" >&2
rigtop="$scratch/release/rigtop"
port=$((20000 + RANDOM % 20000))

rate() { python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["total_hashes"] / o["seconds"])'; }

run_plain() {
    "$rigtop" mine --no-ledger --threads "$threads" --duration "$seconds" --json 2>/dev/null | rate
}

run_scraped() {
    "$rigtop" mine --no-ledger --threads "$threads" --duration "$seconds" --json --api "127.0.0.1:$port" \
        >"$scratch/api_cost.json" 2>/dev/null &
    local miner=$!
    local scrapes=0
    sleep 1
    while kill -0 "$miner" 2>/dev/null; do
        for path in metrics 1/summary api/v1/state; do
            curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/$path" && scrapes=$((scrapes + 1))
        done
        sleep 0.1
    done
    wait "$miner"
    echo "  ($scrapes API requests answered)" >&2
    rate <"$scratch/api_cost.json"
}

plain=()
scraped=()
for pair in $(seq "$pairs"); do
    plain+=("$(run_plain)")
    echo "pair $pair: without API ${plain[-1]} H/s" >&2
    scraped+=("$(run_scraped)")
    echo "pair $pair: with API    ${scraped[-1]} H/s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median "${plain[@]}")
b=$(median "${scraped[@]}")
python3 -c "print(f'median without API {float(\"$a\")/1e6:.2f} MH/s, with API scraped 10/s {float(\"$b\")/1e6:.2f} MH/s, ratio {float(\"$b\")/float(\"$a\"):.4f}')"

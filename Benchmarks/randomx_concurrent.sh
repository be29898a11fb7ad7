#!/usr/bin/env bash
# rigtop's RandomX against xmrig at the same moment: one xmrig thread on one core and one
# `rigtop bench` thread on the other, hashing side by side, then the cores swapped. Runs that
# alternate (Benchmarks/randomx_vs_xmrig.sh) see the host drift between them: on a shared VM the
# same binary reads 550 H/s in one minute and 770 in the next. Two miners running together see the
# same host, the same memory traffic and the same neighbours, so the ratio of their rates over one
# window cancels that drift; swapping the cores cancels a difference between the cores. Each miner
# also loads the memory system as the other miner's second thread would, so this is the 2-thread
# case of a 2-core machine split in two.
#
# xmrig runs as randomx_vs_xmrig.sh runs it: no MSR writes (prefetcher tuning rigtop cannot do),
# one dataset. xmrig's rate is its own 60 s hashrate window from its HTTP API, read the moment rigtop's 60 s
# measurement ends (xmrig's --bench mode does not count hashes in its API, only the windows).
#
#   Benchmarks/randomx_concurrent.sh --xmrig PATH [--rigtop PATH] [--algo rx/0|rx/2] [--rounds N]
#       [--cores "A B"]
#
#   defaults: --rigtop .build/release/rigtop, rx/0, 2 rounds (each one with the cores both ways),
#   cores 0 and 1. Needs curl, jq and taskset; 2 x 2 GiB of memory (huge pages if configured).
set -euo pipefail
cd "$(dirname "$0")/.."

rigtop=.build/release/rigtop
xmrig=""
algo=rx/0
rounds=2
cores="0 1"
seconds=60 # xmrig's middle hashrate window

usage() { sed -n '/^#   Benchmarks/,/^#   cores/s/^#//p' "$0" >&2; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --rigtop) rigtop="$2"; shift 2 ;;
        --xmrig) xmrig="$2"; shift 2 ;;
        --algo) algo="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --cores) cores="$2"; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done
case "$algo" in
    rx/0) rigtop_algo=randomx ;;
    rx/2) rigtop_algo=randomx-v2 ;;
    *) echo "--algo must be rx/0 or rx/2" >&2; exit 2 ;;
esac
if [ -z "$xmrig" ]; then
    echo "skipped: no --xmrig given (build xmrig from its own source outside this repository)" >&2
    exit 0
fi
for tool in curl jq taskset; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool not installed" >&2; exit 0; }
done
[ -x "$rigtop" ] || { echo "no rigtop binary at $rigtop (swift build -c release --product rigtop)" >&2; exit 1; }
read -r core_a core_b <<< "$cores"

port=$((20000 + RANDOM % 20000))
xmrig_pid=""
stop_xmrig() {
    if [ -n "$xmrig_pid" ]; then kill "$xmrig_pid" 2>/dev/null || true; wait "$xmrig_pid" 2>/dev/null || true; fi
    xmrig_pid=""
}
trap stop_xmrig EXIT

# xmrig's hashrate window ($1: 0 = 10 s, 1 = 60 s), or "null" before it has one.
xmrig_rate() { curl -s --max-time 2 "http://127.0.0.1:$port/2/summary" | jq -r ".hashrate.total[$1]" 2>/dev/null || echo null; }
xmrig_hashing() { python3 -c "import sys; sys.exit(0 if '$(xmrig_rate 0)' not in ('null', '') and float('$(xmrig_rate 0)') > 0 else 1)" 2>/dev/null; }

echo "date $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, huge pages $(cat /proc/sys/vm/nr_hugepages), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$xmrig" --version | head -1); rigtop $rigtop; $algo; one thread each, ${seconds} s windows"
ratios=()
for round in $(seq "$rounds"); do
    for placement in "$core_a $core_b" "$core_b $core_a"; do
        read -r xmrig_core rigtop_core <<< "$placement"
        taskset -c "$xmrig_core" "$xmrig" --bench=10M --algo="$algo" --threads=1 \
            --cpu-affinity=$((1 << xmrig_core)) --http-host=127.0.0.1 --http-port="$port" \
            --randomx-wrmsr=-1 --randomx-no-numa --no-color >/dev/null 2>&1 &
        xmrig_pid=$!
        # Its dataset first: hashing has begun once the 10 s window holds a rate (before that it
        # reads 0 while the dataset is built, then null).
        for _ in $(seq 240); do
            xmrig_hashing && break
            sleep 1
        done
        xmrig_hashing || { echo "xmrig did not start hashing" >&2; exit 1; }
        json=$(taskset -c "$rigtop_core" "$rigtop" bench --algo "$rigtop_algo" --threads 1 --seconds "$seconds" --json)
        theirs=$(xmrig_rate 1)
        stop_xmrig
        ours=$(jq -r .hashrate <<< "$json")
        if [ "$theirs" = null ]; then echo "xmrig has no 60 s window yet: round skipped" >&2; continue; fi
        ratio=$(python3 -c "print(f'{$ours / $theirs:.3f}')")
        ratios+=("$ratio")
        printf 'round %s: xmrig on core %s %.1f H/s, rigtop on core %s %.1f H/s (%s): ratio %s\n' \
            "$round" "$xmrig_core" "$theirs" "$rigtop_core" "$ours" "$(jq -r .mode <<< "$json")" "$ratio"
    done
done
[ ${#ratios[@]} -gt 0 ] || exit 1
echo "median ratio rigtop / xmrig: $(printf '%s\n' "${ratios[@]}" | sort -n | python3 -c 'import sys, statistics; print(f"{statistics.median(float(l) for l in sys.stdin):.3f}")') over ${#ratios[@]} windows"

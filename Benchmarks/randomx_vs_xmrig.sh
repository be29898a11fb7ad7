#!/usr/bin/env bash
# RandomX speed against the reference miner: `rigtop bench` with each RandomX engine (its own,
# Debian's librandomx) and xmrig's offline benchmark, on the same algorithm, mode and thread count,
# in the same session. Reports each run's hashrate and dataset (or light-mode cache) build time,
# then the median of the per-pair ratios. Runs alternate (rigtop, librandomx, xmrig, then reversed
# in the next pair) because load, clocks and heat drift over minutes: a ratio of neighbours cancels
# most of that drift, a ratio of blocks of runs does not. Run it on a quiet machine with a release
# build; xmrig is not part of rigtop and is built separately (with no --xmrig the rigtop engines
# are still compared with each other, so anyone can repeat that half).
#
#   Benchmarks/randomx_vs_xmrig.sh [--rigtop PATH] [--xmrig PATH] [--algo rx/0|rx/2] [--threads N]
#       [--pairs K] [--light] [--seconds S] [--engines "rigtop librandomx"]
#
#   defaults: --rigtop .build/release/rigtop, no xmrig, rx/0, all allowed CPUs, 3 pairs, 30 s,
#   both engines (librandomx computes rx/0 only, so rx/2 runs the rigtop engine alone)
set -euo pipefail
cd "$(dirname "$0")/.."

rigtop=.build/release/rigtop
xmrig=""
algo=rx/0
threads=$(python3 -c 'import os; print(len(os.sched_getaffinity(0)))')
pairs=3
light=0
seconds=30
engines="rigtop librandomx"

usage() { sed -n '/^#   Benchmarks/,/^#   both/s/^#//p' "$0" >&2; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --rigtop) rigtop="$2"; shift 2 ;;
        --xmrig) xmrig="$2"; shift 2 ;;
        --algo) algo="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --pairs) pairs="$2"; shift 2 ;;
        --light) light=1; shift ;;
        --seconds) seconds="$2"; shift 2 ;;
        --engines) engines="$2"; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "unknown option: $1" >&2; usage ;;
    esac
done

case "$algo" in
    rx/0) rigtop_algo=randomx ;;
    rx/2) rigtop_algo=randomx-v2 ;;
    *) echo "--algo must be rx/0 or rx/2" >&2; exit 2 ;;
esac
if [ ! -x "$rigtop" ]; then
    echo "no rigtop binary at $rigtop (build it with: swift build -c release --product rigtop)" >&2
    exit 1
fi
sides=()
for engine in $engines; do
    if [ "$engine" = librandomx ] && [ "$algo" = rx/2 ]; then
        echo "skipping librandomx: it computes rx/0 only" >&2
        continue
    fi
    sides+=("$engine")
done
if [ -z "$xmrig" ] || [ ! -x "$xmrig" ]; then
    echo "no xmrig binary${xmrig:+ at $xmrig}: comparing the rigtop engines only" >&2
    xmrig=""
else
    sides+=(xmrig)
fi
if [ "${#sides[@]}" -lt 2 ]; then
    echo "nothing to compare: need two of ${engines// /, }, xmrig" >&2
    exit 1
fi

hugepages_total() { awk '/^HugePages_Total:/ {print $2}' /proc/meminfo; }
hugepages_before=$(hugepages_total)
gib_pages=$(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages 2>/dev/null || echo 0)

# xmrig has no "run for S seconds" benchmark: its --bench=N hashes a fixed N (at least 250K, minutes
# to hours at one thread, far more in light mode). So it runs the largest benchmark and is stopped
# once it has hashed for long enough; --print-time=1 makes it print "N/10000000 (T s)" every
# second, hashes done since its workers started, and the rate is taken between two of those
# lines, like rigtop's window: the first at T >= 1 s (rigtop's warm-up), the last S seconds on.
xmrig_args=(--bench=10M --algo="$algo" --threads="$threads" --no-color --print-time=1
    # Pin thread i to the i-th allowed CPU as rigtop does: -t alone leaves xmrig's threads unpinned.
    --cpu-affinity="$(python3 -c "import os; print(hex(sum(1 << c for c in sorted(os.sched_getaffinity(0))[:$threads])))")"
    # Leave the machine as it was: as root xmrig would rewrite MSRs (prefetcher tuning rigtop cannot
    # do) and raise vm.nr_hugepages, which would hand every later run huge pages the first lacked.
    --randomx-wrmsr=-1
    # rigtop builds one dataset whatever the NUMA layout; so does xmrig with this.
    --randomx-no-numa)
if [ "${hugepages_before:-0}" -gt 0 ]; then
    # Reserved huge pages are used by both sides; rigtop tries 1 GiB pages first when there are some.
    if [ "$gib_pages" -gt 0 ]; then xmrig_args+=(--randomx-1gb-pages); fi
else
    # Without a reservation both fall back to normal pages; both advise transparent huge pages for
    # the dataset, but xmrig not for its 256 MiB cache, which light mode reads on every hash.
    xmrig_args+=(--no-huge-pages)
    if [ "$light" = 1 ] && [ -n "$xmrig" ]; then
        echo "note: no huge pages reserved, so xmrig's light-mode cache sits on 4 KiB pages and" \
            "rigtop's on transparent huge pages; reserve some (sysctl vm.nr_hugepages=1280) for a like-with-like light run" >&2
    fi
fi
if [ "$light" = 1 ]; then
    xmrig_args+=(--randomx-mode=light)
    rigtop_light=(--randomx-light)
else
    xmrig_args+=(--randomx-mode=fast)
    rigtop_light=()
fi

scratch=$(mktemp -d)
results="$scratch/results.tsv"   # pair, side, hashrate, init seconds, mode/pages note
xmrig_pid=""
trap '[ -z "$xmrig_pid" ] || kill -INT "$xmrig_pid" 2>/dev/null; rm -rf "$scratch"' EXIT

run_rigtop() {   # pair engine
    local json
    if ! json=$("$rigtop" bench --algo "$rigtop_algo" "${rigtop_light[@]}" --randomx-engine "$2" \
        --threads "$threads" --seconds "$seconds" --json 2>"$scratch/rigtop.err"); then
        echo "rigtop ($2) failed: $(tail -n 3 "$scratch/rigtop.err")" >&2
        printf '%s\t%s\tnan\tnan\tfailed\n' "$1" "$2" >>"$results"
        return
    fi
    python3 -c '
import json, sys
o = json.loads(sys.argv[3])
print(sys.argv[1], sys.argv[2], o["hashrate"], o.get("init_seconds") or "nan", o.get("mode") or "-", sep="\t")
' "$1" "$2" "$json" >>"$results"
}

# Whether an xmrig log holds a whole window yet. awk, not python, because it runs every half
# second beside the miner and must cost it next to nothing.
xmrig_window_done() {   # log
    [ -f "$1" ] && awk -v s="$seconds" '
        / bench / && match($0, /[0-9]+\/[0-9]+ \([0-9.]+s\)/) {
            split(substr($0, RSTART, RLENGTH), f, /[\/ (s)]+/)
            if (!open && f[3] >= 1 && f[1] > 0) { open = 1; t0 = f[3] }
            if (open && f[3] >= t0 + s) { done = 1; exit }
        }
        END { exit !done }' "$1"
}

# The result row of one xmrig run, from its log (exits 1 if the log holds no whole window).
cat >"$scratch/xmrig_log.py" <<'EOF'
import re, sys
log, seconds, pair = sys.argv[1], float(sys.argv[2]), sys.argv[3]
lines = open(log, errors="replace").read().splitlines()
ticks = [(int(m[1]), float(m[2])) for l in lines if (m := re.search(r"\bbench\b.*?(\d+)/\d+ \(([\d.]+)s\)", l))]
opened = [t for t in ticks if t[1] >= 1.0 and t[0] > 0]
first = opened[0]
last = next(t for t in opened if t[1] >= first[1] + seconds)
rate = (last[0] - first[0]) / (last[1] - first[1])
# Init as rigtop counts it: allocating the memory plus building the cache and dataset.
ms = lambda pat: sum(int(m[1]) for l in lines if re.search(pat, l) and (m := re.search(r"\((\d+) ms\)", l)))
init = (ms(r"\ballocated\b|switching to slow mode") + ms(r"dataset ready")) / 1000
pages = next((m[1] for l in lines if (m := re.search(r"allocated.*huge pages\s+(\d+%)", l))), None)
mode = f"full, huge pages {pages}" if pages else "light"
print(pair, "xmrig", rate, init or "nan", mode, sep="\t")
EOF

run_xmrig() {   # pair
    local log="$scratch/xmrig.log" whole=${seconds%.*}
    rm -f "$log"
    # xmrig prints to a terminal or pipe only, never to a file: its log goes to --log-file.
    "$xmrig" "${xmrig_args[@]}" --log-file="$log" >"$scratch/xmrig.out" 2>&1 &
    xmrig_pid=$!
    # The dataset build under load can take minutes; give up on a run that never starts hashing.
    local deadline=$((SECONDS + 900 + ${whole:-0}))
    while kill -0 "$xmrig_pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
        xmrig_window_done "$log" && break
        sleep 0.5
    done
    kill -INT "$xmrig_pid" 2>/dev/null || true
    wait "$xmrig_pid" || true
    xmrig_pid=""
    if ! python3 "$scratch/xmrig_log.py" "$log" "$seconds" "$1" >>"$results" 2>/dev/null; then
        echo "xmrig gave no rate; its last lines:" >&2
        tail -n 8 "$log" "$scratch/xmrig.out" >&2
        printf '%s\txmrig\tnan\tnan\tfailed\n' "$1" >>"$results"
    fi
}

mode=full; [ "$light" = 1 ] && mode=light
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(uname -m), $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) CPUs allowed"
echo "huge pages: HugePages_Total=$hugepages_before (1 GiB pages: $gib_pages), transparent: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo n/a)"
echo "algorithm: $algo $mode, $threads thread(s), ${seconds} s per run, $pairs pair(s), sides: ${sides[*]}"
[ -n "$xmrig" ] && echo "xmrig: $("$xmrig" --version | head -n 1), ${xmrig_args[*]}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for pair in $(seq "$pairs"); do
    order=("${sides[@]}")
    if [ $((pair % 2)) = 0 ]; then
        # Every other pair runs in reverse, so no side is always the one after the warm machine.
        order=(); for ((i = ${#sides[@]} - 1; i >= 0; i--)); do order+=("${sides[i]}"); done
    fi
    for side in "${order[@]}"; do
        echo "pair $pair: $side ..." >&2
        if [ "$side" = xmrig ]; then run_xmrig "$pair"; else run_rigtop "$pair" "$side"; fi
    done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$(hugepages_total)" = "$hugepages_before" ] \
    || echo "warning: HugePages_Total changed during the runs ($hugepages_before -> $(hugepages_total))"
python3 - "$results" "${sides[@]}" <<'EOF'
import math, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
sides = sys.argv[2:]
print()
print(f"{'pair':>4}  {'side':<10} {'H/s':>10} {'init s':>8}  mode")
for pair, side, rate, init, note in rows:
    print(f"{pair:>4}  {side:<10} {float(rate):>10.1f} {float(init):>8.2f}  {note}")
runs = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in rows}
pairs = sorted({r[0] for r in rows}, key=int)
# Each engine against xmrig, and the first rigtop engine against the second.
engines = [s for s in sides if s != "xmrig"]
comparisons = [(e, "xmrig") for e in engines if "xmrig" in sides]
if len(engines) >= 2:
    comparisons.append((engines[0], engines[1]))
print()
for a, b in comparisons:
    for label, i in (("hashrate", 0), ("init time", 1)):
        ratios = [runs[p, a][i] / runs[p, b][i] for p in pairs
                  if (p, a) in runs and (p, b) in runs and runs[p, b][i] > 0
                  and not math.isnan(runs[p, a][i] / runs[p, b][i])]
        shown = " ".join(f"{r:.3f}" for r in ratios)
        median = f"{statistics.median(ratios):.3f}" if ratios else "n/a"
        print(f"{a}/{b} {label}: median {median} over {len(ratios)} pair(s) ({shown})")
EOF

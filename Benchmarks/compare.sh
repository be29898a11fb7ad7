#!/usr/bin/env bash
# Side-by-side speed figures: `rigtop bench` (release build) for each algorithm and thread count,
# and for RandomX the bare C loop over the same librandomx (Benchmarks/randomx_bare.c), run one
# after the other in the same session so the ratios compare like with like. Run it on a quiet
# machine: anything else on the cores is measured too.
#
#   Benchmarks/compare.sh [SECONDS] [REPEAT]      (default 10 s, median of 3)
#   RANDOMX=0 Benchmarks/compare.sh               skip RandomX (its full dataset takes ~1 min to build)
#   ALGOS= Benchmarks/compare.sh 20 1             RandomX only
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
repeat="${2:-3}"
scratch=.build-release
swift build -c release --product rigtop --scratch-path "$scratch" >&2
rigtop="$scratch/release/rigtop"
bare=""
if [ "${RANDOMX:-1}" = 1 ]; then
    bare="$scratch/randomx_bare"
    cc -O2 -o "$bare" Benchmarks/randomx_bare.c -lrandomx -lpthread
fi

# median of the "hashrate" field over $repeat runs of a command printing one JSON object
median() {
    local rates=()
    for _ in $(seq "$repeat"); do
        rates+=("$("$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hashrate"])')")
    done
    printf '%s\n' "${rates[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-8s %-7s %14s %14s %7s\n' algorithm mode threads rigtop "bare C loop" ratio
for algo in ${ALGOS-sha256d scrypt}; do
    for threads in 1 2; do
        rate=$(median "$rigtop" bench --algo "$algo" --threads "$threads" --seconds "$seconds" --json)
        printf '%-10s %-8s %-7s %14.1f %14s %7s\n' "$algo" - "$threads" "$rate" - -
    done
done
if [ -n "$bare" ]; then
    for mode in full light; do
        flag=(); bareflag=()
        [ "$mode" = light ] && flag=(--randomx-light) && bareflag=(--light)
        for threads in 1 2; do
            rate=$(median "$rigtop" bench --algo randomx "${flag[@]}" --threads "$threads" --seconds "$seconds" --json)
            base=$(median "$bare" "$threads" "$seconds" "${bareflag[@]}")
            ratio=$(python3 -c "print(f'{$rate / $base:.3f}')")
            printf '%-10s %-8s %-7s %14.1f %14.1f %7s\n' randomx "$mode" "$threads" "$rate" "$base" "$ratio"
        done
    done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

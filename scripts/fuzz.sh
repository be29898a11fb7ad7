#!/usr/bin/env bash
# `scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-FLAG…]`: explores: runs libFuzzer on one fuzz target
# for SECONDS, or on every target for SECONDS each with TARGET `all`, from a random seed.
# `scripts/fuzz.sh TARGET --runs N [LIBFUZZER-FLAG…]`: repeats: replays the committed seeds
# (Fuzz/Corpus/<Target>/) and every crash ever found (Fuzz/Regressions/<Target>/), then runs
# N mutations from seed 1, with nothing from earlier runs: the same commit gives the same inputs
# on any machine, whatever its speed. The test command runs this; exploring stays here.
# Targets: Stratum Monero Config Theme Sysfs Market API RandomXJIT Ledger Miners (Fuzz/<Target>/, token
# dictionaries in Fuzz/Dictionaries/; any letter case). RandomXJIT is differential: random RandomX
# programs and register files through the x86-64 JIT and the interpreter, any difference a crash.
# Further flags go to libFuzzer: `-fork=1 -ignore_crashes=1` keeps going past a known crash.
#
# The targets are built first, in debug with libFuzzer's coverage and AddressSanitizer, in a
# scratch path of their own (.build-fuzz; Package.swift declares them only under RIGTOP_FUZZ=1), so
# the normal .build is untouched. When exploring, new inputs go to .build-fuzz/corpus/<Target>
# (kept between runs, never the repository); crashes go to .build-fuzz/crashes/ (copy one into
# Fuzz/Regressions/<Target>/ with its fix), each target's log to .build-fuzz/logs/.
# Exit status 1 when any target crashed; 2 on a usage or build error.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(Stratum Monero Config Theme Sysfs Market API RandomXJIT Ledger Miners)
scratch=.build-fuzz

usage() {
    echo "usage: scripts/fuzz.sh all|$(IFS='|'; echo "${targets[*]}") SECONDS|--runs N [LIBFUZZER-FLAG…]" >&2
    exit 2
}
[ $# -ge 2 ] || usage
selected=()
for target in "${targets[@]}"; do
    if [ "${1,,}" = all ] || [ "${1,,}" = "${target,,}" ]; then selected+=("$target"); fi
done
((${#selected[@]})) || usage
runs_wanted=""
seconds=""
if [ "$2" = --runs ]; then
    [ $# -ge 3 ] && [[ "$3" =~ ^[0-9]+$ ]] || usage
    runs_wanted=$3
    shift 3
else
    [[ "$2" =~ ^[0-9]+$ ]] || usage
    seconds=$2
    shift 2
fi

# libFuzzer's coverage and AddressSanitizer. swiftc honours only its last `-sanitize=`, and SwiftPM
# passes one flag per `--sanitize` value, in an order that changes from run to run (and a new
# order rebuilds every module); so SwiftPM is told only `fuzzer` (which also links libFuzzer's
# main), and the compilers get both from one flag each, after SwiftPM's. Swift, the C and C++
# beneath it (toml++, BoringSSL) and the link are all instrumented. nice: fuzzing is background work.
sanitizers=(--sanitize fuzzer -Xswiftc -sanitize=fuzzer,address
            -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address)
for target in "${selected[@]}"; do
    if ! RIGTOP_FUZZ=1 nice -n 10 swift build --scratch-path "$scratch" -c debug "${sanitizers[@]}" \
        --product "Fuzz$target" >"$scratch.build.log" 2>&1; then
        tail -n 40 "$scratch.build.log" >&2
        echo "fuzz: building Fuzz$target failed (whole log: $scratch.build.log)" >&2
        exit 2
    fi
done
rm -f "$scratch.build.log"

mkdir -p "$scratch/corpus" "$scratch/crashes" "$scratch/logs" "$scratch/tmp"
crashed=()
for target in "${selected[@]}"; do
    log="$scratch/logs/$target.log"
    if [ -n "$runs_wanted" ]; then
        # New inputs go to an empty folder that is wiped each time: nothing carries over.
        rm -rf "$scratch/replay/$target"
        mkdir -p "$scratch/replay/$target"
        inputs=("$scratch/replay/$target" "Fuzz/Corpus/$target")
        limit=(-runs="$runs_wanted" -seed=1)
        done_text="replayed seeds and regressions, then $runs_wanted runs from seed 1"
    else
        mkdir -p "$scratch/corpus/$target"
        inputs=("$scratch/corpus/$target" "Fuzz/Corpus/$target")
        limit=(-max_total_time="$seconds")
        done_text="${seconds} s"
    fi
    [ -d "Fuzz/Regressions/$target" ] && inputs+=("Fuzz/Regressions/$target")
    dictionary=()
    # RandomXJIT's full-mode dataset is one 1 MiB tile mapped across 2080 MiB, and every place it is
    # read counts in the RSS, as do the 256 MiB light-mode cache and 2 MiB scratchpads.
    rss_limit=2048
    [ "$target" = RandomXJIT ] && rss_limit=4096
    case $target in
        Stratum | Monero | Market | API | Miners) dictionary=(-dict=Fuzz/Dictionaries/json.dict) ;;
        Config) dictionary=(-dict=Fuzz/Dictionaries/toml.dict) ;;
        Sysfs) dictionary=(-dict=Fuzz/Dictionaries/sysfs.dict) ;;
    esac
    # Swift's backtracer would stall a crashing run; libFuzzer and ASan print the stack instead.
    status=0
    # Leaks are not crashes here: TOMLKit leaks a few bytes per parse (strdup'd keys), which
    # AddressSanitizer's exit-time leak check would report as a failure of the Config target.
    ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no TMPDIR="$PWD/$scratch/tmp" nice -n 10 "$scratch/debug/Fuzz$target" \
        "${inputs[@]}" "${limit[@]}" -rss_limit_mb="$rss_limit" -timeout=10 -print_final_stats=1 -detect_leaks=0 \
        -artifact_prefix="$scratch/crashes/$target-" "${dictionary[@]}" "$@" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    if [ "$status" -eq 0 ]; then
        echo "fuzz $target: ${done_text}, ${runs:-?} runs (${speed:-?}/s), ${coverage:-cov: ?}: no crash"
    else
        crashed+=("$target")
        grep -m 3 -E 'Fatal error|failed|Assertion|ERROR: AddressSanitizer' "$log" >&2 || true
        tail -n 40 "$log" >&2
        artifact=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tail -n 1)
        echo "fuzz $target: CRASH (exit $status) after ${runs:-?} runs; input: ${artifact:-see $log}" >&2
        [ -n "$artifact" ] && echo "  reproduce: SWIFT_BACKTRACE=enable=no $scratch/debug/Fuzz$target $artifact" >&2
    fi
done
if ((${#crashed[@]})); then
    echo "fuzz: crashes in ${crashed[*]} (inputs in $scratch/crashes/)" >&2
    exit 1
fi

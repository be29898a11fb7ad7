#!/usr/bin/env python3
"""What the dashboard costs the miners, measured (issue: "≤ 1 % of a core at 1 Hz", "hashrate with
the dashboard up within 1 % of rigtop bench").

Runs the release `rigtop` dashboard in a detached tmux window for WARMUP + WINDOW seconds, reads
every thread's CPU time from /proc at both ends of the window, and the 60 s hashrate off the
screen; then runs `rigtop bench` for the same algorithm, threads and seconds. Prints one JSON
object. Build first (Benchmarks/compare.sh does, or `swift build -c release --product rigtop
--scratch-path .build-release`).

    Benchmarks/dashboard_cost.py [--coin BTC] [--threads 2] [--window 60] [--warmup 20]
"""
import argparse, json, os, re, subprocess, sys, time

UNITS = {"H/s": 1, "kH/s": 1e3, "MH/s": 1e6, "GH/s": 1e9}
ALGO = {"BTC": "sha256d", "BCH": "sha256d", "LTC": "scrypt", "DOGE": "scrypt", "XMR": "randomx"}


def thread_times(pid):
    """CPU seconds per thread name: miners apart from everything else."""
    ticks = os.sysconf("SC_CLK_TCK")
    times = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        times[f"{name}/{tid}"] = (int(fields[11]) + int(fields[12])) / ticks
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coin", default="BTC")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--window", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=20)
    parser.add_argument("--rigtop", default=".build-release/release/rigtop")
    args = parser.parse_args()
    session = f"rigtop-cost-{os.getpid()}"
    command = f"LANG=C.UTF-8 {args.rigtop} --no-ledger --coin {args.coin} --threads {args.threads}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)
    try:
        time.sleep(2)
        pane = subprocess.run(["tmux", "display-message", "-p", "-t", session, "#{pane_pid}"],
                              capture_output=True, text=True, check=True).stdout.strip()
        # The pane runs rigtop directly (tmux execs a lone command) or through a shell.
        pid = int(pane)
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
        if children:
            pid = int(children[0])
        time.sleep(args.warmup)
        before = thread_times(pid)
        start = time.monotonic()
        time.sleep(args.window)
        after = thread_times(pid)
        elapsed = time.monotonic() - start
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session])
    used = {name: after[name] - before.get(name, 0) for name in after}
    miners = sum(v for k, v in used.items() if k.startswith("rigtop-miner"))
    others = {k: round(v, 3) for k, v in used.items() if not k.startswith("rigtop-miner") and v > 0}
    match = re.search(r"60s\s+([\d.]+)\s+([kMG]?H/s)", screen)
    if not match:
        sys.exit("no 60 s hashrate on the screen:\n" + screen)
    dashboard_rate = float(match.group(1)) * UNITS[match.group(2)]
    bench = json.loads(subprocess.run(
        [args.rigtop, "bench", "--algo", ALGO[args.coin.upper()], "--threads", str(args.threads),
         "--seconds", str(args.window), "--json"], capture_output=True, text=True, check=True).stdout)
    print(json.dumps({
        "coin": args.coin, "threads": args.threads, "window_seconds": round(elapsed, 1),
        "miner_cpu_seconds": round(miners, 2),
        "other_threads_cpu_seconds": round(sum(others.values()), 3),
        "other_threads_percent_of_a_core": round(100 * sum(others.values()) / elapsed, 2),
        "other_threads": others,
        "dashboard_60s_hashrate": dashboard_rate, "bench_hashrate": round(bench["hashrate"], 1),
        "ratio": round(dashboard_rate / bench["hashrate"], 4),
        "load_average": open("/proc/loadavg").read().split()[:3],
    }, indent=2))


if __name__ == "__main__":
    main()

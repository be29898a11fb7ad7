#!/usr/bin/env python3
"""OpenMetrics for N rigtop rigs over the last MINUTES minutes, one sample per 15 s, as
Prometheus would have scraped them from `rigtop mine --api` (the series `rigtop farm` reads, with
rigtop's names and labels), for `promtool tsdb create-blocks-from openmetrics`.

    farm_openmetrics.py RIGS MINUTES END_UNIX_SECONDS > farm.om

Every tenth rig mines BTC (sha256d), the others LTC (scrypt); one rig in fifty is down for the
last ten minutes (up 0, no rigtop series), one in forty throttles, one in a hundred is paused.
One row in five is not a rigtop rig but an ASIC that `rigtop exporter` reads (as `rigtop exporter
--miner cgminer://…` exposes it: `rigtop_miner_up`, `rigtop_info`, rates, shares, pool and board
temperatures with `miner` and `kind` labels), ten to an exporter; one of those in ten is down for
the last ten minutes (`rigtop_miner_up 0` alone). Figures vary with a fixed seed so that runs
compare.
"""
import random
import sys

rigs, minutes, end = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
step = 15
times = list(range(end - minutes * 60, end + 1, step))
random.seed(13)


def is_miner(i):
    return i % 5 == 4


def exporter_labels(e):
    return f'instance="exporter{e:02d}.farm.example:9090",job="rigtop-exporter"'


def rig_labels(i):
    if is_miner(i):
        return f'{exporter_labels(i // 50)},miner="asic-{i:04d}",kind="cgminer"'
    return f'instance="rig{i:04d}.farm.example:60080",job="rigtop"'


def coin(i):
    return ("BTC", "sha256d") if i % 10 == 0 else ("LTC", "scrypt")


def is_down(i, t):
    return (i % 50 == 7 or i % 50 == 9) and t > end - 600


base = [random.uniform(0.5, 2.0) for _ in range(rigs)]
out = sys.stdout


def family(name, kind, series, rows=lambda i: not is_miner(i)):
    """series: list of (labels, function(i, t) -> value or None) for every row `rows` takes
    (by default the rigtop rigs)."""
    out.write(f"# TYPE {name} {kind}\n")
    sample = name + ("_total" if kind == "counter" else "")
    for i in range(rigs):
        if not rows(i):
            continue
        for labels, value in series:
            head = f"{sample}{{{rig_labels(i)}{',' if labels else ''}{labels}}}"
            for t in times:
                v = value(i, t)
                if v is not None:
                    out.write(f"{head} {v} {t}\n")


def alive(fn):
    return lambda i, t: None if is_down(i, t) else fn(i, t)


def up_family():
    """`up` of every target: each rigtop rig, and each exporter (always scraped: its miners' reads
    are what fails)."""
    family("up", "gauge", [("", lambda i, t: 0 if is_down(i, t) else 1)])
    for e in sorted({i // 50 for i in range(rigs) if is_miner(i)}):
        for t in times:
            out.write(f"up{{{exporter_labels(e)}}} 1 {t}\n")


up_family()


def info_family():
    out.write("# TYPE rigtop_info gauge\n")
    for i in range(rigs):
        symbol, algorithm = coin(i)
        if is_miner(i):
            head = f'rigtop_info{{{rig_labels(i)},algorithm="sha256d",version="cgminer 4.11.1",worker="asic{i:04d}"}}'
        else:
            head = (f'rigtop_info{{{rig_labels(i)},coin="{symbol}",algorithm="{algorithm}",kernel="avx2",'
                    f'version="0.9.0",worker="rig{i:04d}"}}')
        for t in times:
            if not is_down(i, t):
                out.write(f"{head} 1 {t}\n")


def rate(i, t, jitter=0.05):
    scale = 1.0e14 if is_miner(i) else 2.0e7 if coin(i)[0] == "BTC" else 1.5e4
    return round(base[i] * scale * random.uniform(1 - jitter, 1 + jitter), 1)


every_row = lambda i: True  # noqa: E731
info_family()
family("rigtop_miner_up", "gauge", [("", lambda i, t: 0 if is_down(i, t) else 1)], rows=is_miner)
family("rigtop_hashrate_hashes_per_second", "gauge",
       [(f'window="{w}"', alive(lambda i, t: rate(i, t))) for w in ("10s", "60s", "15m")], rows=every_row)
family("rigtop_shares", "counter",
       [('result="accepted"', alive(lambda i, t: (t - times[0]) // 20 + i % 3)),
        ('result="rejected"', alive(lambda i, t: (t - times[0]) // 900)),
        ('result="stale"', alive(lambda i, t: 0)),
        ('result="hardware_error"', alive(lambda i, t: 0))], rows=every_row)
family("rigtop_paused", "gauge", [("", alive(lambda i, t: 1 if i % 100 == 3 else 0))], rows=every_row)
family("rigtop_temperature_celsius", "gauge",
       [(f'chip="chain{c}",sensor="board"', alive(lambda i, t, c=c: round(60 + 3 * c + 5 * base[i], 1))) for c in range(3)],
       rows=is_miner)
family("rigtop_thermal_guard_stopped", "gauge", [("", alive(lambda i, t: 0))])
family("rigtop_throttling", "gauge", [("", alive(lambda i, t: 1 if i % 40 == 5 else 0))])
family("rigtop_pool_up", "gauge", [('pool="stratum+tcp://pool.example:3333"', alive(lambda i, t: 1))], rows=every_row)
family("rigtop_cpu_temperature_celsius", "gauge", [("", alive(lambda i, t: round(55 + 25 * base[i] / 2, 1)))])
family("rigtop_temperature_limit_celsius", "gauge", [("", alive(lambda i, t: 85))])
family("rigtop_temperature_critical_celsius", "gauge", [("", alive(lambda i, t: 95))])
family("rigtop_mining_power_watts", "gauge", [('measured="true"', alive(lambda i, t: round(40 + 60 * base[i] / 2, 1)))])
family("rigtop_earnings_net_per_day", "gauge", [('currency="USD"', alive(lambda i, t: round(-0.2 * base[i], 4)))])
family("rigtop_threads", "gauge", [("", alive(lambda i, t: 8))])
out.write("# EOF\n")

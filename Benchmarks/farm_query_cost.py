#!/usr/bin/env python3
"""Prometheus' own CPU time (utime + stime from /proc/PID/stat) per PromQL query, one query at a
time, averaged over N runs: what each of the farm's queries costs the server, against the
Prometheus that Benchmarks/farm_refresh.sh starts (or any other on loopback).

    farm_query_cost.py PROMETHEUS_PID PORT EVAL_TIME N 'label|KIND|promql' ...

KIND is `i` for an instant query at EVAL_TIME, or a number of seconds for a range query ending at
EVAL_TIME's 30 s grid step, one point per 30 s (0: one step). CPU ticks are 10 ms: use N >= 10.
"""
import os
import sys
import time
import urllib.parse
import urllib.request

pid, port, at, n = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
tick_ms = 1000 / os.sysconf("SC_CLK_TCK")


def cpu_ms():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * tick_ms


for spec in sys.argv[5:]:
    label, kind, query = spec.split("|", 2)
    if kind == "i":
        url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": query, "time": at})
    else:
        end = at // 30 * 30
        url = f"http://127.0.0.1:{port}/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": query, "start": end - float(kind), "end": end, "step": 30})
    urllib.request.urlopen(url).read()
    before, started, size = cpu_ms(), time.time(), 0
    for _ in range(n):
        size = len(urllib.request.urlopen(url).read())
    print(f"{label:32s} cpu {(cpu_ms() - before) / n:7.1f} ms  wall {(time.time() - started) * 1000 / n:7.1f} ms  {size / 1024:6.0f} KiB")

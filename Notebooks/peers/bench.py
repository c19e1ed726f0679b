#!/usr/bin/env python3
"""Side-by-side M/M/c benchmark: ketensim against SimPy, Ciw and plain-Python heapq.

    python3 Notebooks/peers/bench.py --ketensim .build/release/ketensim [--customers 1000000]

All tools run the same model (M/M/5, rho 0.9, mu 1, run until every customer has left)
one after the other in this one invocation, so the ratios compare like with like on the
same machine at the same time. ketensim runs `--repeats` times (median kept); each peer
once, as it takes seconds to minutes. Ratios are peer wall time / ketensim wall time.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_peer(script, customers, seed):
    out = subprocess.run([sys.executable, os.path.join(HERE, script), "-n", str(customers), "--seed", str(seed)],
                         capture_output=True, text=True, check=True).stdout
    wall = float(re.search(r"wall_s=([0-9.]+)", out).group(1))
    wait = float(re.search(r"mean_wait_after_warmup=([0-9.]+)", out).group(1))
    version = re.search(r"version=(\S+)", out).group(1)
    return {"wall_seconds": wall, "mean_wait": wait, "version": version}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ketensim", required=True, help="path to the ketensim binary (release build)")
    p.add_argument("--customers", type=int, default=1_000_000)
    p.add_argument("--repeats", type=int, default=5, help="ketensim runs; the median wall time is kept")
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--peers", default="simpy,ciw,heapq", help="comma-separated: simpy, ciw, heapq")
    a = p.parse_args()

    runs = []
    for _ in range(a.repeats):
        out = subprocess.run([a.ketensim, "bench", "mmc", "--customers", str(a.customers), "--seed", str(a.seed), "--json"],
                             capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out))
    k_wall = statistics.median(r["wall_seconds"] for r in runs)
    k = runs[0]
    rows = [("ketensim", "0.1.0", k_wall, k["mean_wait"], a.customers * 2 / k_wall, 1.0)]
    scripts = {"simpy": "mmc_simpy.py", "ciw": "mmc_ciw.py", "heapq": "mmc_heapq.py"}
    for name in [s for s in a.peers.split(",") if s]:
        r = run_peer(scripts[name], a.customers, a.seed)
        rows.append((name, r["version"], r["wall_seconds"], r["mean_wait"], a.customers * 2 / r["wall_seconds"],
                     r["wall_seconds"] / k_wall))

    print(f"M/M/5, rho 0.9, {a.customers:,} customers (Erlang C Wq = {k['erlang_c_wait']:.6f}); "
          f"ketensim median of {a.repeats} runs")
    print(f"{'tool':<10} {'version':<8} {'wall s':>9} {'mean wait':>10} {'events/s':>14} {'× ketensim':>11}")
    for name, version, wall, wait, eps, ratio in rows:
        print(f"{name:<10} {version:<8} {wall:>9.3f} {wait:>10.4f} {eps:>14,.0f} {ratio:>11.1f}")


if __name__ == "__main__":
    main()

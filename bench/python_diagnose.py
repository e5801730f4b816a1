#!/usr/bin/env python3
"""What `twerr.diagnose` costs on a small body, against `json.loads` of the same body and
a subprocess call of the CLI (`twerr --json`), as medians of interleaved runs.

Usage: python3 bench/python_diagnose.py [ROUNDS]   (with the wheel installed, or with
PYTHONPATH=python and TWERR_BINARY=target/release/twerr from the project root)
"""
import json
import statistics
import subprocess
import sys
import time

import twerr

BODY = '{"errors":[{"code":187,"message":"Status is a duplicate."}]}'
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 200


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


cases = {
    "twerr.diagnose": lambda: twerr.diagnose(BODY),
    "json.loads": lambda: json.loads(BODY),
    "subprocess twerr --json": lambda: subprocess.run(
        [twerr.binary(), "--json", "-"], input=BODY.encode(), capture_output=True, check=False
    ),
}
samples = {name: [] for name in cases}
for _ in range(ROUNDS):
    for name, fn in cases.items():
        samples[name].append(timed(fn))
medians = {name: statistics.median(s) for name, s in samples.items()}
base = medians["twerr.diagnose"]
print(f"{ROUNDS} rounds, interleaved; medians")
for name, m in medians.items():
    print(f"{name:26} {m * 1e6:10.1f} us   diagnose / this: {base / m:8.2f}x")

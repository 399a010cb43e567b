#!/usr/bin/env python3
"""Instructions per call, counted by callgrind (deterministic, unlike wall
time on a shared 2-core machine), for hostgen (a), hand-written func_wrap (b),
wasmtime's bindgen! (c) and hostgen with `catch_panics: false` (d), side by
side, with ratios.

Each figure is (instructions at 2N calls - instructions at N calls) / N, so
start-up and instantiation cancel out.

Usage: python3 benches/count.py [N]   (builds `count` in release first)
"""

import os
import re
import subprocess
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
CASES = [("0", "import: no arguments"), ("1", "import: four u32"), ("2", "import: 32-byte string in and out"),
         ("3", "import: 4 KiB list<u8>"), ("4", "import: record of five fields"),
         ("5", "import: resource method"), ("add", "export: add(u32, u32)"),
         ("echo", "export: 32-byte string in and out")]

subprocess.run(["cargo", "build", "--release", "-q", "-p", "hostgen-benches", "--bin", "count"], cwd=REPO, check=True)
BIN = os.path.join(REPO, "target", "release", "count")


def instructions(which, case, n):
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", BIN, which, case, str(n)],
        capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


print("instructions per call (callgrind), N = %d" % N)
print("%-36s %10s %10s %10s %10s %7s %7s %7s %7s" % (
    "case", "a hostgen", "b by hand", "c wasmtime", "d no-catch", "a/b", "a/c", "d/b", "d/c"))
for case, label in CASES:
    per = {}
    # Export calls do not go through the linker: `d` is `a` there.
    for which in "abcd" if case.isdigit() else "abc":
        per[which] = (instructions(which, case, 2 * N) - instructions(which, case, N)) / N
    per.setdefault("d", per["a"])
    print("%-36s %10.0f %10.0f %10.0f %10.0f %7.3f %7.3f %7.3f %7.3f" % (
        label, per["a"], per["b"], per["c"], per["d"],
        per["a"] / per["b"], per["a"] / per["c"], per["d"] / per["b"], per["d"] / per["c"]))

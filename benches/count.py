#!/usr/bin/env python3
"""Instructions per call, counted by callgrind (deterministic, unlike wall
time on a shared 2-core machine), for hostgen (a), hand-written func_wrap (b),
wasmtime's bindgen! (c) and hostgen with `catch_panics: false` (d), side by
side, with ratios.

Each figure is (instructions at 2N calls - instructions at N calls) / N, so
start-up and instantiation cancel out.

Then the same for async imports: hostgen with a static host (e), with
`Box<dyn DynHost>` (f), hand-written func_wrap_async (g), wasmtime's bindgen!
(h), hostgen with `catch_panics: false` (i), hand-written func_wrap_async
catching panics per poll as hostgen does (s).

Then composed hosts (`delegate:` and `either: true` bindings): sync n plain
host, j `hostgen::Delegate` forwarding every call, k the same forwarding by
hand, l `hostgen::Either`, m `&mut dyn Host`; async o plain host, p
`hostgen::Delegate`, q `hostgen::Either`, r `Box<dyn DynHost>`.

`allocs` prints heap allocations per call instead (a counting global
allocator in `count`; run natively, no valgrind), for every letter above.

Usage: python3 benches/count.py [N] [sync|async|compose|allocs]   (builds `count` in release first)
"""

import os
import re
import subprocess
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
# `sync` or `async` runs one table only.
ONLY = sys.argv[2] if len(sys.argv) > 2 else None
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
CASES = [("0", "import: no arguments"), ("1", "import: four u32"), ("2", "import: 32-byte string in and out"),
         ("3", "import: 4 KiB list<u8>"), ("4", "import: record of five fields"),
         ("5", "import: resource method"), ("add", "export: add(u32, u32)"),
         ("echo", "export: 32-byte string in and out")]

subprocess.run(["cargo", "build", "--release", "-q", "-p", "hostgen-benches", "--bin", "count"], cwd=REPO, check=True)
BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target")), "release", "count")


def instructions(which, case, n):
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", BIN, which, case, str(n)],
        capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def allocations(which, case, n):
    out = subprocess.run([BIN, which, case, str(n)], capture_output=True, text=True, check=True)
    return int(re.search(r"allocations: (\d+)", out.stderr).group(1))


if ONLY == "allocs":
    PATHS = "abcdefghijklmnopqrs"
    print("heap allocations per call (counting allocator), N = %d" % N)
    print("sync: a hostgen, b by hand, c wasmtime, d hostgen no-catch;")
    print("async: e hostgen, f Box<dyn DynHost>, g by hand, h wasmtime, i hostgen no-catch,")
    print("       s by hand catching panics;")
    print("composed: j..m sync (Delegate, by hand, Either, &mut dyn), n plain;")
    print("          o..r async (plain, Delegate, Either, Box<dyn DynHost>)")
    print("%-36s " % "case" + " ".join("%5s" % w for w in PATHS))
    for case, label in CASES:
        if not case.isdigit():
            continue
        row = []
        for w in PATHS:
            per = (allocations(w, case, 2 * N) - allocations(w, case, N)) / N
            row.append("%5.2f" % per)
        print("%-36s " % label + " ".join(row))
    sys.exit(0)

if ONLY in ("async", "compose"):
    CASES_SYNC = []
else:
    CASES_SYNC = CASES
print("instructions per call (callgrind), N = %d" % N)
print("%-36s %10s %10s %10s %10s %7s %7s %7s %7s" % (
    "case", "a hostgen", "b by hand", "c wasmtime", "d no-catch", "a/b", "a/c", "d/b", "d/c"))
for case, label in CASES_SYNC:
    per = {}
    # Export calls do not go through the linker: `d` is `a` there.
    for which in "abcd" if case.isdigit() else "abc":
        per[which] = (instructions(which, case, 2 * N) - instructions(which, case, N)) / N
    per.setdefault("d", per["a"])
    print("%-36s %10.0f %10.0f %10.0f %10.0f %7.3f %7.3f %7.3f %7.3f" % (
        label, per["a"], per["b"], per["c"], per["d"],
        per["a"] / per["b"], per["a"] / per["c"], per["d"] / per["b"], per["d"] / per["c"]))

if ONLY == "sync":
    sys.exit(0)
if ONLY == "compose":
    CASES_ASYNC = []
else:
    CASES_ASYNC = CASES
print()
print("async imports, instructions per call (callgrind), N = %d" % N)
print("e hostgen static host, f hostgen Box<dyn DynHost>, g hand-written func_wrap_async,")
print("h wasmtime bindgen!, i hostgen static host with catch_panics: false,")
print("s hand-written func_wrap_async catching panics per poll")
print("%-36s %9s %9s %9s %9s %9s %9s %6s %6s %6s %6s %6s %6s" % (
    "case", "e static", "f dyn", "g by hand", "s catching", "h wasmtime", "i nocatch",
    "e/s", "e/g", "e/h", "i/g", "i/h", "f/e"))
for case, label in CASES_ASYNC:
    if not case.isdigit():
        continue
    per = {w: (instructions(w, case, 2 * N) - instructions(w, case, N)) / N for w in "efghis"}
    print("%-36s %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f" % (
        label, per["e"], per["f"], per["g"], per["s"], per["h"], per["i"],
        per["e"] / per["s"], per["e"] / per["g"], per["e"] / per["h"], per["i"] / per["g"],
        per["i"] / per["h"], per["f"] / per["e"]))

if ONLY not in (None, "compose"):
    sys.exit(0)
print()
print("composed hosts, instructions per call (callgrind), N = %d" % N)
print("sync: n plain host, j Delegate forwarding all, k forwarding by hand, l Either, m &mut dyn Host")
print("%-36s %8s %8s %8s %8s %8s %6s %6s %6s %6s" % (
    "case", "n plain", "j deleg", "k hand", "l either", "m dyn", "j/k", "j/n", "l/n", "m/n"))
for case, label in CASES:
    if not case.isdigit():
        continue
    per = {w: (instructions(w, case, 2 * N) - instructions(w, case, N)) / N for w in "njklm"}
    print("%-36s %8.0f %8.0f %8.0f %8.0f %8.0f %6.3f %6.3f %6.3f %6.3f" % (
        label, per["n"], per["j"], per["k"], per["l"], per["m"],
        per["j"] / per["k"], per["j"] / per["n"], per["l"] / per["n"], per["m"] / per["n"]))
print()
print("async: o plain host, p Delegate forwarding all, q Either, r Box<dyn DynHost>")
print("%-36s %8s %8s %8s %8s %6s %6s %6s %6s" % (
    "case", "o plain", "p deleg", "q either", "r dyn", "p/o", "q/o", "r/o", "q/r"))
for case, label in CASES:
    if not case.isdigit():
        continue
    per = {w: (instructions(w, case, 2 * N) - instructions(w, case, N)) / N for w in "opqr"}
    print("%-36s %8.0f %8.0f %8.0f %8.0f %6.3f %6.3f %6.3f %6.3f" % (
        label, per["o"], per["p"], per["q"], per["r"],
        per["p"] / per["o"], per["q"] / per["o"], per["r"] / per["o"], per["q"] / per["r"]))

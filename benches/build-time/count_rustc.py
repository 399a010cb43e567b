#!/usr/bin/env python3
"""RUSTC_WRAPPER for `run.py --instructions`: runs the rustc that checks a
measured crate (`--crate-name bt_*`) under valgrind's cachegrind without
cache simulation and writes the instructions it executed to the file named
by $BT_INSTRUCTIONS; every other rustc (dependencies, cargo's probes) runs
as is. Instruction counts do not move with the machine's load, where wall
time on a shared 2-core VM moves by up to 0.3 s per figure."""

import os
import re
import subprocess
import sys

rustc, args = sys.argv[1], sys.argv[2:]
name = args[args.index("--crate-name") + 1] if "--crate-name" in args else ""
if not name.startswith("bt_"):
    os.execvp(rustc, [rustc] + args)
p = subprocess.run(
    ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", rustc] + args,
    stderr=subprocess.PIPE, text=True, close_fds=False)  # keep cargo's jobserver
# rustc's own diagnostics pass through; valgrind's lines start with
# `==pid==` or `--pid--`.
sys.stderr.write("".join(l for l in p.stderr.splitlines(True) if not re.match(r"(==|--)\d+(==|--)", l)))
m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
if m and "BT_INSTRUCTIONS" in os.environ:
    with open(os.environ["BT_INSTRUCTIONS"], "w") as f:
        f.write(m.group(1).replace(",", ""))
sys.exit(p.returncode)

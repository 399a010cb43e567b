#!/usr/bin/env python3
"""Build-time comparison: hostgen::bindgen! against wasmtime::component::bindgen!
over the same WIT (wasi:cli/command and wasi:http/proxy as shipped in
wasmtime-wasi / wasmtime-wasi-http), dependencies already compiled.

Makes three throwaway crates under target/build-time/ (hostgen, wasmtime, and
a baseline with no macro call), all sharing one target dir and the
workspace's Cargo.lock, then times `cargo check` and `cargo build` of each
after touching its lib.rs, RUNS times, and prints medians and ratios. Also
counts the lines of each macro's expansion after rustfmt (hostgen's
`stringify` output, wasmtime's WASMTIME_DEBUG_BINDGEN file).

Usage: python3 benches/build-time/run.py [RUNS]
"""

import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = os.path.join(REPO, "target", "build-time")
TARGET = os.path.join(REPO, "target")  # shared: dependencies compile once


def locked_version(name):
    lock = open(os.path.join(REPO, "Cargo.lock")).read()
    m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(name), lock)
    return m.group(1)


def crate_src(name):
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    pattern = os.path.join(home, "registry", "src", "*", "%s-%s" % (name, locked_version(name)))
    found = glob.glob(pattern)
    if not found:
        sys.exit("the source of %s is not in the cargo registry; run `cargo fetch` first" % name)
    return found[0]


WASI = os.path.join(crate_src("wasmtime-wasi"), "src", "p2", "wit")
HTTP = os.path.join(crate_src("wasmtime-wasi-http"), "wit")
WORLDS = [("cli", WASI, "wasi:cli/command"), ("http", HTTP, "wasi:http/proxy")]

WASMTIME_DEP = (
    'wasmtime = { version = "=%s", default-features = false, features = '
    '["runtime", "cranelift", "component-model", "wat", "std", "parallel-compilation"] }'
    % locked_version("wasmtime")
)


def make_crate(name, body, extra_deps=""):
    d = os.path.join(WORK, name)
    os.makedirs(os.path.join(d, "src"), exist_ok=True)
    with open(os.path.join(d, "Cargo.toml"), "w") as f:
        f.write(
            '[package]\nname = "bt-%s"\nversion = "0.0.0"\nedition = "2024"\n\n[workspace]\n\n'
            "[dependencies]\n%s\n%s\n" % (name, WASMTIME_DEP, extra_deps)
        )
    with open(os.path.join(d, "src", "lib.rs"), "w") as f:
        f.write("#![allow(dead_code)]\n" + body)
    shutil.copy(os.path.join(REPO, "Cargo.lock"), os.path.join(d, "Cargo.lock"))
    shutil.copy(os.path.join(REPO, "rust-toolchain.toml"), os.path.join(d, "rust-toolchain.toml"))
    return d


def cargo(d, *args, env=None):
    e = dict(os.environ, CARGO_TARGET_DIR=TARGET, **(env or {}))
    r = subprocess.run(["cargo", *args, "--offline", "-q"], cwd=d, env=e, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("cargo %s failed in %s:\n%s" % (" ".join(args), d, r.stderr))


def timed(d, cmd):
    samples = []
    for _ in range(RUNS):
        os.utime(os.path.join(d, "src", "lib.rs"))
        t = time.perf_counter()
        cargo(d, cmd)
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def invocations(macro):
    """One `macro!({ path, world })` module per world."""
    return "".join(
        "pub mod %s { %s!({ path: \"%s\", world: \"%s\" }); }\n" % (m, macro, p, w)
        for m, p, w in WORLDS
    )


def main():
    runtime_dep = 'hostgen = { path = "%s" }' % os.path.join(REPO, "runtime")
    hg = make_crate("hostgen", invocations("hostgen::bindgen"), runtime_dep)
    wt = make_crate("wasmtime", invocations("wasmtime::component::bindgen"))
    base = make_crate("baseline", "pub fn nothing() {}\n", runtime_dep)

    for d in (hg, wt, base):  # compile dependencies once
        cargo(d, "build")
        cargo(d, "check")

    results = {}
    for name, d in (("hostgen", hg), ("wasmtime bindgen!", wt), ("baseline (no macro)", base)):
        results[name] = (timed(d, "check"), timed(d, "build"))

    # Expansion size.
    sizes = {}
    strs = make_crate(
        "stringify",
        "".join(
            'pub const %s: &str = hostgen::bindgen!({ path: %r, world: %r, stringify: true });\n'
            % (m.upper(), p, w)
            for m, p, w in WORLDS
        ).replace("'", '"')
        + 'pub fn lines() -> usize { CLI.lines().count() + HTTP.lines().count() }\n',
        runtime_dep,
    )
    # Both expansions are counted after rustfmt, so the formatter is the same.
    with open(os.path.join(strs, "src", "main.rs"), "w") as f:
        f.write('fn main() { std::fs::write(std::env::args().nth(1).unwrap(), '
                'format!("{}\\n{}", bt_stringify::CLI, bt_stringify::HTTP)).unwrap(); }\n')
    e = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    expansion = os.path.join(WORK, "hostgen-expansion.rs")
    subprocess.run(["cargo", "run", "--offline", "-q", "--", expansion], cwd=strs, env=e, check=True)
    subprocess.run(["rustfmt", "--edition", "2021", expansion], check=True)
    sizes["hostgen"] = len(open(expansion).read().splitlines())
    for f in glob.glob(os.path.join(TARGET, "debug", "build", "wasmtime-internal-component-macro-*", "out", "*.rs")):
        os.remove(f)
    os.utime(os.path.join(wt, "src", "lib.rs"))
    cargo(wt, "check", env={"WASMTIME_DEBUG_BINDGEN": "1"})
    files = glob.glob(os.path.join(TARGET, "debug", "build", "wasmtime-internal-component-macro-*", "out", "*.rs"))
    sizes["wasmtime bindgen!"] = sum(len(open(f).read().splitlines()) for f in files)

    print("runs per figure: %d (median)" % RUNS)
    print("%-22s %12s %12s %16s" % ("", "check (s)", "build (s)", "expansion lines"))
    for name, (c, b) in results.items():
        print("%-22s %12.2f %12.2f %16s" % (name, c, b, sizes.get(name, "-")))
    hc, hb = results["hostgen"]
    wc, wb = results["wasmtime bindgen!"]
    bc, bb = results["baseline (no macro)"]
    print("ratio hostgen / wasmtime: check %.2f, build %.2f, expansion %.2f"
          % (hc / wc, hb / wb, sizes["hostgen"] / sizes["wasmtime bindgen!"]))
    print("over baseline: check %.2f / %.2f s, build %.2f / %.2f s (hostgen / wasmtime)"
          % (hc - bc, wc - bc, hb - bb, wb - bb))


main()

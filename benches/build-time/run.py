#!/usr/bin/env python3
"""Build cost of generated bindings: hostgen::bindgen! against
wasmtime::component::bindgen! over the same WIT, one world per crate, in
one run, on each wasmtime major asked for.

Rows: wasi:cli/command and wasi:http/proxy (the WIT shipped in that
wasmtime's wasmtime-wasi / wasmtime-wasi-http), each with the default
options, with every import and export async, and with `store` imports; plus
an empty world, the baseline every row is measured over.

Setup, as an embedder writes it: a throwaway workspace per wasmtime major
under target/build-time/wN/, one crate per (row, macro), each depending on
`wasmtime = "=N"` with its default features and on hostgen with
`wasmtime-N` and `component-model-async`. Dependencies are checked once
first. Then, RUNS times, for every row in turn: touch the hostgen crate's
lib.rs and `cargo check` it, touch the wasmtime crate's and check it
(paired, so both see the same machine state). CARGO_INCREMENTAL=0.

Each figure is the median over RUNS of the wall time of `cargo check -p
<crate>` and the peak resident memory of the rustc it runs (rusage of the
waited-for process tree). The ratio is hostgen over wasmtime of the time
above the empty world of the same macro.

wasmtime 48 runs on the pinned toolchain, 49 and 50 on `+nightly`.

Usage: python3 benches/build-time/run.py [RUNS] [48 50 ...]   (default: 5, 48 50)
       --setup minimal    wasmtime with only the features hostgen needs
       --setup together   both WASI worlds in one crate (the old layout)
       --instructions     instead of wall time, the instructions rustc
                          executes checking each crate (cachegrind, through
                          count_rustc.py as RUSTC_WRAPPER; one run per crate,
                          deterministic; ~40 s per crate)
"""

import glob
import os
import re
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FULL_VERSION = {"48": "48.0.8", "49": "49.0.5", "50": "50.0.1"}
TOOLCHAIN = {"48": None, "49": "+nightly", "50": "+nightly"}

VARIANTS = [
    ("default", ""),
    ("async", "imports: { default: async }, exports: { default: async },"),
    ("store", "imports: { default: store },"),
]

MINIMAL_FEATURES = '"runtime", "component-model", "std", "async", "component-model-async"'


def registry_src(name, version):
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    found = glob.glob(os.path.join(home, "registry", "src", "*", "%s-%s" % (name, version)))
    return found[0] if found else None


def wit_dirs(version):
    """wasi:cli's and wasi:http's WIT as that wasmtime ships them, fetching
    the two crates' sources into the registry if they are not there."""
    full = FULL_VERSION[version]
    if not registry_src("wasmtime-wasi-http", full):
        d = os.path.join(REPO, "target", "build-time", "fetch-%s" % version)
        os.makedirs(os.path.join(d, "src"), exist_ok=True)
        with open(os.path.join(d, "Cargo.toml"), "w") as f:
            f.write('[package]\nname = "bt-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n'
                    '[workspace]\n\n[dependencies]\nwasmtime-wasi-http = "=%s"\n' % full)
        open(os.path.join(d, "src", "lib.rs"), "w").close()
        subprocess.run(cargo_cmd(version, "fetch"), cwd=d, check=True)
    wasi = os.path.join(registry_src("wasmtime-wasi", full), "src", "p2", "wit")
    http = os.path.join(registry_src("wasmtime-wasi-http", full), "wit")
    return {"cli": (wasi, "wasi:cli/command"), "http": (http, "wasi:http/proxy")}


def cargo_cmd(version, *args):
    tc = TOOLCHAIN[version]
    return ["cargo"] + ([tc] if tc else []) + list(args)


def rows(version, setup):
    """(row name, macro arguments for each world of the crate) per row."""
    dirs = wit_dirs(version)
    out = [("empty world", [("inline: \"package bt:empty; world empty {}\"", "")])]
    for variant, opts in VARIANTS:
        if setup == "together":
            out.append(("cli + http, %s" % variant,
                        [("path: %r, world: %r" % dirs[w], opts) for w in ("cli", "http")]))
        else:
            for w in ("cli", "http"):
                out.append(("%s, %s" % (dirs[w][1], variant), [("path: %r, world: %r" % dirs[w], opts)]))
    return out


def crate_name(row, macro):
    return "bt-%s-%s" % (macro, re.sub(r"[^a-z0-9]+", "-", row).strip("-"))


def body(macro, worlds):
    path = {"hostgen": "hostgen::bindgen", "wasmtime": "wasmtime::component::bindgen"}[macro]
    return "#![allow(dead_code, unused)]\n" + "".join(
        "pub mod w%d { %s!({ %s, %s }); }\n" % (i, path, src.replace("'", '"'), opts)
        for i, (src, opts) in enumerate(worlds)
    )


def make_workspace(version, setup):
    ws = os.path.join(REPO, "target", "build-time", "w%s-%s" % (version, setup))
    os.makedirs(ws, exist_ok=True)
    features = MINIMAL_FEATURES if setup == "minimal" else '"default"'
    wasmtime_dep = 'wasmtime = { version = "=%s", default-features = false, features = [%s] }' % (
        FULL_VERSION[version], features)
    hostgen_dep = 'hostgen = { path = %r, features = ["wasmtime-%s", "component-model-async"] }' % (
        os.path.join(REPO, "runtime"), version)
    members = []
    table = rows(version, setup)
    for row, worlds in table:
        for macro in ("hostgen", "wasmtime"):
            name = crate_name(row, macro)
            members.append(name)
            d = os.path.join(ws, name)
            os.makedirs(os.path.join(d, "src"), exist_ok=True)
            with open(os.path.join(d, "Cargo.toml"), "w") as f:
                f.write('[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\n\n'
                        "[dependencies]\n%s\n%s\n" % (name, wasmtime_dep, hostgen_dep.replace("'", '"')))
            write_if_changed(os.path.join(d, "src", "lib.rs"), body(macro, worlds))
    write_if_changed(os.path.join(ws, "Cargo.toml"),
                     "[workspace]\nresolver = \"2\"\nmembers = [%s]\n" % ", ".join('"%s"' % m for m in members))
    return ws, table


def write_if_changed(path, text):
    if not os.path.exists(path) or open(path).read() != text:
        with open(path, "w") as f:
            f.write(text)


def check(version, ws, name, env):
    """Wall time and peak RSS (KiB) of one `cargo check -p name`; with
    $BT_INSTRUCTIONS set (`--instructions`), the instructions of its rustc
    instead of the time."""
    os.utime(os.path.join(ws, name, "src", "lib.rs"))
    t = time.perf_counter()
    p = subprocess.Popen(cargo_cmd(version, "check", "-q", "-p", name), cwd=ws, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    if status != 0:
        sys.exit("cargo check -p %s failed:\n%s" % (name, err.decode()))
    if "BT_INSTRUCTIONS" in env:
        # valgrind's resident set is not rustc's: no peak memory here.
        with open(env["BT_INSTRUCTIONS"]) as f:
            return int(f.read()) / 1e9, 0
    return elapsed, usage.ru_maxrss


def measure(version, runs, setup, instructions):
    ws, table = make_workspace(version, setup)
    env = dict(os.environ, CARGO_INCREMENTAL="0", CARGO_TARGET_DIR=os.path.join(ws, "target"))
    env.pop("RUSTUP_TOOLCHAIN", None)
    # Dependencies once (and a first expansion of every crate).
    subprocess.run(cargo_cmd(version, "check", "-q", "--workspace"), cwd=ws, env=env, check=True)
    unit = "s"
    if instructions:
        runs = 1
        unit = "G instr"
        env["RUSTC_WRAPPER"] = os.path.join(REPO, "benches", "build-time", "count_rustc.py")
        env["BT_INSTRUCTIONS"] = os.path.join(ws, "target", "instructions")
    samples = {(row, m): [] for row, _ in table for m in ("hostgen", "wasmtime")}
    for _ in range(runs):
        for row, _ in table:
            for macro in ("hostgen", "wasmtime"):
                samples[(row, macro)].append(check(version, ws, crate_name(row, macro), env))
    med = {k: (statistics.median(s for s, _ in v), statistics.median(m for _, m in v))
           for k, v in samples.items()}
    base = {m: med[("empty world", m)][0] for m in ("hostgen", "wasmtime")}
    print()
    if instructions:
        print("wasmtime %s, setup %s, cargo check, instructions of rustc (cachegrind)" % (
            FULL_VERSION[version], setup))
    else:
        print("wasmtime %s, setup %s, cargo check, median of %d paired runs" % (
            FULL_VERSION[version], setup, runs))
    print("| row | hostgen (%s) | wasmtime (%s) | hostgen over empty | wasmtime over empty "
          "| **ratio over empty** | hostgen peak (MiB) | wasmtime peak (MiB) |" % (unit, unit))
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for row, _ in table:
        (ht, hm), (wt, wm) = med[(row, "hostgen")], med[(row, "wasmtime")]
        if row == "empty world":
            ratio = "—"
            over = ("—", "—")
        else:
            r = (ht - base["hostgen"]) / (wt - base["wasmtime"])
            worst = max(worst, r)
            ratio = "**%.3f**" % r
            over = ("%.2f" % (ht - base["hostgen"]), "%.2f" % (wt - base["wasmtime"]))
        peaks = ("%.0f" % (hm / 1024), "%.0f" % (wm / 1024)) if not instructions else ("—", "—")
        print("| %s | %.2f | %.2f | %s | %s | %s | %s | %s |" % (
            row, ht, wt, over[0], over[1], ratio, peaks[0], peaks[1]))
    print("worst ratio over empty: %.3f" % worst)
    sys.stdout.flush()


def main():
    args = sys.argv[1:]
    setup = "default"
    if "--setup" in args:
        i = args.index("--setup")
        setup = args[i + 1]
        del args[i:i + 2]
    instructions = "--instructions" in args
    if instructions:
        args.remove("--instructions")
    runs = int(args[0]) if args else 5
    versions = args[1:] or ["48", "50"]
    for v in versions:
        measure(v, runs, setup, instructions)


main()

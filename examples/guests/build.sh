#!/usr/bin/env bash
# Builds the C guest components in examples/guests/ and writes the .wasm
# files next to this script (they are committed, so `cargo test` needs no
# wasm toolchain). Installs nothing; see README.md for the tools.
#
# Usage: examples/guests/build.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wit="$here/../../wit" # the default WIT folder
build="$here/build" # git-ignored scratch space

# --- tools -----------------------------------------------------------------

missing=0
need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "error: \`$1\` not found on PATH; install it with: $2" >&2
        missing=1
    fi
}
need clang "apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32"
need wasm-ld "apt-get install -y lld"
need wit-bindgen "cargo install --locked wit-bindgen-cli"
need wasm-tools "cargo install --locked wasm-tools"
need cargo "the pinned Rust toolchain (rustup)"
need jq "apt-get install -y jq"
if [ "$missing" -ne 0 ]; then
    echo "(cargo-installed tools live in ~/.cargo/bin; make sure it is on PATH)" >&2
    exit 1
fi

# clang's target triple for WASI preview 1: `wasm32-wasi` (clang <= 18), or
# `wasm32-wasip1` in newer releases.
target=""
probe="$build/probe"
mkdir -p "$probe"
printf 'int x;\n' >"$probe/probe.c"
for t in wasm32-wasi wasm32-wasip1; do
    if clang --target="$t" -c -o "$probe/probe.o" "$probe/probe.c" 2>/dev/null; then
        target="$t"
        break
    fi
done
if [ -z "$target" ]; then
    echo "error: clang cannot compile for wasm32-wasi; install wasi-libc and libclang-rt-dev-wasm32" >&2
    exit 1
fi

echo "using $(clang --version | head -n1), target $target"
echo "using $(wit-bindgen --version), $(wasm-tools --version)"

# --- guests ----------------------------------------------------------------

# compile NAME WORLD WIT EXEC_MODEL: generates the C bindings of WORLD from
# the WIT folder WIT and compiles $here/NAME/*.c with them into
# $build/NAME/core.wasm, a core module of EXEC_MODEL (`reactor`: exports
# only; `command`: a `main` run by `_start`).
compile() {
    local name="$1" world="$2" wit_dir="$3" model="$4"
    local out="$build/$name"
    rm -rf "$out"
    mkdir -p "$out/gen"

    if ! wit-bindgen c "$wit_dir" --world "$world" --out-dir "$out/gen" >"$out/wit-bindgen.log" 2>&1; then
        cat "$out/wit-bindgen.log" >&2
        exit 1
    fi
    # The generated files are named after the world (the part after `/`).
    local base="${world##*/}"

    clang --target="$target" -O2 -Wall -Wextra -Werror -mexec-model="$model" \
        -I "$out/gen" -I "$here/common" \
        -o "$out/core.wasm" \
        "$here/$name"/*.c "$out/gen/$base.c" "$out/gen/${base}_component_type.o"
}

# check NAME: validates the component $build/NAME/NAME.wasm and writes its
# WIT to $build/NAME/NAME.wit.
check() {
    local name="$1" out="$build/$1"
    wasm-tools validate --features component-model "$out/$name.wasm"
    wasm-tools component wit "$out/$name.wasm" >"$out/$name.wit"
}

# install_guest NAME: copies the checked component to $here/NAME.wasm.
install_guest() {
    local name="$1"
    cp "$build/$name/$name.wasm" "$here/$name.wasm"
    echo "wrote $here/$name.wasm ($(wc -c <"$here/$name.wasm") bytes)"
}

# build_guest NAME WORLD [WIT]: a reactor guest without WASI. Compiles
# $here/NAME/*.c against WORLD from the WIT folder WIT (default: wit/ at the
# workspace root) and writes $here/NAME.wasm.
build_guest() {
    local name="$1" world="$2" wit_dir="${3:-$wit}"
    local out="$build/$name"
    compile "$name" "$world" "$wit_dir" reactor
    wasm-tools component new "$out/core.wasm" -o "$out/$name.wasm"
    check "$name"

    # The component must import only what its world declares: anything from
    # wasi:* means libc pulled in I/O (printf and friends), which would force
    # every host to link WASI.
    if grep -q 'import wasi:' "$out/$name.wit"; then
        echo "error: $name imports WASI:" >&2
        grep 'import wasi:' "$out/$name.wit" >&2
        exit 1
    fi
    install_guest "$name"
}

# The preview1-to-component adapter (`wasi_snapshot_preview1.command.wasm`)
# as shipped by the crate wasi-preview1-component-adapter-provider, at the
# version Cargo.lock pins (a dev-dependency of examples/intercept, kept on
# the wasmtime major the examples run on). `cargo metadata` fetches the
# crate if needed. WASI_ADAPTER=path/to/adapter.wasm uses another file.
command_adapter() {
    if [ -n "${WASI_ADAPTER:-}" ]; then
        echo "$WASI_ADAPTER"
        return
    fi
    local manifest
    manifest=$(cargo metadata --format-version 1 --locked \
        --manifest-path "$here/../../Cargo.toml" |
        jq -r '.packages[] | select(.name == "wasi-preview1-component-adapter-provider") | .manifest_path')
    if [ -z "$manifest" ] || [ "$(wc -l <<<"$manifest")" -ne 1 ]; then
        echo "error: Cargo.lock holds no single wasi-preview1-component-adapter-provider" >&2
        exit 1
    fi
    echo "$(dirname "$manifest")/artefacts/wasi_snapshot_preview1.command.wasm"
}

# build_command NAME WORLD WIT: a `wasi:cli/command` guest. Compiles
# $here/NAME/*.c (with a `main`, on wasi-libc) against WORLD from the WIT
# folder WIT, adapts its WASI preview 1 imports to WASI 0.2 with the
# command adapter, and writes $here/NAME.wasm. WASI imports are its point,
# so there is no check against them; it must export `wasi:cli/run`.
build_command() {
    local name="$1" world="$2" wit_dir="$3"
    local out="$build/$name" adapter
    adapter="$(command_adapter)"
    [ -f "$adapter" ] || { echo "error: no adapter at $adapter" >&2; exit 1; }
    echo "using adapter $adapter"
    compile "$name" "$world" "$wit_dir" command
    wasm-tools component new "$out/core.wasm" \
        --adapt "wasi_snapshot_preview1=$adapter" -o "$out/$name.wasm"
    check "$name"

    if ! grep -q 'export wasi:cli/run@' "$out/$name.wit"; then
        echo "error: $name does not export wasi:cli/run" >&2
        exit 1
    fi
    install_guest "$name"
}

build_guest app example:app/app
build_guest compose example:compose/app "$here/../compose/wit"
build_command intercept example:intercept/guest "$here/../intercept/wit"

//! Runs the `intercept` guest (a WASI 0.2 command) with `wasi:random/random`
//! and `wasi:clocks/wall-clock` overridden, and prints what it wrote.
//!
//! Usage: `cargo run -p intercept [-- path/to/component.wasm]`; without an
//! argument it runs the committed `examples/guests/intercept.wasm`.

use hostgen::wasmtime;

fn main() -> wasmtime::Result<()> {
    let wasm = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| intercept::DEFAULT_WASM.into());
    let output = intercept::run(&wasm, intercept::default_wasi()?)?;
    println!("--- the guest's stdout ---");
    print!("{}", output.stdout);
    println!("--- overridden calls the host served ---");
    for call in output.calls {
        println!("{call}");
    }
    Ok(())
}

//! Runs a guest of world `example:app/app` and prints its report.
//!
//! Usage: `cargo run -p hello [-- path/to/component.wasm]`; without an
//! argument it runs the committed `examples/guests/app.wasm`.

use hostgen::wasmtime;

fn main() -> wasmtime::Result<()> {
    let wasm = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| hello::DEFAULT_WASM.into());
    let names = ["Ada", "Grace", "Zoë"].map(String::from);
    let (report, _log, notes) = hello::run(&wasm, &names)?;
    println!("--- report from the guest ---");
    println!("{report}");
    println!("--- notes left in the host ---");
    for note in notes {
        println!("{note}");
    }
    Ok(())
}

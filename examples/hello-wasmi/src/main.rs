//! Runs a guest of world `example:app/app` on wasmi and prints its report:
//! the same output as `cargo run -p hello`.
//!
//! Usage: `cargo run -p hello-wasmi [-- path/to/component.wasm]`; without an
//! argument it runs the committed `examples/guests/app.wasm`.

fn main() -> hostgen::Result<()> {
    let wasm = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| hello_wasmi::DEFAULT_WASM.into());
    let names = ["Ada", "Grace", "Zoë"].map(String::from);
    let (report, _log, notes) = hello_wasmi::run(&wasm, &names)?;
    println!("--- report from the guest ---");
    println!("{report}");
    println!("--- notes left in the host ---");
    for note in notes {
        println!("{note}");
    }
    Ok(())
}

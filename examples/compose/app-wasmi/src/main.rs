//! Runs a guest of world `example:compose/app` on wasmi with both host
//! libraries and prints its report and the host state afterwards: the same
//! output as the first half of `cargo run -p compose`.
//!
//! Usage: `cargo run -p compose-wasmi [-- path/to/component.wasm]`; without
//! an argument it runs the committed `examples/guests/compose.wasm`.

use compose_wasmi::State;

fn main() -> hostgen::Result<()> {
    let wasm = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| compose_wasmi::DEFAULT_WASM.into());
    let (report, state) = compose_wasmi::run(&wasm, State::default())?;
    println!("--- report from the guest ---");
    println!("{report}");
    println!("--- host state afterwards ---");
    for line in compose_wasmi::describe(&state) {
        println!("{line}");
    }
    Ok(())
}

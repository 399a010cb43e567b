//! Runs a guest of world `example:compose/app` with both host libraries and
//! prints its report and the host state afterwards, then checks that the
//! blanket-impl variant of the libraries gives the same answers.
//!
//! Usage: `cargo run -p compose [-- path/to/component.wasm]`; without an
//! argument it runs the committed `examples/guests/compose.wasm`.

use compose::{State, Variant};
use hostgen::wasmtime;

fn main() -> wasmtime::Result<()> {
    let wasm = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| compose::DEFAULT_WASM.into());

    let (report, state) = compose::run(&wasm, State::default(), Variant::Wrappers)?;
    println!("--- report from the guest ---");
    println!("{report}");
    println!("--- host state afterwards ---");
    for line in compose::describe(&state) {
        println!("{line}");
    }

    let (again, state_again) = compose::run(&wasm, State::default(), Variant::Blanket)?;
    let same = again == report && compose::describe(&state_again) == compose::describe(&state);
    println!("--- blanket-impl variant ---");
    println!(
        "{}",
        if same {
            "same report and host state"
        } else {
            "DIFFERENT report or host state"
        }
    );
    if !same {
        println!("{again}");
        return Err(wasmtime::Error::msg(
            "the blanket-impl variant disagrees with the wrapper variant",
        ));
    }
    Ok(())
}

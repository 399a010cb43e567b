//! Faults never take the host down: a panicking host function becomes a
//! trap naming the function and carrying the panic message (hostgen catches
//! the panic at the boundary, where wasmtime alone would resume unwinding
//! into the embedder); a guest that
//! traps mid-call leaves the host state as it was at the trap; fuel and epoch
//! interruption stop a runaway guest with an error.

use hostgen::wasmtime;

mod support;

use wasmtime::component::{Component, Linker};
use wasmtime::{Config, Engine, Store, Trap};

hostgen::bindgen!({ path: "tests/wit/faults.wit", world: "faults" });

include!("faults/host.rs");

fn setup(config: &Config) -> (Engine, Component, Linker<State>) {
    let engine = Engine::new(config).unwrap();
    let bytes = support::component("tests/wit/faults.wit", "faults", IMPORTS, FUNCS);
    let component = Component::new(&engine, bytes).unwrap();
    let mut linker = Linker::new(&engine);
    Faults::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
    (engine, component, linker)
}

#[test]
fn a_panicking_host_function_becomes_a_trap() {
    let (engine, component, linker) = setup(&Config::new());
    let mut store = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let err = world.call_call_boom(&mut store, "kaboom").unwrap_err();
    assert_eq!(
        err.root_cause().to_string(),
        "host function `test:faults/host-fns.boom` panicked: host exploded: kaboom"
    );
    // Like any trap, it poisons the instance (wasmtime refuses to enter it
    // again); the process and every other store carry on.
    let err = world.call_call_boom(&mut store, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "wasm trap: cannot enter component instance"
    );
    let mut other = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut other, &component, &linker).unwrap();
    assert_eq!(world.call_call_boom(&mut other, "").unwrap(), 7);
}

#[test]
fn a_guest_trap_mid_call_keeps_host_state() {
    let (engine, component, linker) = setup(&Config::new());
    let mut store = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let err = world.call_step_then_trap(&mut store, 3).unwrap_err();
    assert_eq!(
        err.downcast_ref::<Trap>(),
        Some(&Trap::UnreachableCodeReached)
    );
    assert_eq!(store.data().steps, [3]);
}

#[test]
fn fuel_stops_a_runaway_guest() {
    let mut config = Config::new();
    config.consume_fuel(true);
    let (engine, component, linker) = setup(&config);
    let mut store = Store::new(&engine, State::default());
    store.set_fuel(1_000_000).unwrap();
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let err = world.call_spin(&mut store).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::OutOfFuel));
}

#[test]
fn epoch_interruption_stops_a_runaway_guest() {
    let mut config = Config::new();
    config.epoch_interruption(true);
    let (engine, component, linker) = setup(&config);
    let mut store = Store::new(&engine, State::default());
    store.set_epoch_deadline(1);
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let ticker = {
        let engine = engine.clone();
        std::thread::spawn(move || {
            for _ in 0..200 {
                std::thread::sleep(std::time::Duration::from_millis(10));
                engine.increment_epoch();
            }
        })
    };
    let err = world.call_spin(&mut store).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::Interrupt));
    ticker.join().unwrap();
}

/// `catch_panics: false`: a host panic unwinds out of the `call_*` into the
/// embedder, as with hand-written `func_wrap` (wasmtime resumes it after
/// leaving wasm).
mod without_catching {
    use super::*;

    hostgen::bindgen!({
        path: "tests/wit/faults.wit",
        world: "faults",
        catch_panics: false,
    });

    struct Raw;
    impl test::faults::host_fns::Host for Raw {
        fn boom(&mut self, msg: String) -> u32 {
            if !msg.is_empty() {
                panic!("unwound: {msg}");
            }
            7
        }
        fn step(&mut self, _: u32) {}
    }

    #[test]
    fn the_panic_reaches_the_embedder() {
        let engine = Engine::default();
        let bytes = support::component("tests/wit/faults.wit", "faults", IMPORTS, FUNCS);
        let component = Component::new(&engine, bytes).unwrap();
        let mut linker = Linker::new(&engine);
        Faults::add_to_linker_mut(&mut linker, |r: &mut Raw| r).unwrap();
        let mut store = Store::new(&engine, Raw);
        let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(world.call_call_boom(&mut store, "").unwrap(), 7);
        let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = world.call_call_boom(&mut store, "x");
        }))
        .unwrap_err();
        assert_eq!(payload.downcast_ref::<String>().unwrap(), "unwound: x");
    }
}

//! Faults on the wasmi target never take the host down, as on wasmtime
//! (`faults.rs`): a panicking host function becomes an error naming the
//! function and carrying the panic message; a guest that traps mid-call
//! leaves the host state as it was at the trap; a function used with
//! another store is an error, not the layer's panic.
#![cfg(feature = "wasmi")]

mod support;

use hostgen::wasmi::{Component, Engine, Linker, Store};

hostgen::bindgen!({ path: "tests/wit/faults.wit", world: "faults", target: wasmi });

include!("faults/host.rs");

fn setup() -> (Engine, Component, Linker<State>) {
    let engine = Engine::default();
    let bytes = support::component("tests/wit/faults.wit", "faults", IMPORTS, FUNCS);
    let component = Component::new(&engine, bytes).unwrap();
    let mut linker = Linker::new(&engine);
    Faults::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
    (engine, component, linker)
}

#[test]
fn a_panicking_host_function_becomes_an_error() {
    let (engine, component, linker) = setup();
    let mut store = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let err = world.call_call_boom(&mut store, "kaboom").unwrap_err();
    assert!(
        format!("{err:#}")
            .contains("host function `test:faults/host-fns.boom` panicked: host exploded: kaboom"),
        "{err:#}"
    );
    // Other stores carry on.
    let mut other = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut other, &component, &linker).unwrap();
    assert_eq!(world.call_call_boom(&mut other, "").unwrap(), 7);
}

#[test]
fn a_guest_trap_mid_call_keeps_host_state() {
    let (engine, component, linker) = setup();
    let mut store = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let err = world.call_step_then_trap(&mut store, 3).unwrap_err();
    assert!(format!("{err:#}").contains("unreachable"), "{err:#}");
    assert_eq!(store.data().steps, [3]);
}

#[test]
fn one_linker_serves_many_stores() {
    let (engine, component, linker) = setup();
    for n in 0..3 {
        let mut store = Store::new(&engine, State::default());
        let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
        world.call_step_then_trap(&mut store, n).unwrap_err();
        assert_eq!(store.data().steps, [n]);
    }
}

#[test]
fn an_export_called_with_another_store_is_an_error() {
    let (engine, component, linker) = setup();
    let mut store = Store::new(&engine, State::default());
    let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
    let mut other = Store::new(&engine, State::default());
    let err = world.call_call_boom(&mut other, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "a function was called with a store it does not belong to"
    );
    assert_eq!(world.call_call_boom(&mut store, "").unwrap(), 7);
}

#[test]
fn defining_an_import_twice_is_an_error() {
    let (engine, _, mut linker) = setup();
    let _ = &engine;
    let err = Faults::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap_err();
    assert_eq!(
        err.to_string(),
        "import of `boom` in `test:faults/host-fns` defined twice"
    );
}

#[test]
fn a_component_of_another_world_is_an_error() {
    // The roundtrip guest imports `test:rt/values`, which this linker lacks.
    let engine = Engine::default();
    let bytes = support::echo_component("tests/wit/roundtrip.wit", "roundtrip-flat");
    let component = Component::new(&engine, bytes).unwrap();
    let (_, _, linker) = setup();
    let mut store = Store::new(&engine, State::default());
    let err = Faults::instantiate(&mut store, &component, &linker)
        .err()
        .expect("instantiation fails");
    assert_eq!(
        err.to_string(),
        "the component has no export named `call-boom`"
    );
}

#[test]
fn a_missing_import_is_an_error() {
    let (engine, component, _) = setup();
    let linker = Linker::<State>::new(&engine);
    let mut store = Store::new(&engine, State::default());
    let err = Faults::instantiate(&mut store, &component, &linker)
        .err()
        .expect("instantiation fails");
    // wasm_component_layer's text.
    assert_eq!(
        format!("{err:#}"),
        "Could not find imported interface test:faults/host-fns"
    );
}

/// The same bindings with `catch_panics: false`, served by the same host.
mod unwinding {
    hostgen::bindgen!({
        path: "tests/wit/faults.wit",
        world: "faults",
        target: wasmi,
        catch_panics: false,
    });

    impl test::faults::host_fns::Host for super::State {
        fn boom(&mut self, msg: String) -> u32 {
            super::Host::boom(self, msg)
        }
        fn step(&mut self, n: u32) {
            super::Host::step(self, n)
        }
    }
}

#[test]
fn with_catch_panics_false_the_host_panic_resumes_in_the_embedder() {
    let engine = Engine::default();
    let bytes = support::component("tests/wit/faults.wit", "faults", IMPORTS, FUNCS);
    let component = Component::new(&engine, bytes).unwrap();
    let mut linker = Linker::new(&engine);
    unwinding::Faults::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
    let mut store = Store::new(&engine, State::default());
    let world = unwinding::Faults::instantiate(&mut store, &component, &linker).unwrap();
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        world.call_call_boom(&mut store, "loud")
    }))
    .expect_err("the panic unwinds out of the call");
    assert_eq!(
        payload.downcast_ref::<String>().map(String::as_str),
        Some("host exploded: loud")
    );
}

#[test]
fn a_component_of_another_engine_is_an_error() {
    let (_, component, linker) = setup();
    let other = Engine::default();
    let mut store = Store::new(&other, State::default());
    let err = Faults::instantiate(&mut store, &component, &linker)
        .err()
        .expect("instantiation fails");
    assert_eq!(
        err.to_string(),
        "the component was made for another engine than the store's"
    );
}

#[test]
fn a_guest_passing_a_bad_string_gets_an_error_not_a_host_panic() {
    let engine = Engine::default();
    // Out of bounds, wasmi itself panics (an overflow in its memory read),
    // and hostgen turns that into an error too.
    for (args, expected) in [
        ("(i32.const -16) (i32.const 100)", "panicked"),
        ("(i32.const 2000) (i32.const 2)", "invalid utf-8"),
    ] {
        let funcs = FUNCS.replace(
            "(call $boom (local.get 0) (local.get 1))",
            &format!("(call $boom {args})"),
        ) + r#"(data (i32.const 2000) "\ff\fe")"#;
        let bytes = support::component("tests/wit/faults.wit", "faults", IMPORTS, &funcs);
        let component = Component::new(&engine, bytes).unwrap();
        let mut linker = Linker::new(&engine);
        Faults::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
        let mut store = Store::new(&engine, State::default());
        let world = Faults::instantiate(&mut store, &component, &linker).unwrap();
        let err = world.call_call_boom(&mut store, "").unwrap_err();
        assert!(format!("{err:#}").contains(expected), "{err:#}");
        assert!(store.data().steps.is_empty());
    }
}

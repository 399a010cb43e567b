//! Exported resources on the wasmi target: the guest defines `counter`;
//! the host creates, calls and drops them through the same typed handles
//! (`Counter`) as on wasmtime (`guest_resources.rs`, whose guest code this
//! uses), and a handle of another resource type is refused with wasmtime's
//! text.
#![cfg(feature = "wasmi")]

mod support;

use hostgen::wasmi::{Component, Engine, Linker, Store};

hostgen::bindgen!({ path: "tests/wit/guest_res.wit", world: "guest-res", target: wasmi });

use exports::test::gres::counters::{Counter, Other};

include!("guest_resources/guest.rs");

fn instantiate() -> (Store<()>, GuestRes) {
    let engine = Engine::default();
    let bytes = support::component("tests/wit/guest_res.wit", "guest-res", IMPORTS, FUNCS);
    let component = Component::new(&engine, bytes).unwrap();
    let linker = Linker::new(&engine);
    let mut store = Store::new(&engine, ());
    let world = GuestRes::instantiate(&mut store, &component, &linker).unwrap();
    (store, world)
}

include!("guest_resources/tests.rs");

#[test]
fn a_dropped_handle_is_an_error_not_a_panic() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    let c = g.call_counter_new(&mut store, 1).unwrap();
    c.resource_drop(&mut store).unwrap();
    let err = g.call_counter_value(&mut store, c).unwrap_err();
    assert_eq!(err.to_string(), "the resource handle was dropped");
    let err = c.resource_drop(&mut store).unwrap_err();
    assert_eq!(err.to_string(), "the resource handle was dropped already");
}

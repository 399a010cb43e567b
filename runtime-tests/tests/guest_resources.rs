//! Exported resources: the guest defines `counter`; the host creates,
//! calls and drops them through typed handles (`Counter`, not a bare
//! `ResourceAny`), and a handle of another resource type is refused.

use hostgen::wasmtime;

mod support;

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "tests/wit/guest_res.wit", world: "guest-res" });

use exports::test::gres::counters::{Counter, Other};

const IMPORTS: &str = r#"
  (import "[export]test:gres/counters" "[resource-new]counter" (func $new_counter (param i32) (result i32)))
  (import "[export]test:gres/counters" "[resource-new]other" (func $new_other (param i32) (result i32)))
"#;

const FUNCS: &str = r#"
  (global $next (mut i32) (i32.const 2048))
  (global $drops (mut i32) (i32.const 0))
  (func (export "test:gres/counters#[constructor]counter") (param $start i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (i32.const 4)))
    (i32.store (local.get $p) (local.get $start))
    (call $new_counter (local.get $p)))
  (func (export "test:gres/counters#[method]counter.add") (param $p i32) (param $n i32) (result i32)
    (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (local.get $n)))
    (i32.load (local.get $p)))
  (func (export "test:gres/counters#[method]counter.value") (param $p i32) (result i32)
    (i32.load (local.get $p)))
  (func (export "test:gres/counters#[dtor]counter") (param i32)
    (global.set $drops (i32.add (global.get $drops) (i32.const 1))))
  (func (export "test:gres/counters#[constructor]other") (result i32)
    (call $new_other (i32.const 1)))
  (func (export "test:gres/counters#[dtor]other") (param i32))
  (func (export "test:gres/counters#drops") (result i32) (global.get $drops))
"#;

fn instantiate() -> (Store<()>, GuestRes) {
    let engine = Engine::default();
    let bytes = support::component("tests/wit/guest_res.wit", "guest-res", IMPORTS, FUNCS);
    let component = Component::new(&engine, bytes).unwrap();
    let linker = Linker::new(&engine);
    let mut store = Store::new(&engine, ());
    let world = GuestRes::instantiate(&mut store, &component, &linker).unwrap();
    (store, world)
}

#[test]
fn typed_constructor_methods_and_drop() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    let a: Counter = g.call_counter_new(&mut store, 5).unwrap();
    let b = g.call_counter_new(&mut store, 100).unwrap();
    assert_eq!(g.call_counter_add(&mut store, a, 3).unwrap(), 8);
    assert_eq!(g.call_counter_add(&mut store, b, 1).unwrap(), 101);
    assert_eq!(g.call_counter_value(&mut store, a).unwrap(), 8);
    a.resource_drop(&mut store).unwrap();
    assert_eq!(g.call_drops(&mut store).unwrap(), 1);
    assert_eq!(g.call_counter_value(&mut store, b).unwrap(), 101);
    b.resource_drop(&mut store).unwrap();
    assert_eq!(g.call_drops(&mut store).unwrap(), 2);
}

#[test]
fn a_handle_of_another_resource_is_refused() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    let other: Other = g.call_other_new(&mut store).unwrap();
    // The types keep this from compiling; forced through `from_any`, the
    // call checks the handle's type and fails instead of running.
    let forged = Counter::from_any(other.into_any());
    let err = g.call_counter_value(&mut store, forged).unwrap_err();
    assert_eq!(err.to_string(), "mismatched resource types");
}

#[test]
fn a_dropped_handle_is_an_error_not_a_panic() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    let c = g.call_counter_new(&mut store, 1).unwrap();
    c.resource_drop(&mut store).unwrap();
    let err = g.call_counter_value(&mut store, c).unwrap_err();
    assert!(
        format!("{err:?}").contains("unknown handle index"),
        "{err:?}"
    );
    let err = c.resource_drop(&mut store).unwrap_err();
    assert!(
        format!("{err:?}").contains("unknown handle index"),
        "{err:?}"
    );
}

/// A world that imports and exports the same resource-defining interface:
/// the import side has `Resource<R>` and `Host` traits, the export side its
/// own copy of the types with the guest's typed handles.
mod both_sides {
    use super::support;
    use hostgen::wasmtime;
    use wasmtime::component::{Component, Linker, Resource};
    use wasmtime::{Engine, Store};

    hostgen::bindgen!({ path: "tests/wit/both.wit", world: "both" });

    use exports::test::both::canvas as guest_side;
    use test::both::canvas as host_side;

    struct State;
    impl host_side::HostR for State {
        fn new(&mut self) -> Resource<host_side::R> {
            Resource::new_own(7)
        }
        fn drop(&mut self, _: Resource<host_side::R>) -> wasmtime::Result<()> {
            Ok(())
        }
    }
    impl host_side::Host for State {
        fn get(&mut self, x: Resource<host_side::R>) -> u32 {
            x.rep()
        }
        fn label(&mut self, p: host_side::Pair) -> String {
            p.label
        }
    }

    const IMPORTS: &str = r#"
      (import "[export]test:both/canvas" "[resource-new]r" (func $new (param i32) (result i32)))
    "#;
    const FUNCS: &str = r#"
      (func (export "test:both/canvas#[constructor]r") (result i32) (call $new (i32.const 42)))
      (func (export "test:both/canvas#[dtor]r") (param i32))
      (func (export "test:both/canvas#get") (param i32) (result i32) (local.get 0))
      (func (export "test:both/canvas#label") (param i32 i32 i32) (result i32)
        (i32.store (i32.const 8) (local.get 1))
        (i32.store (i32.const 12) (local.get 2))
        (i32.const 8))
      (func (export "cabi_post_test:both/canvas#label") (param i32))
    "#;

    #[test]
    fn each_side_has_its_own_resource_type() {
        let engine = Engine::default();
        let bytes = support::component("tests/wit/both.wit", "both", IMPORTS, FUNCS);
        let component = Component::new(&engine, bytes).unwrap();
        let mut linker = Linker::new(&engine);
        Both::add_to_linker(&mut linker, |s: &mut State| s).unwrap();
        let mut store = Store::new(&engine, State);
        let world = Both::instantiate(&mut store, &component, &linker).unwrap();
        let guest = world.test_both_canvas();
        let r: guest_side::R = guest.call_r_new(&mut store).unwrap();
        assert_eq!(guest.call_get(&mut store, r).unwrap(), 42);
        r.resource_drop(&mut store).unwrap();
        // An own handle inside a record moves to the guest with the call.
        let moved = guest.call_r_new(&mut store).unwrap();
        let pair = guest_side::Pair {
            left: moved.into_any(),
            label: "left".into(),
        };
        assert_eq!(guest.call_label(&mut store, &pair).unwrap(), "left");
        let err = moved.resource_drop(&mut store).unwrap_err();
        assert_eq!(err.to_string(), "unknown handle index 1");
    }
}

//! Exported resources: the guest defines `counter`; the host creates,
//! calls and drops them through typed handles (`Counter`, not a bare
//! `ResourceAny`), and a handle of another resource type is refused.

use hostgen::wasmtime;

mod support;

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "tests/wit/guest_res.wit", world: "guest-res" });

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
        Both::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
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

//! Imported resources on the wasmi target: the host impl of `resources.rs`
//! (`resources/host.rs`), the same guest code, bindings generated with
//! `target: wasmi`. A guest creates, uses and drops host resources, handles
//! cross both ways owned and inside records, the host's `drop` runs when the
//! guest drops a handle and not when it passes one to the host, and a
//! misbehaving guest gets an error without touching the host's other
//! handles.
#![cfg(feature = "wasmi")]

mod support;

use hostgen::wasmi::{Component, Engine, Linker, Store};
use std::sync::OnceLock;

hostgen::bindgen!({
    path: "tests/wit/files.wit",
    world: "res-flat",
    target: wasmi,
    with: { "test:res/files.file": FileData },
});

// The shared host knows the world's own imports by `res`'s name.
use ResFlatImports as ResImports;

include!("resources/host.rs");

fn engine_and_component() -> &'static (Engine, Component) {
    static C: OnceLock<(Engine, Component)> = OnceLock::new();
    C.get_or_init(|| {
        let engine = Engine::default();
        // `res` without `peek` and `keep` (they take a borrowed host handle).
        let funcs = FUNCS
            .lines()
            .filter(|l| !l.contains("\"peek\"") && !l.contains("\"keep\"") && !l.contains("peek\")"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(
                "    (call $look (local.get $h) (i32.const 8))\n    (call $drop (local.get $h))\n    (i32.const 8))\n",
                "",
            );
        let bytes = support::component("tests/wit/files.wit", "res-flat", IMPORTS, &funcs);
        let component = Component::new(&engine, bytes).expect("component compiles");
        (engine, component)
    })
}

fn instantiate() -> (Store<Files>, ResFlat) {
    let (engine, component) = engine_and_component();
    let mut linker = Linker::new(engine);
    ResFlat::add_to_linker_mut(&mut linker, |f: &mut Files| f).unwrap();
    let mut store = Store::new(engine, Files::default());
    let world = ResFlat::instantiate(&mut store, component, &linker).unwrap();
    (store, world)
}

/// Files the churn test creates and drops.
const CHURN: u32 = 1_000;

include!("resources/tests.rs");

#[test]
fn misbehaving_guests_get_an_error_and_other_handles_survive() {
    for how in 0..3 {
        let (mut store, world) = instantiate();
        let keep = store.data_mut().new("keep.txt".into());
        let err = world
            .call_misbehave(&mut store, how)
            .expect_err("the guest misbehaved");
        // wasm_component_layer's text, for each case.
        assert_eq!(format!("{err:#}"), "in misbehave: Invalid handle index.");
        assert_eq!(
            store.data_mut().name(Resource::new_borrow(keep.rep())),
            "keep.txt",
            "case {how}: {err:#}"
        );
    }
}

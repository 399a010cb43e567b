//! `@unstable` items, gated when linking as wasmtime's `bindgen!` does:
//! without `features:`, every item is generated, and the `LinkOptions`
//! passed to `add_to_linker` decides which features' items are defined. A
//! component importing an item left out does not instantiate. With
//! `features:`, the choice is made when compiling and nothing is gated.

use hostgen::wasmtime;

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "tests/wit/gates.wit" });

#[derive(Default)]
struct Shop {
    calls: Vec<String>,
}

impl test::gates::tools::Host for Shop {
    fn hammer(&mut self, nails: u32) -> u32 {
        self.calls.push(format!("hammer({nails})"));
        nails * 2
    }
}

impl WorkshopImports for Shop {
    fn saw(&mut self, planks: u32) -> u32 {
        self.calls.push(format!("saw({planks})"));
        planks + 1
    }
}

/// Imports `test:gates/tools` (`hammer`) and the world's own `saw`.
const BOTH: &str = r#"
(component
  (import "test:gates/tools" (instance $tools
    (export "hammer" (func (param "nails" u32) (result u32)))))
  (import "saw" (func $saw (param "planks" u32) (result u32)))
  (core func $hammer (canon lower (func $tools "hammer")))
  (core func $saw (canon lower (func $saw)))
  (core module $m
    (import "" "hammer" (func $hammer (param i32) (result i32)))
    (import "" "saw" (func $saw (param i32) (result i32)))
    (func (export "build") (param i32) (result i32) (call $hammer (local.get 0)))
    (func (export "cut") (param i32) (result i32) (call $saw (local.get 0))))
  (core instance $i (instantiate $m
    (with "" (instance (export "hammer" (func $hammer)) (export "saw" (func $saw))))))
  (func (export "build") (param "n" u32) (result u32) (canon lift (core func $i "build")))
  (func (export "cut") (param "n" u32) (result u32) (canon lift (core func $i "cut"))))
"#;

fn run(options: &LinkOptions) -> wasmtime::Result<(u32, u32, Vec<String>)> {
    let engine = Engine::default();
    let component = Component::new(&engine, BOTH)?;
    let mut linker = Linker::new(&engine);
    Workshop::add_to_linker_mut(&mut linker, options, |s: &mut Shop| s)?;
    let mut store = Store::new(&engine, Shop::default());
    let workshop = Workshop::instantiate(&mut store, &component, &linker)?;
    let built = workshop.call_build(&mut store, 3)?;
    let cut = workshop.call_cut(&mut store, 3)?;
    Ok((built, cut, store.into_data().calls))
}

fn everything() -> LinkOptions {
    let mut options = LinkOptions::default();
    options
        .experimental_interface(true)
        .experimental_function(true)
        .experimental_import(true)
        .experimental_own(true);
    options
}

#[test]
fn every_feature_on_links_every_item() {
    let (built, cut, calls) = run(&everything()).unwrap();
    assert_eq!((built, cut), (6, 4));
    assert_eq!(calls, ["hammer(3)", "saw(3)"]);
}

#[test]
fn hammer_needs_its_interface_its_import_and_itself() {
    // Each of the three features `hammer` is behind, turned off alone.
    let offs: [fn(&mut LinkOptions) -> &mut LinkOptions; 3] = [
        |o| o.experimental_interface(false),
        |o| o.experimental_import(false),
        |o| o.experimental_function(false),
    ];
    for off in offs {
        let mut options = everything();
        off(&mut options);
        let err = run(&options).unwrap_err();
        assert_eq!(
            err.to_string(),
            "component imports instance `test:gates/tools`, but a matching \
             implementation was not found in the linker",
            "{options:?}"
        );
    }
    assert!(run(&LinkOptions::default()).is_err());
}

#[test]
fn a_world_function_is_gated_by_its_own_feature() {
    let mut options = everything();
    options.experimental_own(false);
    let err = run(&options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "component imports function `saw`, but a matching implementation was not found \
         in the linker"
    );
}

#[test]
fn the_interface_takes_its_own_link_options_converted_from_the_world() {
    // `tools::add_to_linker` takes `tools::LinkOptions`; the world's
    // converts into it, carrying the features `tools` has.
    let engine = Engine::default();
    let component = Component::new(&engine, BOTH).unwrap();
    let mut linker = Linker::new(&engine);
    let world = everything();
    let tools: test::gates::tools::LinkOptions = (&world).into();
    test::gates::tools::add_to_linker_mut(&mut linker, &tools, |s: &mut Shop| s).unwrap();
    Workshop::add_to_linker_imports_mut(&mut linker, &world, |s: &mut Shop| s).unwrap();
    let mut store = Store::new(&engine, Shop::default());
    let workshop = Workshop::instantiate(&mut store, &component, &linker).unwrap();
    assert_eq!(workshop.call_build(&mut store, 5).unwrap(), 10);
}

/// With `features:`, the features are chosen when compiling: no
/// `LinkOptions`, and what is listed is always linked.
mod chosen_when_compiling {
    use super::*;

    hostgen::bindgen!({
        path: "tests/wit/gates.wit",
        features: [
            "experimental-interface",
            "experimental-function",
            "experimental-import",
            "experimental-own",
        ],
    });

    impl test::gates::tools::Host for Shop {
        fn hammer(&mut self, nails: u32) -> u32 {
            nails * 3
        }
    }

    impl WorkshopImports for Shop {
        fn saw(&mut self, planks: u32) -> u32 {
            planks + 2
        }
    }

    #[test]
    fn listed_features_are_linked_without_options() {
        let engine = Engine::default();
        let component = Component::new(&engine, BOTH).unwrap();
        let mut linker = Linker::new(&engine);
        Workshop::add_to_linker_mut(&mut linker, |s: &mut Shop| s).unwrap();
        let mut store = Store::new(&engine, Shop::default());
        let workshop = Workshop::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(workshop.call_build(&mut store, 3).unwrap(), 9);
        assert_eq!(workshop.call_cut(&mut store, 3).unwrap(), 5);
    }
}

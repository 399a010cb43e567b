//! One interface imported under two names (`import hot-cache: store;
//! import durable: store;`): one `store::Host` trait, and each name linked on
//! its own. The world's `add_to_linker` serves every name with the one host
//! its getter returns, as wasmtime's `bindgen!` does;
//! `add_to_linker_instance*` link one name, so two names can reach two
//! different hosts. One interface exported under two names: one `Guest`
//! type, an accessor per name.

use hostgen::wasmtime;

use std::collections::HashMap;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "tests/wit/named.wit", world: "cache" });

use test::named::store;

/// A store that records what it was asked.
#[derive(Default)]
struct Kv {
    map: HashMap<u32, u32>,
    calls: Vec<String>,
}

impl store::Host for Kv {
    fn get(&mut self, key: u32) -> u32 {
        let value = self.map.get(&key).copied().unwrap_or(0);
        self.calls.push(format!("get({key}) -> {value}"));
        value
    }
    fn set(&mut self, key: u32, value: u32) {
        self.calls.push(format!("set({key}, {value})"));
        self.map.insert(key, value);
    }
}

#[derive(Default)]
struct TwoStores {
    hot: Kv,
    durable: Kv,
}

/// The guest, written as a component: it imports `hot-cache` and `durable`
/// with `store`'s functions and exports `run`.
const GUEST: &str = r#"
(component
  (type $store (instance
    (export "get" (func (param "key" u32) (result u32)))
    (export "set" (func (param "key" u32) (param "value" u32)))))
  (import "hot-cache" (instance $hot (type $store)))
  (import "durable" (instance $durable (type $store)))
  (core func $hot-get (canon lower (func $hot "get")))
  (core func $hot-set (canon lower (func $hot "set")))
  (core func $durable-get (canon lower (func $durable "get")))
  (core func $durable-set (canon lower (func $durable "set")))
  (core module $m
    (import "hot" "get" (func $hot-get (param i32) (result i32)))
    (import "hot" "set" (func $hot-set (param i32 i32)))
    (import "durable" "get" (func $durable-get (param i32) (result i32)))
    (import "durable" "set" (func $durable-set (param i32 i32)))
    (func (export "run") (result i32)
      (call $durable-set (i32.const 0) (i32.const 1))
      (call $hot-set (i32.const 0) (i32.const 2))
      (i32.add
        (i32.mul (call $durable-get (i32.const 0)) (i32.const 10))
        (call $hot-get (i32.const 0)))))
  (core instance $i (instantiate $m
    (with "hot" (instance (export "get" (func $hot-get)) (export "set" (func $hot-set))))
    (with "durable" (instance
      (export "get" (func $durable-get)) (export "set" (func $durable-set))))))
  (func (export "run") (result u32) (canon lift (core func $i "run"))))
"#;

fn run<T: 'static>(linker: &Linker<T>, data: T) -> (u32, T) {
    let engine = linker.engine();
    let component = Component::new(engine, GUEST).unwrap();
    let mut store = Store::new(engine, data);
    let cache = Cache::instantiate(&mut store, &component, linker).unwrap();
    let got = cache.call_run(&mut store).unwrap();
    (got, store.into_data())
}

#[test]
fn the_world_links_every_name_to_the_one_host() {
    let engine = Engine::default();
    let mut linker = Linker::<Kv>::new(&engine);
    Cache::add_to_linker_mut(&mut linker, |kv: &mut Kv| kv).unwrap();
    let (got, kv) = run(&linker, Kv::default());
    // The second `set` overwrote the first: one store behind both names.
    assert_eq!(got, 22);
    assert_eq!(
        kv.calls,
        ["set(0, 1)", "set(0, 2)", "get(0) -> 2", "get(0) -> 2"]
    );
}

/// `hot-cache` linked to `TwoStores::hot`, `durable` to `TwoStores::durable`.
fn two_stores_linker() -> Linker<TwoStores> {
    let engine = Engine::default();
    let mut linker = Linker::<TwoStores>::new(&engine);
    store::add_to_linker_instance_mut(
        &mut linker.instance("hot-cache").unwrap(),
        |s: &mut TwoStores| &mut s.hot,
    )
    .unwrap();
    store::add_to_linker_instance_mut(
        &mut linker.instance("durable").unwrap(),
        |s: &mut TwoStores| &mut s.durable,
    )
    .unwrap();
    linker
}

#[test]
fn each_name_links_to_its_own_host() {
    let linker = two_stores_linker();
    let (got, stores) = run(&linker, TwoStores::default());
    assert_eq!(got, 12);
    assert_eq!(stores.durable.calls, ["set(0, 1)", "get(0) -> 1"]);
    assert_eq!(stores.hot.calls, ["set(0, 2)", "get(0) -> 2"]);
}

/// A host borrowed out of the store data by a getter `fn`, as
/// `add_to_linker_instance_get_host` takes.
struct Prefixed<'a> {
    kv: &'a mut Kv,
    name: &'static str,
}

impl store::Host for Prefixed<'_> {
    fn get(&mut self, key: u32) -> u32 {
        self.kv.calls.push(format!("{}:", self.name));
        store::Host::get(self.kv, key)
    }
    fn set(&mut self, key: u32, value: u32) {
        self.kv.calls.push(format!("{}:", self.name));
        store::Host::set(self.kv, key, value)
    }
}

fn hot(s: &mut TwoStores) -> Prefixed<'_> {
    Prefixed {
        kv: &mut s.hot,
        name: "hot",
    }
}

fn durable(s: &mut TwoStores) -> Prefixed<'_> {
    Prefixed {
        kv: &mut s.durable,
        name: "durable",
    }
}

#[test]
fn get_host_getters_link_one_name_each() {
    let engine = Engine::default();
    let mut linker = Linker::<TwoStores>::new(&engine);
    store::add_to_linker_instance_get_host(&mut linker.instance("hot-cache").unwrap(), hot)
        .unwrap();
    store::add_to_linker_instance_get_host(&mut linker.instance("durable").unwrap(), durable)
        .unwrap();
    let (got, stores) = run(&linker, TwoStores::default());
    assert_eq!(got, 12);
    assert_eq!(
        stores.durable.calls,
        ["durable:", "set(0, 1)", "durable:", "get(0) -> 1"]
    );
    assert_eq!(
        stores.hot.calls,
        ["hot:", "set(0, 2)", "hot:", "get(0) -> 2"]
    );
}

#[test]
fn the_interface_own_add_to_linker_links_its_own_name_only() {
    // `store::add_to_linker` links `test:named/store`, which this guest
    // does not import: instantiation names the missing import.
    let engine = Engine::default();
    let mut linker = Linker::<Kv>::new(&engine);
    store::add_to_linker_mut(&mut linker, |kv: &mut Kv| kv).unwrap();
    let component = Component::new(&engine, GUEST).unwrap();
    let mut store = Store::new(&engine, Kv::default());
    let err = Cache::instantiate(&mut store, &component, &linker)
        .err()
        .expect("hot-cache is not linked");
    assert_eq!(
        err.to_string(),
        "component imports instance `hot-cache`, but a matching implementation \
         was not found in the linker"
    );
}

/// `export hot: reader; export cold: reader;`: one `reader::Guest`, reached
/// through `hot()` and `cold()`, each calling its own export.
mod exported_under_two_names {
    use super::*;

    hostgen::bindgen!({ path: "tests/wit/named.wit", world: "mirrors" });

    use exports::test::named::reader;

    /// Each exported `reader` reads the store imported under the matching
    /// name.
    const GUEST: &str = r#"
(component
  (type $store (instance
    (export "get" (func (param "key" u32) (result u32)))
    (export "set" (func (param "key" u32) (param "value" u32)))))
  (import "hot-cache" (instance $hot (type $store)))
  (import "durable" (instance $durable (type $store)))
  (core func $hot-get (canon lower (func $hot "get")))
  (core func $durable-get (canon lower (func $durable "get")))
  (core module $m
    (import "hot" "get" (func $hot-get (param i32) (result i32)))
    (import "durable" "get" (func $durable-get (param i32) (result i32)))
    (func (export "hot-read") (param i32) (result i32) (call $hot-get (local.get 0)))
    (func (export "cold-read") (param i32) (result i32) (call $durable-get (local.get 0))))
  (core instance $i (instantiate $m
    (with "hot" (instance (export "get" (func $hot-get))))
    (with "durable" (instance (export "get" (func $durable-get))))))
  (func $hot-read (param "key" u32) (result u32) (canon lift (core func $i "hot-read")))
  (func $cold-read (param "key" u32) (result u32) (canon lift (core func $i "cold-read")))
  (instance $hot-out (export "read" (func $hot-read)))
  (instance $cold-out (export "read" (func $cold-read)))
  (export "hot" (instance $hot-out))
  (export "cold" (instance $cold-out)))
"#;

    #[test]
    fn each_export_name_is_its_own_instance_of_one_guest_type() {
        let linker = two_stores_linker();
        let engine = linker.engine().clone();
        let component = Component::new(&engine, GUEST).unwrap();
        let mut data = TwoStores::default();
        data.hot.map.insert(7, 70);
        data.durable.map.insert(7, 700);
        let mut store = Store::new(&engine, data);
        let mirrors = Mirrors::instantiate(&mut store, &component, &linker).unwrap();

        // One type behind both names.
        let readers: [&reader::Guest; 2] = [mirrors.hot(), mirrors.cold()];
        let got: Vec<u32> = readers
            .iter()
            .map(|r| r.call_read(&mut store, 7).unwrap())
            .collect();
        assert_eq!(got, [70, 700]);
        assert_eq!(store.data().hot.calls, ["get(7) -> 70"]);
        assert_eq!(store.data().durable.calls, ["get(7) -> 700"]);

        // `GuestIndices::new_at` finds the interface under either name;
        // `new` under the first the world names.
        let at_cold = reader::GuestIndices::new_at(&component, "cold").unwrap();
        let instance = linker.instantiate(&mut store, &component).unwrap();
        let cold = at_cold.load(&mut store, &instance).unwrap();
        assert_eq!(cold.call_read(&mut store, 7).unwrap(), 700);
        let first = reader::GuestIndices::new(&component).unwrap();
        let hot = first.load(&mut store, &instance).unwrap();
        assert_eq!(hot.call_read(&mut store, 7).unwrap(), 70);
        let missing = reader::GuestIndices::new_at(&component, "lukewarm")
            .err()
            .expect("no such export");
        assert_eq!(
            missing.to_string(),
            "the component has no export named `lukewarm`"
        );
    }
}

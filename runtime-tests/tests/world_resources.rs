//! A resource the world declares itself (`world w { resource counter {..} }`),
//! not inside an interface: the host implements `HostCounter` (required by
//! `CountersImports`), the linker defines the resource and its functions at
//! the component's root, and a real component creates, uses, lends and drops
//! handles through them while exports pass handles both ways.

use hostgen::wasmtime;

mod support;

use std::collections::BTreeMap;
use wasmtime::component::{Component, Linker, Resource};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "tests/wit/world_res.wit", world: "counters" });

/// The host's counters by rep, and what it was asked to do.
#[derive(Default)]
struct Host {
    counters: BTreeMap<u32, u32>,
    next: u32,
    calls: Vec<String>,
}

impl HostCounter for Host {
    fn new(&mut self, start: u32) -> Resource<Counter> {
        self.next += 1;
        self.counters.insert(self.next, start);
        self.calls.push(format!("new({start}) -> {}", self.next));
        Resource::new_own(self.next)
    }
    fn add(&mut self, self_: Resource<Counter>, n: u32) -> u32 {
        let value = self.counters.get_mut(&self_.rep()).expect("live counter");
        *value += n;
        self.calls
            .push(format!("add({}, {n}) -> {value}", self_.rep()));
        *value
    }
    fn live(&mut self) -> u32 {
        self.calls.push("live".to_string());
        self.counters.len() as u32
    }
    fn drop(&mut self, rep: Resource<Counter>) -> wasmtime::Result<()> {
        self.calls.push(format!("drop({})", rep.rep()));
        self.counters
            .remove(&rep.rep())
            .map(|_| ())
            .ok_or_else(|| wasmtime::Error::msg(format!("no counter {}", rep.rep())))
    }
}

impl CountersImports for Host {}

/// The guest: each export calls the root-level resource functions the
/// component imports.
const GUEST: (&str, &str) = (
    r#"
  (import "$root" "[constructor]counter" (func $new (param i32) (result i32)))
  (import "$root" "[method]counter.add" (func $add (param i32 i32) (result i32)))
  (import "$root" "[static]counter.live" (func $live (result i32)))
  (import "$root" "[resource-drop]counter" (func $drop (param i32)))
"#,
    r#"
  (func (export "run") (param $start i32) (param $n i32) (result i32)
    (local $h i32) (local $v i32)
    (local.set $h (call $new (local.get $start)))
    (local.set $v (call $add (local.get $h) (local.get $n)))
    (call $drop (local.get $h))
    (local.get $v))
  (func (export "bump") (param $h i32) (param $n i32) (result i32)
    (drop (call $add (local.get $h) (local.get $n)))
    (local.get $h))
  (func (export "peek") (param $h i32) (param $n i32) (result i32)
    (local $v i32)
    (local.set $v (call $add (local.get $h) (local.get $n)))
    (call $drop (local.get $h))
    (local.get $v))
  (func (export "live") (result i32) (call $live))
"#,
);

fn instantiate() -> (Store<Host>, Counters) {
    let engine = Engine::default();
    let wasm = support::component("tests/wit/world_res.wit", "counters", GUEST.0, GUEST.1);
    let component = Component::new(&engine, wasm).unwrap();
    let mut linker = Linker::new(&engine);
    Counters::add_to_linker_mut(&mut linker, |h: &mut Host| h).unwrap();
    let mut store = Store::new(&engine, Host::default());
    let counters = Counters::instantiate(&mut store, &component, &linker).unwrap();
    (store, counters)
}

#[test]
fn the_guest_creates_uses_and_drops_a_world_level_resource() {
    let (mut store, counters) = instantiate();
    assert_eq!(counters.call_run(&mut store, 10, 5).unwrap(), 15);
    assert_eq!(counters.call_live(&mut store).unwrap(), 0);
    assert_eq!(
        store.data().calls,
        ["new(10) -> 1", "add(1, 5) -> 15", "drop(1)", "live"]
    );
    assert!(store.data().counters.is_empty());
}

#[test]
fn handles_cross_world_level_exports_owned_and_borrowed() {
    let (mut store, counters) = instantiate();
    let host = store.data_mut();
    host.counters.insert(7, 100);
    let mine = Resource::<Counter>::new_own(7);

    // Owned: the guest takes it, adds through it, and gives it back.
    let back = counters.call_bump(&mut store, mine, 3).unwrap();
    assert_eq!(back.rep(), 7);
    // Borrowed: the guest adds through it and keeps nothing.
    assert_eq!(counters.call_peek(&mut store, &back, 1).unwrap(), 104);
    assert_eq!(counters.call_live(&mut store).unwrap(), 1);
    assert_eq!(
        store.data().calls,
        ["add(7, 3) -> 103", "add(7, 1) -> 104", "live"]
    );
}

#[test]
fn the_world_imports_linker_links_the_resource_alone() {
    // `add_to_linker_imports` is what links the root: without it the
    // component's import of `counter` is missing.
    let engine = Engine::default();
    let wasm = support::component("tests/wit/world_res.wit", "counters", GUEST.0, GUEST.1);
    let component = Component::new(&engine, wasm).unwrap();
    let mut store = Store::new(&engine, Host::default());
    let empty = Linker::<Host>::new(&engine);
    let err = Counters::instantiate(&mut store, &component, &empty)
        .err()
        .expect("nothing linked");
    assert!(err.to_string().contains("counter"), "{err:#}");

    let mut linker = Linker::<Host>::new(&engine);
    Counters::add_to_linker_imports_mut(&mut linker, |h: &mut Host| h).unwrap();
    let counters = Counters::instantiate(&mut store, &component, &linker).unwrap();
    assert_eq!(counters.call_run(&mut store, 1, 1).unwrap(), 2);
}

/// The same world with async imports and exports: `HostCounter` methods
/// are async, `DynHostCounter` and `DynCountersImports` serve from a box,
/// and the guest's calls run through them.
mod all_async {
    use super::{GUEST, support};
    use hostgen::wasmtime;
    use wasmtime::component::{Component, Linker, Resource};
    use wasmtime::{Engine, Store};

    hostgen::bindgen!({
        path: "tests/wit/world_res.wit",
        world: "counters",
        imports: { default: async },
        exports: { default: async },
    });

    #[derive(Default)]
    struct Host(super::Host);

    impl HostCounter for Host {
        async fn new(&mut self, start: u32) -> Resource<Counter> {
            Resource::new_own(super::HostCounter::new(&mut self.0, start).rep())
        }
        async fn add(&mut self, self_: Resource<Counter>, n: u32) -> u32 {
            super::HostCounter::add(&mut self.0, Resource::new_borrow(self_.rep()), n)
        }
        async fn live(&mut self) -> u32 {
            super::HostCounter::live(&mut self.0)
        }
        async fn drop(&mut self, rep: Resource<Counter>) -> wasmtime::Result<()> {
            super::HostCounter::drop(&mut self.0, Resource::new_own(rep.rep()))
        }
    }

    impl CountersImports for Host {}

    struct State {
        host: Box<dyn DynCountersImports>,
    }

    #[tokio::test]
    async fn a_boxed_dyn_host_serves_the_world_level_resource() {
        let engine = Engine::default();
        let wasm = support::component("tests/wit/world_res.wit", "counters", GUEST.0, GUEST.1);
        let component = Component::new(&engine, wasm).unwrap();
        let mut linker = Linker::new(&engine);
        Counters::add_to_linker_mut(&mut linker, |s: &mut State| &mut *s.host).unwrap();
        let mut store = Store::new(
            &engine,
            State {
                host: Box::new(Host::default()),
            },
        );
        let counters = Counters::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        assert_eq!(counters.call_run(&mut store, 2, 3).await.unwrap(), 5);
        assert_eq!(counters.call_live(&mut store).await.unwrap(), 0);
    }
}

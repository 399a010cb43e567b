//! Hosts made of other hosts, through a real component: `delegate:` (a
//! `HostDelegate` impl writes the methods it changes, everything else
//! forwards to an inner host: these bindings' own traits, or another
//! bindings' such as wasmtime's `bindgen!`), and `either: true`
//! (`hostgen::Either<A, B>` dispatches to one of two hosts by `match`).
//! Sync and async, resources included.

use hostgen::wasmtime;

mod support;

use std::collections::BTreeMap;
use wasmtime::component::{Component, Linker, Resource};
use wasmtime::{Engine, Store};

/// `walk`: the hand-written export using the cursor resource.
const GUEST: (&str, &str) = (
    r#"
  (import "test:compose/cursors" "[constructor]cursor" (func $new (param i32) (result i32)))
  (import "test:compose/cursors" "[method]cursor.next" (func $next (param i32) (result i32)))
  (import "test:compose/cursors" "[resource-drop]cursor" (func $drop (param i32)))
"#,
    r#"
  (func (export "walk") (param $start i32) (param $steps i32) (result i32)
    (local $h i32) (local $sum i32)
    (local.set $h (call $new (local.get $start)))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $steps)))
        (local.set $sum (i32.add (local.get $sum) (call $next (local.get $h))))
        (local.set $steps (i32.sub (local.get $steps) (i32.const 1)))
        (br $again)))
    (call $drop (local.get $h))
    (local.get $sum))
"#,
);

fn component(engine: &Engine) -> Component {
    let wasm = support::component("tests/wit/compose.wit", "app", GUEST.0, GUEST.1);
    Component::new(engine, wasm).unwrap()
}

/// The store's cursors, by rep: the next value each returns.
#[derive(Default)]
struct Cursors {
    at: BTreeMap<u32, u32>,
    next_rep: u32,
}

impl Cursors {
    fn open(&mut self, start: u32) -> u32 {
        self.next_rep += 1;
        self.at.insert(self.next_rep, start);
        self.next_rep
    }
    fn step(&mut self, rep: u32) -> u32 {
        let at = self.at.get_mut(&rep).expect("live cursor");
        let v = *at;
        *at += 1;
        v
    }
    fn close(&mut self, rep: u32) -> wasmtime::Result<()> {
        self.at
            .remove(&rep)
            .map(|_| ())
            .ok_or_else(|| wasmtime::Error::msg(format!("no cursor {rep}")))
    }
}

/// Sync bindings, delegating to themselves, with `Either` impls.
mod sync {
    use super::*;

    hostgen::bindgen!({
        path: "tests/wit/compose.wit",
        world: "app",
        delegate: { "test:compose": self },
        either: true,
    });

    pub use test::compose::{cursors, kv};

    /// A complete host: a map, a log of what it was asked.
    #[derive(Default)]
    pub struct Mem {
        pub map: BTreeMap<u32, u32>,
        pub cursors: Cursors,
        pub log: Vec<String>,
    }

    impl kv::Host for Mem {
        fn get(&mut self, key: u32) -> u32 {
            self.log.push(format!("get {key}"));
            self.map.get(&key).copied().unwrap_or(0)
        }
        fn set(&mut self, key: u32, value: u32) {
            self.log.push(format!("set {key} {value}"));
            self.map.insert(key, value);
        }
        fn count(&mut self) -> u32 {
            self.log.push("count".into());
            self.map.len() as u32
        }
    }

    impl cursors::HostCursor for Mem {
        fn new(&mut self, start: u32) -> Resource<cursors::Cursor> {
            self.log.push(format!("new {start}"));
            Resource::new_own(self.cursors.open(start))
        }
        fn next(&mut self, self_: Resource<cursors::Cursor>) -> u32 {
            self.cursors.step(self_.rep())
        }
        fn drop(&mut self, rep: Resource<cursors::Cursor>) -> wasmtime::Result<()> {
            self.log.push(format!("drop {}", rep.rep()));
            self.cursors.close(rep.rep())
        }
    }

    impl cursors::Host for Mem {}

    /// Overrides `kv.set` (doubles every value) and `cursor.next` (counts
    /// by tens); everything else forwards to `inner`.
    #[derive(Default)]
    pub struct Doubling {
        pub inner: Mem,
        pub overridden: u32,
    }

    impl kv::HostDelegate for Doubling {
        type Inner<'a> = &'a mut Mem;
        fn inner(&mut self) -> &mut Mem {
            &mut self.inner
        }
        fn set(&mut self, key: u32, value: u32) {
            self.overridden += 1;
            kv::Host::set(&mut self.inner, key, value * 2)
        }
    }

    impl cursors::HostDelegate for Doubling {
        type Inner<'a> = &'a mut Mem;
        fn inner(&mut self) -> &mut Mem {
            &mut self.inner
        }
    }

    impl cursors::HostCursorDelegate for Doubling {
        fn next(&mut self, self_: Resource<cursors::Cursor>) -> u32 {
            self.overridden += 1;
            cursors::HostCursor::next(&mut self.inner, self_) * 10
        }
    }

    /// The store data: whichever host serves, behind one getter.
    pub struct State<H> {
        pub host: H,
    }

    pub fn run<H>(host: H) -> (Store<State<H>>, App)
    where
        H: kv::Host + cursors::Host + 'static,
    {
        let engine = Engine::default();
        let component = component(&engine);
        let mut linker = Linker::new(&engine);
        App::add_to_linker_mut(&mut linker, |s: &mut State<H>| &mut s.host).unwrap();
        let mut store = Store::new(&engine, State { host });
        let app = App::instantiate(&mut store, &component, &linker).unwrap();
        (store, app)
    }

    /// The same calls on any host: set two keys, read one, count, walk.
    pub fn exercise<H>(store: &mut Store<State<H>>, app: &App) -> (u32, u32, u32) {
        let kv = app.test_compose_kv();
        kv.call_set(&mut *store, 1, 5).unwrap();
        kv.call_set(&mut *store, 2, 7).unwrap();
        let got = kv.call_get(&mut *store, 1).unwrap();
        let count = kv.call_count(&mut *store).unwrap();
        let walked = app.call_walk(&mut *store, 3, 3).unwrap();
        (got, count, walked)
    }
}

#[test]
fn a_delegate_overrides_two_methods_and_forwards_the_rest() {
    use sync::*;
    let (mut store, app) = run(hostgen::Delegate(Doubling::default()));
    let (got, count, walked) = exercise(&mut store, &app);
    // `set` doubled, `get` and `count` forwarded; `next` by tens
    // (3 + 4 + 5) * 10, `new` and `drop` forwarded.
    assert_eq!((got, count, walked), (10, 2, 120));
    let host = &store.data().host;
    assert_eq!(host.overridden, 2 + 3);
    assert_eq!(
        host.inner.log,
        ["set 1 10", "set 2 14", "get 1", "count", "new 3", "drop 1"]
    );
    assert!(host.inner.cursors.at.is_empty(), "the forwarded drop ran");
}

#[test]
fn the_inner_host_alone_gives_the_unmodified_answers() {
    use sync::*;
    let (mut store, app) = run(Mem::default());
    assert_eq!(exercise(&mut store, &app), (5, 2, 12));
}

#[test]
fn either_dispatches_to_the_host_chosen_at_run_time() {
    use sync::*;
    type Choice = hostgen::Either<Mem, hostgen::Delegate<Doubling>>;
    let (mut store, app) = run::<Choice>(hostgen::Either::Left(Mem::default()));
    assert_eq!(exercise(&mut store, &app), (5, 2, 12));
    let (mut store, app) = run::<Choice>(hostgen::Either::Right(hostgen::Delegate(
        Doubling::default(),
    )));
    assert_eq!(exercise(&mut store, &app), (10, 2, 120));
    let hostgen::Either::Right(host) = &store.data().host else {
        panic!("the right host")
    };
    assert_eq!(host.inner.log.len(), 6);
}

/// Async bindings: `kv` and the cursor's functions async.
mod asynchronous {
    use super::*;

    hostgen::bindgen!({
        path: "tests/wit/compose.wit",
        world: "app",
        imports: { default: async },
        exports: { default: async },
        delegate: { "test:compose/kv": self, "test:compose/cursors": self },
        either: true,
    });

    pub use test::compose::{cursors, kv};

    #[derive(Default)]
    pub struct Mem {
        pub map: BTreeMap<u32, u32>,
        pub cursors: Cursors,
    }

    impl kv::Host for Mem {
        async fn get(&mut self, key: u32) -> u32 {
            tokio_yield().await;
            self.map.get(&key).copied().unwrap_or(0)
        }
        async fn set(&mut self, key: u32, value: u32) {
            tokio_yield().await;
            self.map.insert(key, value);
        }
        async fn count(&mut self) -> u32 {
            self.map.len() as u32
        }
    }

    impl cursors::HostCursor for Mem {
        async fn new(&mut self, start: u32) -> Resource<cursors::Cursor> {
            Resource::new_own(self.cursors.open(start))
        }
        async fn next(&mut self, self_: Resource<cursors::Cursor>) -> u32 {
            tokio_yield().await;
            self.cursors.step(self_.rep())
        }
        async fn drop(&mut self, rep: Resource<cursors::Cursor>) -> wasmtime::Result<()> {
            self.cursors.close(rep.rep())
        }
    }

    impl cursors::Host for Mem {}

    /// Overrides `get` (adds 100) and nothing of the cursor.
    #[derive(Default)]
    pub struct Plus {
        pub inner: Mem,
    }

    impl kv::HostDelegate for Plus {
        type Inner<'a> = &'a mut Mem;
        fn inner(&mut self) -> &mut Mem {
            &mut self.inner
        }
        async fn get(&mut self, key: u32) -> u32 {
            kv::Host::get(&mut self.inner, key).await + 100
        }
    }

    impl cursors::HostDelegate for Plus {
        type Inner<'a> = &'a mut Mem;
        fn inner(&mut self) -> &mut Mem {
            &mut self.inner
        }
    }

    impl cursors::HostCursorDelegate for Plus {}

    /// Yields once to the executor, so a forwarded future is really
    /// suspended and resumed.
    async fn tokio_yield() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                std::task::Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
        .await
    }

    pub struct State<H> {
        pub host: H,
    }

    pub async fn exercise<H>(host: H) -> ((u32, u32, u32), H)
    where
        H: kv::Host + cursors::Host + Send + 'static,
    {
        let engine = Engine::default();
        let component = component(&engine);
        let mut linker = Linker::new(&engine);
        App::add_to_linker_mut(&mut linker, |s: &mut State<H>| &mut s.host).unwrap();
        let mut store = Store::new(&engine, State { host });
        let app = App::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        let kv = app.test_compose_kv();
        kv.call_set(&mut store, 1, 5).await.unwrap();
        let got = kv.call_get(&mut store, 1).await.unwrap();
        let count = kv.call_count(&mut store).await.unwrap();
        let walked = app.call_walk(&mut store, 3, 3).await.unwrap();
        ((got, count, walked), store.into_data().host)
    }
}

#[tokio::test]
async fn an_async_delegate_overrides_one_method_and_forwards_the_rest() {
    use asynchronous::*;
    let (answers, host) = exercise(hostgen::Delegate(Plus::default())).await;
    assert_eq!(answers, (105, 1, 12));
    assert_eq!(host.0.inner.map.get(&1), Some(&5));
    assert!(
        host.0.inner.cursors.at.is_empty(),
        "the forwarded async drop ran"
    );
}

#[tokio::test]
async fn either_dispatches_async_hosts_without_boxing() {
    use asynchronous::*;
    type Choice = hostgen::Either<Mem, hostgen::Delegate<Plus>>;
    let (answers, _) = exercise::<Choice>(hostgen::Either::Left(Mem::default())).await;
    assert_eq!(answers, (5, 1, 12));
    let (answers, _) =
        exercise::<Choice>(hostgen::Either::Right(hostgen::Delegate(Plus::default()))).await;
    assert_eq!(answers, (105, 1, 12));
}

/// The inner host implements another bindings' traits: wasmtime's own
/// `bindgen!` of the same WIT. `with:` gives hostgen's bindings
/// wasmtime's resource type, so handles pass straight through.
mod external {
    use super::*;

    pub mod wt {
        use hostgen::wasmtime;
        wasmtime::component::bindgen!({
            path: "tests/wit/compose.wit",
            world: "app",
            wasmtime_crate: hostgen::wasmtime,
        });
    }

    hostgen::bindgen!({
        path: "tests/wit/compose.wit",
        world: "app",
        with: { "test:compose/cursors.cursor": wt::test::compose::cursors::Cursor },
        delegate: {
            "test:compose/kv": wt::test::compose::kv,
            "test:compose/cursors": wt::test::compose::cursors,
        },
    });

    pub use test::compose::{cursors, kv};

    /// A host written against wasmtime's bindings.
    #[derive(Default)]
    pub struct WtHost {
        pub map: BTreeMap<u32, u32>,
        pub cursors: Cursors,
    }

    impl wt::test::compose::kv::Host for WtHost {
        fn get(&mut self, key: u32) -> u32 {
            self.map.get(&key).copied().unwrap_or(0)
        }
        fn set(&mut self, key: u32, value: u32) {
            self.map.insert(key, value);
        }
        fn count(&mut self) -> u32 {
            self.map.len() as u32
        }
    }

    impl wt::test::compose::cursors::HostCursor for WtHost {
        fn new(&mut self, start: u32) -> Resource<wt::test::compose::cursors::Cursor> {
            Resource::new_own(self.cursors.open(start))
        }
        fn next(&mut self, self_: Resource<wt::test::compose::cursors::Cursor>) -> u32 {
            self.cursors.step(self_.rep())
        }
        fn drop(
            &mut self,
            rep: Resource<wt::test::compose::cursors::Cursor>,
        ) -> wasmtime::Result<()> {
            self.cursors.close(rep.rep())
        }
    }

    impl wt::test::compose::cursors::Host for WtHost {}

    /// Overrides `count` (reports one more) and forwards the rest to the
    /// wasmtime-bindings host.
    #[derive(Default)]
    pub struct OffByOne {
        pub inner: WtHost,
    }

    impl kv::HostDelegate for OffByOne {
        type Inner<'a> = &'a mut WtHost;
        fn inner(&mut self) -> &mut WtHost {
            &mut self.inner
        }
        fn count(&mut self) -> u32 {
            wt::test::compose::kv::Host::count(&mut self.inner) + 1
        }
    }

    impl cursors::HostDelegate for OffByOne {
        type Inner<'a> = &'a mut WtHost;
        fn inner(&mut self) -> &mut WtHost {
            &mut self.inner
        }
    }

    impl cursors::HostCursorDelegate for OffByOne {}
}

#[test]
fn a_delegate_forwards_to_a_host_of_wasmtimes_own_bindings() {
    use external::*;
    let engine = Engine::default();
    let component = component(&engine);
    let mut linker = Linker::new(&engine);
    type H = hostgen::Delegate<OffByOne>;
    App::add_to_linker_mut(&mut linker, |h: &mut H| h).unwrap();
    let mut store = Store::new(&engine, hostgen::Delegate(OffByOne::default()));
    let app = App::instantiate(&mut store, &component, &linker).unwrap();
    let kv = app.test_compose_kv();
    kv.call_set(&mut store, 4, 44).unwrap();
    assert_eq!(kv.call_get(&mut store, 4).unwrap(), 44);
    assert_eq!(
        kv.call_count(&mut store).unwrap(),
        2,
        "overridden: one more"
    );
    assert_eq!(app.call_walk(&mut store, 10, 2).unwrap(), 21);
    assert!(store.data().inner.cursors.at.is_empty());
}

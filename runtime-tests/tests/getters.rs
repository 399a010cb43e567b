//! The getter shapes `add_to_linker*` accepts, each linked and called
//! through a real component: `&mut U`, a wrapper borrowing the store data
//! (a plain `fn` item, also generic), `&mut dyn Host` from a `Box<dyn Host>`
//! field, and, under `skip_mut_forwarding_impls`, a blanket
//! `impl<T: View> Host for T`.

use hostgen::wasmtime;

mod support;

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "tests/wit/counter.wit", world: "counting" });

use test::getters::counter::Host;

fn component(engine: &Engine) -> Component {
    let bytes = support::echo_component("tests/wit/counter.wit", "counting");
    Component::new(engine, bytes).expect("component compiles")
}

/// Links with `link`, then calls the guest's `add` (which calls the host's)
/// for each of `adds`, returning the store data and the answers.
fn run<T: 'static>(
    data: T,
    link: impl FnOnce(&mut Linker<T>) -> wasmtime::Result<()>,
    adds: &[u32],
) -> (T, Vec<u32>) {
    let engine = Engine::default();
    let mut linker = Linker::new(&engine);
    link(&mut linker).expect("links");
    let mut store = Store::new(&engine, data);
    let world =
        Counting::instantiate(&mut store, &component(&engine), &linker).expect("instantiates");
    let answers = adds
        .iter()
        .map(|n| {
            world
                .test_getters_counter()
                .call_add(&mut store, *n)
                .expect("call succeeds")
        })
        .collect();
    (store.into_data(), answers)
}

#[derive(Default)]
struct Counter {
    total: u32,
}

impl Host for Counter {
    fn add(&mut self, n: u32) -> u32 {
        self.total += n;
        self.total
    }
}

#[derive(Default)]
struct State {
    counter: Counter,
    calls: u32,
}

#[test]
fn mut_ref_getter_closure() {
    let (state, answers) = run(
        State::default(),
        |l| test::getters::counter::add_to_linker_mut(l, |s: &mut State| &mut s.counter),
        &[1, 2, 3],
    );
    assert_eq!(answers, [1, 3, 6]);
    assert_eq!(state.counter.total, 6);
}

/// A wrapper that borrows the whole store data: what a host library hands
/// out when its state lives in the embedder's store type.
struct Tracked<'a> {
    state: &'a mut State,
}

impl Host for Tracked<'_> {
    fn add(&mut self, n: u32) -> u32 {
        self.state.calls += 1;
        self.state.counter.add(n * 10)
    }
}

/// The documented way to write a borrowing getter: a plain `fn` item. No
/// annotation and no helper are needed.
fn tracked(state: &mut State) -> Tracked<'_> {
    Tracked { state }
}

#[test]
fn wrapper_getter_fn_item() {
    let (state, answers) = run(
        State::default(),
        |l| test::getters::counter::add_to_linker_get_host(l, tracked),
        &[1, 2],
    );
    assert_eq!(answers, [10, 30]);
    assert_eq!((state.calls, state.counter.total), (2, 30));
}

/// A host library generic over the embedder's store type.
trait CounterView {
    fn counter(&mut self) -> &mut Counter;
}

impl CounterView for State {
    fn counter(&mut self) -> &mut Counter {
        &mut self.counter
    }
}

struct Doubling<'a, T: ?Sized>(&'a mut T);

impl<T: CounterView + ?Sized> Host for Doubling<'_, T> {
    fn add(&mut self, n: u32) -> u32 {
        self.0.counter().add(2 * n)
    }
}

fn doubling<T: CounterView>(t: &mut T) -> Doubling<'_, T> {
    Doubling(t)
}

/// What a generic host library exports: it never names the store type.
fn link_doubling<T: CounterView + 'static>(linker: &mut Linker<T>) -> wasmtime::Result<()> {
    test::getters::counter::add_to_linker_get_host(linker, doubling::<T>)
}

#[test]
fn generic_wrapper_getter_fn_item() {
    let (state, answers) = run(State::default(), link_doubling::<State>, &[5, 5]);
    assert_eq!(answers, [10, 20]);
    assert_eq!(state.counter.total, 20);
}

/// A host picked at run time.
struct Plugin {
    host: Box<dyn Host + Send>,
}

#[test]
fn dyn_host_getter() {
    let plugin = || Plugin {
        host: Box::new(Counter { total: 100 }),
    };
    // Through `add_to_linker`: `U = dyn Host`.
    let (_, answers) = run(
        plugin(),
        |l| {
            test::getters::counter::add_to_linker_mut(l, |p: &mut Plugin| {
                &mut *p.host as &mut dyn Host
            })
        },
        &[1, 1],
    );
    assert_eq!(answers, [101, 102]);
    // Through `add_to_linker_get_host`: the getter returns `&mut dyn Host`,
    // served by the `&mut` forwarding impl.
    fn get(p: &mut Plugin) -> &mut dyn Host {
        &mut *p.host
    }
    let (_, answers) = run(
        plugin(),
        |l| test::getters::counter::add_to_linker_get_host(l, get),
        &[7],
    );
    assert_eq!(answers, [107]);
}

#[test]
fn world_level_linking_with_one_getter() {
    let (state, answers) = run(
        State::default(),
        |l| Counting::add_to_linker_mut(l, |s: &mut State| &mut s.counter),
        &[4],
    );
    assert_eq!((answers, state.counter.total), (vec![4], 4));
    let (state, answers) = run(
        State::default(),
        |l| Counting::add_to_linker_get_host(l, tracked),
        &[4],
    );
    assert_eq!((answers, state.calls), (vec![40], 1));
}

/// With `skip_mut_forwarding_impls` a library may implement `Host` for every
/// type that has its view — the blanket impl that otherwise conflicts
/// (E0119) with `impl Host for &mut _T`.
mod blanket {
    use super::*;

    hostgen::bindgen!({
        path: "tests/wit/counter.wit",
        world: "counting",
        skip_mut_forwarding_impls: true,
    });

    pub trait TotalView {
        fn total(&mut self) -> &mut u32;
    }

    impl<T: TotalView> test::getters::counter::Host for T {
        fn add(&mut self, n: u32) -> u32 {
            *self.total() += n;
            *self.total()
        }
    }

    pub struct Data {
        pub total: u32,
    }

    impl TotalView for Data {
        fn total(&mut self) -> &mut u32 {
            &mut self.total
        }
    }

    #[test]
    fn blanket_impl_links_and_runs() {
        let engine = Engine::default();
        let mut linker = Linker::new(&engine);
        // `&mut U` getters still work without the forwarding impl…
        test::getters::counter::add_to_linker_mut(&mut linker, |d: &mut Data| d).unwrap();
        let mut store = Store::new(&engine, Data { total: 1 });
        let world = Counting::instantiate(&mut store, &component(&engine), &linker).unwrap();
        let guest = world.test_getters_counter();
        assert_eq!(guest.call_add(&mut store, 2).unwrap(), 3);
        assert_eq!(guest.call_add(&mut store, 3).unwrap(), 6);
        assert_eq!(store.data().total, 6);
    }

    #[test]
    fn dyn_host_without_forwarding_impls() {
        struct Boxed(Box<dyn test::getters::counter::Host + Send>);
        let engine = Engine::default();
        let mut linker = Linker::new(&engine);
        test::getters::counter::add_to_linker_mut(&mut linker, |b: &mut Boxed| &mut *b.0).unwrap();
        let mut store = Store::new(&engine, Boxed(Box::new(Data { total: 0 })));
        let world = Counting::instantiate(&mut store, &component(&engine), &linker).unwrap();
        assert_eq!(
            world
                .test_getters_counter()
                .call_add(&mut store, 9)
                .unwrap(),
            9
        );
    }
}

#[test]
fn missing_import_fails_instantiation_naming_the_interface() {
    let engine = Engine::default();
    let linker = Linker::<State>::new(&engine);
    let mut store = Store::new(&engine, State::default());
    let err = Counting::instantiate(&mut store, &component(&engine), &linker)
        .err()
        .expect("instantiation must fail");
    let text = format!("{err:#}");
    assert!(text.contains("test:getters/counter"), "{text}");
}

#[test]
fn component_without_the_export_is_refused_by_name() {
    // The roundtrip world's component does not export `test:getters/counter`.
    let engine = Engine::default();
    let other = Component::new(
        &engine,
        support::echo_component("tests/wit/roundtrip.wit", "roundtrip"),
    )
    .unwrap();
    let err = CountingIndices::new(&other)
        .err()
        .expect("lookup must fail");
    assert_eq!(
        err.to_string(),
        "the component has no export named `test:getters/counter`"
    );
}

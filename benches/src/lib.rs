//! The same guest component linked three ways: hostgen's generated
//! `add_to_linker` (a), hand-written `func_wrap` closures (b), and
//! `wasmtime::component::bindgen!` (c). Every host does the same work, so
//! the benchmarks in `benches/calls.rs` measure the linking layers alone.

pub mod allocs;
pub mod asynchronous;
pub mod wasmi;

use wasmtime::component::{Component, Linker, Resource};
use wasmtime::{Engine, Store};

/// The host state all three linkers serve.
#[derive(Default)]
pub struct State {
    pub total: u64,
}

/// The import each `run` case calls.
#[derive(Clone, Copy, Debug)]
pub enum Case {
    Nothing = 0,
    FourU32 = 1,
    String32 = 2,
    Bytes4k = 3,
    Record5 = 4,
    ResourceMethod = 5,
}

impl Case {
    pub const ALL: [Case; 6] = [
        Case::Nothing,
        Case::FourU32,
        Case::String32,
        Case::Bytes4k,
        Case::Record5,
        Case::ResourceMethod,
    ];
}

/// The host impls, identical for hostgen's and wasmtime's generated traits
/// (they have the same names and signatures for this WIT).
macro_rules! impl_hosts {
    () => {
        impl bench::calls::calls::HostCounter for State {
            fn new(&mut self) -> Resource<Counter> {
                Resource::new_own(1)
            }
            fn add(&mut self, _counter: Resource<Counter>, n: u32) {
                self.total += u64::from(n);
            }
            fn drop(&mut self, _rep: Resource<Counter>) -> wasmtime::Result<()> {
                Ok(())
            }
        }

        impl bench::calls::calls::Host for State {
            fn nothing(&mut self) {
                self.total += 1;
            }
            fn four(&mut self, a: u32, b: u32, c: u32, d: u32) -> u32 {
                a ^ b ^ c ^ d
            }
            fn echo_string(&mut self, s: String) -> String {
                s
            }
            fn sum_bytes(&mut self, b: Vec<u8>) -> u32 {
                b.len() as u32
            }
            fn record_in(&mut self, r: Rec) -> u32 {
                r.a ^ r.e
            }
        }
    };
}

/// (a) hostgen.
pub mod hg {
    use super::*;
    hostgen::bindgen!({ path: "wit", world: "bench" });
    pub use bench::calls::calls::{Counter, Rec};

    impl_hosts!();

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker_mut(&mut linker, |s: &mut State| s).expect("links");
        linker
    }
}

/// (d) hostgen with `catch_panics: false`: what panic catching costs.
pub mod hg_nocatch {
    use super::*;
    hostgen::bindgen!({ path: "wit", world: "bench", catch_panics: false });
    use bench::calls::calls::{Counter, Rec};

    impl_hosts!();

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker_mut(&mut linker, |s: &mut State| s).expect("links");
        linker
    }
}

/// Composed hosts on bindings with `delegate:` and `either: true`, for
/// `count` variants j to n: a `hostgen::Delegate` that overrides nothing
/// (j), the same forwarding written by hand (k), `hostgen::Either` holding
/// the host (l), `&mut dyn Host` (m), and the plain host on these bindings
/// (n, the baseline for the others).
pub mod compose {
    use super::*;
    hostgen::bindgen!({
        path: "wit",
        world: "bench",
        delegate: { "bench:calls/calls": self },
        either: true,
    });
    use bench::calls::calls::{self as calls, Counter, Rec};

    impl_hosts!();

    /// Overrides nothing: every call forwards to `inner`.
    #[derive(Default)]
    pub struct Fwd {
        pub inner: State,
    }

    impl calls::HostDelegate for Fwd {
        type Inner<'a> = &'a mut State;
        fn inner(&mut self) -> &mut State {
            &mut self.inner
        }
    }

    impl calls::HostCounterDelegate for Fwd {}

    /// The forwarding `delegate:` replaces, written by hand.
    #[derive(Default)]
    pub struct Hand {
        pub inner: State,
    }

    impl calls::HostCounter for Hand {
        fn new(&mut self) -> Resource<Counter> {
            calls::HostCounter::new(&mut self.inner)
        }
        fn add(&mut self, counter: Resource<Counter>, n: u32) {
            calls::HostCounter::add(&mut self.inner, counter, n)
        }
        fn drop(&mut self, rep: Resource<Counter>) -> wasmtime::Result<()> {
            calls::HostCounter::drop(&mut self.inner, rep)
        }
    }

    impl calls::Host for Hand {
        fn nothing(&mut self) {
            calls::Host::nothing(&mut self.inner)
        }
        fn four(&mut self, a: u32, b: u32, c: u32, d: u32) -> u32 {
            calls::Host::four(&mut self.inner, a, b, c, d)
        }
        fn echo_string(&mut self, s: String) -> String {
            calls::Host::echo_string(&mut self.inner, s)
        }
        fn sum_bytes(&mut self, b: Vec<u8>) -> u32 {
            calls::Host::sum_bytes(&mut self.inner, b)
        }
        fn record_in(&mut self, r: Rec) -> u32 {
            calls::Host::record_in(&mut self.inner, r)
        }
    }

    /// Two hosts, one chosen at run time.
    pub type Choice = hostgen::Either<State, Hand>;

    /// A host behind a trait object.
    pub struct Dyn(pub Box<dyn calls::Host + Send>);

    impl Default for Dyn {
        fn default() -> Self {
            Dyn(Box::new(State::default()))
        }
    }

    /// The linker serving store data `T` through `get`.
    pub fn linker<T: 'static, U: calls::Host + ?Sized + 'static>(
        engine: &Engine,
        get: fn(&mut T) -> &mut U,
    ) -> Linker<T> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker_mut(&mut linker, get).expect("links");
        linker
    }
}

/// (b) the hand-written limit: `func_wrap` closures written directly.
pub mod handwritten {
    use super::*;
    use hg::{Counter, Rec};
    use wasmtime::StoreContextMut;
    use wasmtime::component::ResourceType;

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::<State>::new(engine);
        let mut inst = linker.instance("bench:calls/calls").expect("instance");
        inst.resource("counter", ResourceType::host::<Counter>(), |_, _| Ok(()))
            .expect("resource");
        inst.func_wrap(
            "[constructor]counter",
            |_: StoreContextMut<'_, State>, (): ()| Ok((Resource::<Counter>::new_own(1),)),
        )
        .expect("link");
        inst.func_wrap(
            "[method]counter.add",
            |mut s: StoreContextMut<'_, State>, (_c, n): (Resource<Counter>, u32)| {
                s.data_mut().total += u64::from(n);
                Ok(())
            },
        )
        .expect("link");
        inst.func_wrap("nothing", |mut s: StoreContextMut<'_, State>, (): ()| {
            s.data_mut().total += 1;
            Ok(())
        })
        .expect("link");
        inst.func_wrap(
            "four",
            |_: StoreContextMut<'_, State>, (a, b, c, d): (u32, u32, u32, u32)| {
                Ok((a ^ b ^ c ^ d,))
            },
        )
        .expect("link");
        inst.func_wrap(
            "echo-string",
            |_: StoreContextMut<'_, State>, (s,): (String,)| Ok((s,)),
        )
        .expect("link");
        inst.func_wrap(
            "sum-bytes",
            |_: StoreContextMut<'_, State>, (b,): (Vec<u8>,)| Ok((b.len() as u32,)),
        )
        .expect("link");
        inst.func_wrap(
            "record-in",
            |_: StoreContextMut<'_, State>, (r,): (Rec,)| Ok((r.a ^ r.e,)),
        )
        .expect("link");
        linker
    }
}

/// (c) wasmtime's own `bindgen!` over the same WIT.
pub mod wt {
    use super::*;
    use wasmtime::component::HasSelf;
    wasmtime::component::bindgen!({ path: "wit", world: "bench" });
    use bench::calls::calls::{Counter, Rec};

    impl_hosts!();

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).expect("links");
        linker
    }
}

const GUEST: &str = r#"(module
  (import "bench:calls/calls" "nothing" (func $nothing))
  (import "bench:calls/calls" "four" (func $four (param i32 i32 i32 i32) (result i32)))
  (import "bench:calls/calls" "echo-string" (func $echo (param i32 i32 i32)))
  (import "bench:calls/calls" "sum-bytes" (func $sum (param i32 i32) (result i32)))
  (import "bench:calls/calls" "record-in" (func $rec (param i32 i64 f32 i32 i32) (result i32)))
  (import "bench:calls/calls" "[constructor]counter" (func $ctor (result i32)))
  (import "bench:calls/calls" "[method]counter.add" (func $add (param i32 i32)))
  (import "bench:calls/calls" "[resource-drop]counter" (func $drop (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "0123456789abcdef0123456789abcdef")
  (global $heap (mut i32) (i32.const 8192))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "run") (param $which i32) (param $n i32)
    (local $h i32)
    (if (i32.eq (local.get $which) (i32.const 5))
      (then (local.set $h (call $ctor))))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (block $b5 (block $b4 (block $b3 (block $b2 (block $b1 (block $b0
          (br_table $b0 $b1 $b2 $b3 $b4 $b5 (local.get $which)))
          (call $nothing) (br $l))
          (drop (call $four (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))) (br $l))
          (call $echo (i32.const 1024) (i32.const 32) (i32.const 16))
          (global.set $heap (i32.const 8192)) (br $l))
          (drop (call $sum (i32.const 2048) (i32.const 4096))) (br $l))
          (drop (call $rec (i32.const 1) (i64.const 2) (f32.const 3) (i32.const 4) (i32.const 5))) (br $l))
        (call $add (local.get $h) (i32.const 1))
        (br $l)))
    (if (i32.eq (local.get $which) (i32.const 5))
      (then (call $drop (local.get $h)))))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "cabi_post_echo") (param i32)
    (global.set $heap (i32.const 8192)))
)"#;

/// The guest component, built from WAT by wit-component.
pub fn component(engine: &Engine) -> Component {
    let bytes = component_bytes(concat!(env!("CARGO_MANIFEST_DIR"), "/wit"), "bench", GUEST);
    Component::new(engine, bytes).expect("compiles")
}

/// The component of world `world` of the WIT package in `dir`, its core
/// module written in WAT (`wat`), built by wit-component.
pub fn component_bytes(dir: &str, world: &str, wat: &str) -> Vec<u8> {
    let mut resolve = wit_parser::Resolve::default();
    let (pkg, _) = resolve.push_path(dir).expect("bench WIT parses");
    let world = resolve.select_world(&[pkg], Some(world)).expect("world");
    let mut module = wat::parse_str(wat).expect("guest WAT");
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        wit_component::StringEncoding::UTF8,
        // No 🔗 canonical names (`@0.2` plus a version suffix): wasmtime
        // refuses them unless configured to accept them (50 only).
        false,
    )
    .expect("metadata");
    wit_component::ComponentEncoder::default()
        .module(&module)
        .expect("module")
        .validate(true)
        .encode()
        .expect("component")
}

/// A store holding `data` with the guest instantiated through `linker`.
pub fn instance_with<T: 'static>(
    engine: &Engine,
    component: &Component,
    linker: &Linker<T>,
    data: T,
) -> (Store<T>, hg::Bench) {
    let mut store = Store::new(engine, data);
    let world = hg::Bench::instantiate(&mut store, component, linker).expect("instantiates");
    (store, world)
}

/// A store with the guest instantiated through `linker`, ready to `run`.
pub fn instance(
    engine: &Engine,
    component: &Component,
    linker: &Linker<State>,
) -> (Store<State>, hg::Bench) {
    let mut store = Store::new(engine, State::default());
    let world = hg::Bench::instantiate(&mut store, component, linker).expect("instantiates");
    (store, world)
}

//! The async cases: the same guest and WIT with every import async,
//! linked five ways: hostgen with a static host (e), hostgen serving the
//! imports from a `Box<dyn DynHost>` (f), hand-written `func_wrap_async`
//! closures without (g) and with (s) panic catching, and wasmtime's
//! `bindgen!` with async imports (h). Calls
//! run on a current-thread tokio runtime (`block_on` per guest `run`).

use crate::{Case, State};
use wasmtime::component::{Component, Linker, Resource};
use wasmtime::{Engine, Store};

/// The async host impls, identical for hostgen's and wasmtime's generated
/// traits (same names and signatures for this WIT).
macro_rules! impl_async_hosts {
    () => {
        impl bench::calls::calls::HostCounter for State {
            async fn new(&mut self) -> Resource<Counter> {
                Resource::new_own(1)
            }
            async fn add(&mut self, _counter: Resource<Counter>, n: u32) {
                self.total += u64::from(n);
            }
            async fn drop(&mut self, _rep: Resource<Counter>) -> wasmtime::Result<()> {
                Ok(())
            }
        }

        impl bench::calls::calls::Host for State {
            async fn nothing(&mut self) {
                self.total += 1;
            }
            async fn four(&mut self, a: u32, b: u32, c: u32, d: u32) -> u32 {
                a ^ b ^ c ^ d
            }
            async fn echo_string(&mut self, s: String) -> String {
                s
            }
            async fn sum_bytes(&mut self, b: Vec<u8>) -> u32 {
                b.len() as u32
            }
            async fn record_in(&mut self, r: Rec) -> u32 {
                r.a ^ r.e
            }
        }
    };
}

/// (e) hostgen, async imports and exports, static host; (f) uses its
/// `DynHost`.
pub mod hg {
    use super::*;
    hostgen::bindgen!({
        path: "wit",
        world: "bench",
        imports: { default: async },
        exports: { default: async },
    });
    pub use bench::calls::calls::{Counter, DynHost, Rec};

    impl_async_hosts!();

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker_mut(&mut linker, |s: &mut State| s).expect("links");
        linker
    }
}

/// (i) hostgen, async, with `catch_panics: false`: what catching costs.
pub mod hg_nocatch {
    use super::*;
    hostgen::bindgen!({
        path: "wit",
        world: "bench",
        imports: { default: async },
        exports: { default: async },
        catch_panics: false,
    });
    use bench::calls::calls::{Counter, Rec};

    impl_async_hosts!();

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker_mut(&mut linker, |s: &mut State| s).expect("links");
        linker
    }
}

/// Store data whose import host is picked at run time.
pub struct DynState {
    pub host: Box<dyn hg::DynHost>,
}

impl Default for DynState {
    fn default() -> Self {
        DynState {
            host: Box::new(State::default()),
        }
    }
}

/// (f) hostgen, the same bindings, serving the imports from
/// `Box<dyn DynHost>`.
pub fn dyn_linker(engine: &Engine) -> Linker<DynState> {
    let mut linker = Linker::new(engine);
    hg::Bench::add_to_linker_mut(&mut linker, |s: &mut DynState| &mut *s.host).expect("links");
    linker
}

/// (g) the hand-written limit: `func_wrap_async` closures.
pub mod handwritten {
    use super::*;
    use hg::{Counter, Rec};
    use wasmtime::StoreContextMut;
    use wasmtime::component::ResourceType;

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::<State>::new(engine);
        let mut inst = linker.instance("bench:calls/calls").expect("instance");
        inst.resource_async("counter", ResourceType::host::<Counter>(), |_, _| {
            Box::new(async { Ok(()) })
        })
        .expect("resource");
        inst.func_wrap_async(
            "[constructor]counter",
            |_: StoreContextMut<'_, State>, (): ()| {
                Box::new(async { Ok((Resource::<Counter>::new_own(1),)) })
            },
        )
        .expect("link");
        inst.func_wrap_async(
            "[method]counter.add",
            |mut s: StoreContextMut<'_, State>, (_c, n): (Resource<Counter>, u32)| {
                Box::new(async move {
                    s.data_mut().total += u64::from(n);
                    Ok(())
                })
            },
        )
        .expect("link");
        inst.func_wrap_async("nothing", |mut s: StoreContextMut<'_, State>, (): ()| {
            Box::new(async move {
                s.data_mut().total += 1;
                Ok(())
            })
        })
        .expect("link");
        inst.func_wrap_async(
            "four",
            |_: StoreContextMut<'_, State>, (a, b, c, d): (u32, u32, u32, u32)| {
                Box::new(async move { Ok((a ^ b ^ c ^ d,)) })
            },
        )
        .expect("link");
        inst.func_wrap_async(
            "echo-string",
            |_: StoreContextMut<'_, State>, (s,): (String,)| Box::new(async move { Ok((s,)) }),
        )
        .expect("link");
        inst.func_wrap_async(
            "sum-bytes",
            |_: StoreContextMut<'_, State>, (b,): (Vec<u8>,)| {
                Box::new(async move { Ok((b.len() as u32,)) })
            },
        )
        .expect("link");
        inst.func_wrap_async(
            "record-in",
            |_: StoreContextMut<'_, State>, (r,): (Rec,)| Box::new(async move { Ok((r.a ^ r.e,)) }),
        )
        .expect("link");
        linker
    }
}

/// (s) the hand-written limit *with* panic catching: the same closures as
/// (g), each polling its work inside `catch_unwind`, which is what
/// catching costs on `func_wrap_async` whoever writes it (the boxed future
/// escapes into `catch_unwind`, so its allocation is no longer elided).
pub mod handwritten_catch {
    use super::*;
    use hg::{Counter, Rec};
    use std::future::Future;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::pin::pin;
    use std::task::Poll;
    use wasmtime::StoreContextMut;
    use wasmtime::component::ResourceType;

    /// Awaits `work`, a panic in any poll becoming an error.
    async fn caught<R>(work: impl Future<Output = R>) -> wasmtime::Result<R> {
        let mut work = pin!(work);
        std::future::poll_fn(
            |cx| match catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(cx))) {
                Ok(poll) => poll.map(Ok),
                Err(_) => Poll::Ready(Err(wasmtime::Error::msg("host panicked"))),
            },
        )
        .await
    }

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::<State>::new(engine);
        let mut inst = linker.instance("bench:calls/calls").expect("instance");
        inst.resource_async("counter", ResourceType::host::<Counter>(), |_, _| {
            Box::new(caught(async {}))
        })
        .expect("resource");
        inst.func_wrap_async(
            "[constructor]counter",
            |_: StoreContextMut<'_, State>, (): ()| {
                Box::new(caught(async { (Resource::<Counter>::new_own(1),) }))
            },
        )
        .expect("link");
        inst.func_wrap_async(
            "[method]counter.add",
            |mut s: StoreContextMut<'_, State>, (_c, n): (Resource<Counter>, u32)| {
                Box::new(caught(async move {
                    s.data_mut().total += u64::from(n);
                }))
            },
        )
        .expect("link");
        inst.func_wrap_async("nothing", |mut s: StoreContextMut<'_, State>, (): ()| {
            Box::new(caught(async move {
                s.data_mut().total += 1;
            }))
        })
        .expect("link");
        inst.func_wrap_async(
            "four",
            |_: StoreContextMut<'_, State>, (a, b, c, d): (u32, u32, u32, u32)| {
                Box::new(caught(async move { (a ^ b ^ c ^ d,) }))
            },
        )
        .expect("link");
        inst.func_wrap_async(
            "echo-string",
            |_: StoreContextMut<'_, State>, (s,): (String,)| Box::new(caught(async move { (s,) })),
        )
        .expect("link");
        inst.func_wrap_async(
            "sum-bytes",
            |_: StoreContextMut<'_, State>, (b,): (Vec<u8>,)| {
                Box::new(caught(async move { (b.len() as u32,) }))
            },
        )
        .expect("link");
        inst.func_wrap_async(
            "record-in",
            |_: StoreContextMut<'_, State>, (r,): (Rec,)| {
                Box::new(caught(async move { (r.a ^ r.e,) }))
            },
        )
        .expect("link");
        linker
    }
}

/// (h) wasmtime's own `bindgen!` with async imports.
pub mod wt {
    use super::*;
    use wasmtime::component::HasSelf;
    wasmtime::component::bindgen!({
        path: "wit",
        world: "bench",
        imports: { default: async },
        exports: { default: async },
    });
    use bench::calls::calls::{Counter, Rec};

    impl_async_hosts!();

    pub fn linker(engine: &Engine) -> Linker<State> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).expect("links");
        linker
    }
}

/// Composed async hosts (`count` variants o to r): the plain host on
/// bindings with `delegate:` and `either: true` (o), a `hostgen::Delegate`
/// that overrides nothing (p), `hostgen::Either` holding the host (q), and
/// `Box<dyn DynHost>` on the same bindings (r).
pub mod compose {
    use super::*;
    hostgen::bindgen!({
        path: "wit",
        world: "bench",
        imports: { default: async },
        exports: { default: async },
        delegate: { "bench:calls/calls": self },
        either: true,
    });
    pub use bench::calls::calls::DynHost;
    use bench::calls::calls::{self as calls, Counter, Rec};

    impl_async_hosts!();

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

    /// Two hosts, one chosen at run time.
    pub type Choice = hostgen::Either<State, hostgen::Delegate<Fwd>>;

    /// A host behind the dyn-compatible companion.
    pub struct Dyn(pub Box<dyn calls::DynHost>);

    impl Default for Dyn {
        fn default() -> Self {
            Dyn(Box::new(State::default()))
        }
    }

    /// The linker serving store data `T` through `get`.
    pub fn linker<T: Send + 'static, U: calls::Host + Send + ?Sized + 'static>(
        engine: &Engine,
        get: fn(&mut T) -> &mut U,
    ) -> Linker<T> {
        let mut linker = Linker::new(engine);
        Bench::add_to_linker_mut(&mut linker, get).expect("links");
        linker
    }
}

/// The executor every async case runs on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
}

/// An instance ready to `run`, in a store holding `data`.
pub fn instance<T: Send + 'static>(
    rt: &tokio::runtime::Runtime,
    engine: &Engine,
    component: &Component,
    linker: &Linker<T>,
    data: T,
) -> (Store<T>, hg::Bench) {
    let mut store = Store::new(engine, data);
    let world = rt
        .block_on(hg::Bench::instantiate_async(&mut store, component, linker))
        .expect("instantiates");
    (store, world)
}

/// One guest `run` of `n` calls to `case`, driven to completion.
pub fn run<T: Send + 'static>(
    rt: &tokio::runtime::Runtime,
    store: &mut Store<T>,
    world: &hg::Bench,
    case: Case,
    n: u32,
) {
    rt.block_on(world.call_run(store, case as u32, n))
        .expect("runs");
}

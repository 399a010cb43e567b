//! WASI 0.3 shapes at run time: a guest calls an `async func` import whose
//! host awaits a tokio timer, and a `stream<u8>` the host writes goes host →
//! guest → host import → guest → host, where its bytes are read. The guest is WAT whose
//! exports forward to the imports (the runtime tests' component builder).

#[path = "../../runtime-tests/tests/support/mod.rs"]
mod support;

use hostgen::wasmtime;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use wasmtime::component::{
    Accessor, Component, HasSelf, Linker, Source, StreamConsumer, StreamReader, StreamResult,
};
use wasmtime::{Config, Engine, Store, StoreContextMut};

hostgen::bindgen!({
    path: "wit/p3",
    world: "shapes",
    exports: { default: async },
});

use test::shapes::pipes;

#[derive(Default)]
struct State {
    doubled: u32,
    passed: u32,
    /// Host calls of `slow-double` under way, and the most at once.
    in_flight: u32,
    peak: u32,
}

impl<T: Send> pipes::HostWithStore<T> for HasSelf<State> {
    async fn slow_double(accessor: &Accessor<T, Self>, x: u32) -> u32 {
        accessor.with(|mut access| {
            let state = access.get();
            state.in_flight += 1;
            state.peak = state.peak.max(state.in_flight);
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        accessor.with(|mut access| {
            let state = access.get();
            state.in_flight -= 1;
            state.doubled += 1;
        });
        x * 2
    }
}

impl pipes::Host for State {
    fn pass(&mut self, s: StreamReader<u8>) -> StreamReader<u8> {
        self.passed += 1;
        s
    }
}

/// An engine with component-model-async, the guest compiled on it, and a
/// store for it.
fn guest() -> (Component, Store<State>) {
    let mut config = Config::new();
    config.wasm_component_model_async(true);
    let engine = Engine::new(&config).unwrap();
    let component = Component::new(&engine, support::echo_component("wit/p3", "shapes")).unwrap();
    (component, Store::new(&engine, State::default()))
}

#[tokio::test]
async fn an_async_func_and_a_stream_round_trip() {
    let (component, mut store) = guest();
    let mut linker = Linker::<State>::new(store.engine());
    Shapes::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
    let app = Shapes::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let guest = app.test_shapes_pipes();

    let doubled = store
        .run_concurrent(async |accessor| guest.call_slow_double(accessor, 21).await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doubled, 42);
    assert_eq!(store.data().doubled, 1);

    // Bytes the host writes into a stream, read back by the host after the
    // stream went through the guest and the host import.
    let sent = StreamReader::new(&mut store, b"through the guest".to_vec()).unwrap();
    let back = guest.call_pass(&mut store, sent).await.unwrap();
    let got = Arc::new(Mutex::new(Vec::new()));
    back.pipe(&mut store, Collect(got.clone())).unwrap();
    // The transfer runs in the store's event loop.
    let watched = got.clone();
    store
        .run_concurrent(async move |_| {
            for _ in 0..200 {
                if watched.lock().unwrap().len() >= b"through the guest".len() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        })
        .await
        .unwrap();
    assert_eq!(&got.lock().unwrap()[..], b"through the guest");
    assert_eq!(store.data().passed, 1);
}

/// Exported `async func`s are called through the `Accessor` that
/// `run_concurrent` gives, so calls overlap: two guests in one store each
/// wait in the host's `slow-double` at the same time, and each gets its own
/// answer. (Two instances, because this guest lifts its exports
/// synchronously, and the component model lets such an instance run one
/// call at a time: on one instance the second call waits for the first.)
#[tokio::test]
async fn two_export_calls_are_in_flight_at_once() {
    let (component, mut store) = guest();
    let mut linker = Linker::<State>::new(store.engine());
    Shapes::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
    let first = Shapes::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let second = Shapes::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let (a, b) = (first.test_shapes_pipes(), second.test_shapes_pipes());

    let (x, y) = store
        .run_concurrent(async |accessor| {
            tokio::join!(
                a.call_slow_double(accessor, 20),
                b.call_slow_double(accessor, 21),
            )
        })
        .await
        .unwrap();
    assert_eq!((x.unwrap(), y.unwrap()), (40, 42));
    let state = store.data();
    assert_eq!((state.doubled, state.in_flight), (2, 0));
    assert_eq!(state.peak, 2, "both calls were waiting in the host at once");
}

/// A host-side stream reader collecting every byte.
struct Collect(Arc<Mutex<Vec<u8>>>);

impl<D> StreamConsumer<D> for Collect {
    type Item = u8;

    fn poll_consume(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        mut store: StoreContextMut<'_, D>,
        mut source: Source<'_, u8>,
        _finish: bool,
    ) -> Poll<wasmtime::Result<StreamResult>> {
        let mut buf = Vec::with_capacity(64);
        source.read(&mut store, &mut buf)?;
        self.0.lock().unwrap().extend(buf);
        Poll::Ready(Ok(StreamResult::Completed))
    }
}

/// `exports: { "...": store }` gives an export that is not an `async func`
/// the same concurrent `call_*`, taking the `Accessor`.
mod store_flag {
    use super::*;

    hostgen::bindgen!({
        path: "wit/p3",
        world: "shapes",
        exports: { "test:shapes/pipes.pass": store },
    });

    impl<T: Send> test::shapes::pipes::HostWithStore<T> for HasSelf<State> {
        async fn slow_double(_: &Accessor<T, Self>, x: u32) -> u32 {
            x * 2
        }
    }

    impl test::shapes::pipes::Host for State {
        fn pass(&mut self, s: StreamReader<u8>) -> StreamReader<u8> {
            self.passed += 1;
            s
        }
    }

    #[tokio::test]
    async fn a_plain_export_flagged_store_is_called_through_the_accessor() {
        let (component, mut store) = guest();
        let mut linker = Linker::<State>::new(store.engine());
        Shapes::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
        let app = Shapes::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        let guest = *app.test_shapes_pipes();

        let sent = StreamReader::new(&mut store, b"by accessor".to_vec()).unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = got.clone();
        store
            .run_concurrent(async move |accessor| {
                let back = guest.call_pass(accessor, sent).await.unwrap();
                accessor.with(|mut access| back.pipe(&mut access, Collect(sink)).unwrap());
                for _ in 0..200 {
                    if got.lock().unwrap().len() >= b"by accessor".len() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                assert_eq!(&got.lock().unwrap()[..], b"by accessor");
            })
            .await
            .unwrap();
        assert_eq!(store.data().passed, 1);
    }
}

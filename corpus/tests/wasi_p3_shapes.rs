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
}

impl pipes::HostWithStore for HasSelf<State> {
    async fn slow_double<T: Send + 'static>(accessor: &Accessor<T, Self>, x: u32) -> u32 {
        tokio::time::sleep(Duration::from_millis(5)).await;
        accessor.with(|mut access| access.get().doubled += 1);
        x * 2
    }
}

impl pipes::Host for State {
    fn pass(&mut self, s: StreamReader<u8>) -> StreamReader<u8> {
        self.passed += 1;
        s
    }
}

#[tokio::test]
async fn an_async_func_and_a_stream_round_trip() {
    let mut config = Config::new();
    config.wasm_component_model_async(true);
    let engine = Engine::new(&config).unwrap();
    let component = Component::new(&engine, support::echo_component("wit/p3", "shapes")).unwrap();
    let mut linker = Linker::<State>::new(&engine);
    Shapes::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
    let mut store = Store::new(&engine, State::default());
    let app = Shapes::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let guest = app.test_shapes_pipes();

    assert_eq!(guest.call_slow_double(&mut store, 21).await.unwrap(), 42);
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

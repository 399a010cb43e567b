//! A custom interface that `use`s `wasi:io/streams.{output-stream}` links
//! next to `wasmtime_wasi::p2::add_to_linker_sync`: `with:` maps the WASI
//! packages to wasmtime-wasi's bindings, so the stream handle the guest gets
//! from `wasi:cli/stdout` is the very one our host function writes to. The
//! same with async bindings next to `wasmtime_wasi::p2::add_to_linker_async`.

use bytes::Bytes;
use hostgen::wasmtime;
use hostgen_corpus::deps::wasmtime_wasi;
use wasmtime::component::{Component, Linker, Resource, ResourceTable};
use wasmtime::{Engine, Store};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

include!(concat!(env!("OUT_DIR"), "/interop.rs"));

use wasmtime_wasi::p2::bindings::io::streams::OutputStream;

struct State {
    ctx: WasiCtx,
    table: ResourceTable,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.ctx,
            table: &mut self.table,
        }
    }
}

impl test::interop::logger::Host for State {
    fn banner(&mut self, out: Resource<OutputStream>, text: String) -> u64 {
        let line = format!("{text}\n");
        let stream = self
            .table
            .get_mut(&out)
            .expect("the guest lent a live stream");
        stream
            .write(Bytes::from(line.clone()))
            .expect("pipe has room");
        stream.flush().expect("flush");
        line.len() as u64
    }
}

/// The guest: takes stdout from wasi:cli, lends it to our `banner`, drops it.
fn guest() -> Vec<u8> {
    let mut resolve = wit_parser::Resolve::default();
    resolve.push_path(WASI_WIT).unwrap();
    let (pkg, _) = resolve.push_path("wit/interop").unwrap();
    let world = resolve.select_world(&[pkg], Some("app")).unwrap();
    let mut module = wat::parse_str(
        r#"(module
          (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $stdout (result i32)))
          (import "test:interop/logger" "banner" (func $banner (param i32 i32 i32) (result i64)))
          (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $drop (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello from the guest")
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
          (func (export "run") (result i64)
            (local $out i32) (local $n i64)
            (local.set $out (call $stdout))
            (local.set $n (call $banner (local.get $out) (i32.const 16) (i32.const 20)))
            (call $drop (local.get $out))
            (local.get $n)))"#,
    )
    .unwrap();
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        wit_component::StringEncoding::UTF8,
    )
    .unwrap();
    wit_component::ComponentEncoder::default()
        .module(&module)
        .unwrap()
        .validate(true)
        .encode()
        .unwrap()
}

/// A store whose WASI stdout is an in-memory pipe, and that pipe.
fn store(engine: &Engine) -> (Store<State>, MemoryOutputPipe) {
    let stdout = MemoryOutputPipe::new(4096);
    let ctx = WasiCtxBuilder::new().stdout(stdout.clone()).build();
    let state = State {
        ctx,
        table: ResourceTable::new(),
    };
    (Store::new(engine, state), stdout)
}

#[test]
fn custom_interface_shares_wasi_stream_handles() {
    let engine = Engine::default();
    let component = Component::new(&engine, guest()).unwrap();
    let mut linker = Linker::<State>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker).unwrap();
    App::add_to_linker(&mut linker, |s: &mut State| s).unwrap();

    let (mut store, stdout) = store(&engine);
    let app = App::instantiate(&mut store, &component, &linker).unwrap();
    assert_eq!(app.call_run(&mut store).unwrap(), 21);
    assert_eq!(&stdout.contents()[..], b"hello from the guest\n");
    assert!(
        store.data().table.is_empty(),
        "the guest dropped its stream"
    );
}

impl asynchronous::test::interop::logger::Host for State {
    async fn banner(&mut self, out: Resource<OutputStream>, text: String) -> u64 {
        let line = format!("{text} (async)\n");
        let stream = self
            .table
            .get_mut(&out)
            .expect("the guest lent a live stream");
        // Await the stream's readiness, as an async host can.
        stream.ready().await;
        stream
            .write(Bytes::from(line.clone()))
            .expect("pipe has room");
        stream.flush().expect("flush");
        line.len() as u64
    }
}

#[tokio::test]
async fn custom_async_interface_links_next_to_async_wasi() {
    let engine = Engine::default();
    let component = Component::new(&engine, guest()).unwrap();
    let mut linker = Linker::<State>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker).unwrap();
    asynchronous::App::add_to_linker(&mut linker, |s: &mut State| s).unwrap();

    let (mut store, stdout) = store(&engine);
    let app = asynchronous::App::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    assert_eq!(app.call_run(&mut store).await.unwrap(), 29);
    assert_eq!(&stdout.contents()[..], b"hello from the guest (async)\n");
    assert!(
        store.data().table.is_empty(),
        "the guest dropped its stream"
    );
}

/// A world importing `wasi:sockets/network`, mapped to wasmtime-wasi's
/// bindings, has a `LinkOptions` with wasmtime-wasi's `@unstable` feature
/// `network-error-code`, converting into wasmtime-wasi's own `LinkOptions`
/// for that interface (what its `network::add_to_linker` takes).
#[test]
fn link_options_convert_into_wasmtime_wasi() {
    use wasmtime_wasi::p2::bindings::sockets::network;
    let mut ours = net::LinkOptions::default();
    let off: network::LinkOptions = (&ours).into();
    ours.network_error_code(true);
    let on: network::LinkOptions = (&ours).into();
    assert_eq!(
        format!("{off:?} / {on:?}"),
        "LinkOptions { network_error_code: false } / LinkOptions { network_error_code: true }"
    );
}

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

/// A component of world `world` (package `wit/interop`, WASI as shipped in
/// wasmtime-wasi) from a core module in WAT.
fn component(world: &str, wat: &str) -> Vec<u8> {
    let mut resolve = wit_parser::Resolve::default();
    resolve.push_path(WASI_WIT).unwrap();
    let (pkg, _) = resolve.push_path("wit/interop").unwrap();
    let world = resolve.select_world(&[pkg], Some(world)).unwrap();
    let mut module = wat::parse_str(wat).unwrap();
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        wit_component::StringEncoding::UTF8,
        // No 🔗 canonical names (`@0.2` plus a version suffix): wasmtime
        // refuses them unless configured to accept them (50 only).
        false,
    )
    .unwrap();
    wit_component::ComponentEncoder::default()
        .module(&module)
        .unwrap()
        .validate(true)
        .encode()
        .unwrap()
}

/// The guest: takes stdout from wasi:cli, lends it to our `banner`, drops it.
fn guest() -> Vec<u8> {
    component(
        "app",
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
    App::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();

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
    asynchronous::App::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();

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

/// The host of `intercept`: a view of the store data whose `*Delegate`
/// impls override `get-random-u64` and forward everything else to
/// wasmtime-wasi's own implementations (its `WasiRandomCtx` and
/// `WasiClocksCtxView`).
struct Intercept<'a> {
    state: &'a mut State,
}

impl intercept::wasi::random::random::HostDelegate for Intercept<'_> {
    type Inner<'a>
        = &'a mut wasmtime_wasi::random::WasiRandomCtx
    where
        Self: 'a;
    fn inner(&mut self) -> &mut wasmtime_wasi::random::WasiRandomCtx {
        self.state.ctx.random()
    }
    fn get_random_u64(&mut self) -> wasmtime::Result<u64> {
        Ok(42)
    }
}

impl intercept::wasi::clocks::wall_clock::HostDelegate for Intercept<'_> {
    type Inner<'a>
        = wasmtime_wasi::clocks::WasiClocksCtxView<'a>
    where
        Self: 'a;
    fn inner(&mut self) -> wasmtime_wasi::clocks::WasiClocksCtxView<'_> {
        wasmtime_wasi::clocks::WasiClocksView::clocks(self.state)
    }
}

fn intercept_host(state: &mut State) -> hostgen::Delegate<Intercept<'_>> {
    hostgen::Delegate(Intercept { state })
}

/// The guest of `intercept`: `run` returns `get-random-u64() + now().seconds`.
fn intercept_guest() -> Vec<u8> {
    component(
        "intercept",
        r#"(module
          (import "wasi:random/random@0.2.12" "get-random-u64" (func $random (result i64)))
          (import "wasi:clocks/wall-clock@0.2.12" "now" (func $now (param i32)))
          (memory (export "memory") 1)
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
          (func (export "run") (result i64)
            (call $now (i32.const 64))
            (i64.add (call $random) (i64.load (i32.const 64)))))"#,
    )
}

#[test]
fn a_delegate_overrides_one_wasi_function_and_wasmtime_wasi_serves_the_rest() {
    let engine = Engine::default();
    let component = Component::new(&engine, intercept_guest()).unwrap();
    let mut linker = Linker::<State>::new(&engine);
    intercept::Intercept::add_to_linker_get_host(&mut linker, intercept_host).unwrap();
    let (mut store, _) = store(&engine);
    let app = intercept::Intercept::instantiate(&mut store, &component, &linker).unwrap();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    let before = now();
    let got = app.call_run(&mut store).unwrap();
    let after = now();
    // 42 is the override; the seconds are wasmtime-wasi's wall clock.
    assert!(
        (before + 42..=after + 42).contains(&got),
        "{got} not in {}..={}",
        before + 42,
        after + 42
    );
}

/// `wasi:sockets/tcp` overridden in one method (`start-connect` denies
/// every address) over wasmtime-wasi's implementation: the generated
/// `Host` traits of a hostgen `Delegate` are the ones the linker wants,
/// and `HostDelegate`'s `convert_error_code` reaches wasmtime-wasi's
/// `network::Host` where wasmtime declares it.
struct DenyConnect<'a> {
    state: &'a mut State,
}

mod net_policy {
    use super::*;
    use intercept_net::wasi::sockets::tcp;
    use wasmtime_wasi::p2::bindings::sockets::network::{ErrorCode, IpSocketAddress, Network};
    use wasmtime_wasi::p2::{SocketError, TcpSocket};
    use wasmtime_wasi::sockets::{WasiSocketsCtxView, WasiSocketsView};

    impl tcp::HostDelegate for DenyConnect<'_> {
        type Inner<'a>
            = WasiSocketsCtxView<'a>
        where
            Self: 'a;
        fn inner(&mut self) -> WasiSocketsCtxView<'_> {
            self.state.sockets()
        }
    }

    impl tcp::HostTcpSocketDelegate for DenyConnect<'_> {
        fn start_connect(
            &mut self,
            _: Resource<TcpSocket>,
            _: Resource<Network>,
            _: IpSocketAddress,
        ) -> Result<(), SocketError> {
            Err(ErrorCode::AccessDenied.into())
        }
    }

    pub fn link(linker: &mut Linker<State>) -> wasmtime::Result<()> {
        fn host(state: &mut State) -> hostgen::Delegate<DenyConnect<'_>> {
            hostgen::Delegate(DenyConnect { state })
        }
        tcp::add_to_linker_get_host(linker, host)
    }
}

#[test]
fn a_wasi_sockets_delegate_links() {
    let engine = Engine::default();
    let mut linker = Linker::<State>::new(&engine);
    net_policy::link(&mut linker).unwrap();
}

//! The `store` flag: host functions that reach the store through
//! `hostgen::Access`, here to call into a second component instance in the
//! same store (host-mediated composition) and to read the store's fuel,
//! next to plain host methods of the same interface.

use hostgen::wasmtime;

mod support;

use hostgen::Access;
use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{AsContext, Config, Engine, Store};

hostgen::bindgen!({
    path: "tests/wit/store.wit",
    world: "main",
    imports: {
        "test:store/relay.relay": store | trappable | async,
        "test:store/relay.fuel": store,
    },
    exports: { default: async },
});

mod plugin {
    hostgen::bindgen!({
        path: "tests/wit/store.wit",
        world: "plugin",
        exports: { default: async },
    });
}

use test::store::relay;

/// Store data: the plugin instance the relay calls, and the relay's count.
struct State {
    plugin: Option<plugin::Plugin>,
    hits: u32,
}

impl<T: Send> relay::HostWithStore<T> for HasSelf<State> {
    async fn relay(mut host: Access<'_, T, Self>, x: u32) -> wasmtime::Result<u32> {
        host.get().hits += 1;
        let plugin = host.get().plugin.expect("the plugin is instantiated first");
        tokio::task::yield_now().await;
        // The store itself: the guest's call into us is still on the
        // stack, and we call another instance in the same store.
        plugin.call_double(&mut host, x).await
    }

    fn fuel(host: Access<'_, T, Self>) -> u64 {
        host.as_context().get_fuel().expect("fuel is on")
    }
}

impl relay::Host for State {
    fn hits(&mut self) -> u32 {
        self.hits
    }
}

const DOUBLE: &str = r#"
  (func (export "double") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2)))
"#;

fn engine() -> Engine {
    let mut config = Config::new();
    config.consume_fuel(true);
    // A host function re-enters its own store here. wasmtime 49 and later
    // refuse that inside the concurrent event loop ("Recursive
    // `StoreContextMut::run_concurrent` calls not supported"), which every
    // call of a store with concurrency support runs in; without it, calls
    // run on fibers and nest.
    config.concurrency_support(false);
    Engine::new(&config).unwrap()
}

#[tokio::test]
async fn store_functions_reach_the_store_and_plain_ones_the_host() {
    let engine = engine();
    let main = Component::new(
        &engine,
        support::echo_component("tests/wit/store.wit", "main"),
    )
    .unwrap();
    let plug = Component::new(
        &engine,
        support::component("tests/wit/store.wit", "plugin", "", DOUBLE),
    )
    .unwrap();
    let mut linker = Linker::<State>::new(&engine);
    Main::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();

    let mut store = Store::new(
        &engine,
        State {
            plugin: None,
            hits: 0,
        },
    );
    store.set_fuel(1_000_000).unwrap();
    let plugin = plugin::Plugin::instantiate_async(&mut store, &plug, &Linker::new(&engine))
        .await
        .unwrap();
    store.data_mut().plugin = Some(plugin);
    let app = Main::instantiate_async(&mut store, &main, &linker)
        .await
        .unwrap();
    let guest = app.test_store_relay();

    assert_eq!(guest.call_relay(&mut store, 21).await.unwrap(), 42);
    assert_eq!(guest.call_relay(&mut store, 5).await.unwrap(), 10);
    assert_eq!(guest.call_hits(&mut store).await.unwrap(), 2);
    let fuel = guest.call_fuel(&mut store).await.unwrap();
    assert!(fuel > 0 && fuel < 1_000_000, "{fuel}");
    assert_eq!(store.data().hits, 2);
}

/// A destructor flagged `store` (as wasmtime-wasi-http flags
/// `[drop]request`): `drop` moves to `HostTokenWithStore<T>` and receives
/// the store, here to read fuel, which a `&mut self` destructor cannot.
mod store_drop {
    use super::*;
    use wasmtime::component::{Resource, ResourceTable};

    hostgen::bindgen!({
        path: "tests/wit/store.wit",
        world: "dropper",
        imports: { "test:store/tokens.[drop]token": store | trappable },
        with: { "test:store/tokens.token": Token },
    });

    pub struct Token(u32);

    #[derive(Default)]
    struct Tokens {
        table: ResourceTable,
        dropped: u32,
        fuel_at_drop: Option<u64>,
    }

    use self::test::store::tokens;

    impl tokens::HostToken for Tokens {
        fn new(&mut self, n: u32) -> Resource<Token> {
            self.table.push(Token(n)).unwrap()
        }
    }

    impl<T> tokens::HostTokenWithStore<T> for HasSelf<Tokens> {
        fn drop(mut access: Access<'_, T, Self>, rep: Resource<Token>) -> wasmtime::Result<()> {
            let fuel = access.as_context().get_fuel()?;
            let host = access.get();
            let Token(n) = host.table.delete(rep)?;
            host.dropped += n;
            host.fuel_at_drop = Some(fuel);
            Ok(())
        }
    }

    impl tokens::Host for Tokens {
        fn dropped(&mut self) -> u32 {
            self.dropped
        }
    }

    const IMPORTS: &str = r#"
      (import "test:store/tokens" "[constructor]token" (func $new (param i32) (result i32)))
      (import "test:store/tokens" "[resource-drop]token" (func $drop (param i32)))
      (import "test:store/tokens" "dropped" (func $dropped (result i32)))
    "#;
    const GO: &str = r#"
      (func (export "test:store/drive#go") (param $n i32) (result i32)
        (call $drop (call $new (local.get $n)))
        (call $dropped))
    "#;

    #[test]
    fn a_store_destructor_receives_the_store() {
        let engine = engine();
        let bytes = support::component("tests/wit/store.wit", "dropper", IMPORTS, GO);
        let component = Component::new(&engine, bytes).unwrap();
        let mut linker = Linker::<Tokens>::new(&engine);
        Dropper::add_to_linker::<_, HasSelf<Tokens>>(&mut linker, |t| t).unwrap();
        let mut store = Store::new(&engine, Tokens::default());
        store.set_fuel(1_000_000).unwrap();
        let app = Dropper::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(app.test_store_drive().call_go(&mut store, 5).unwrap(), 5);
        assert_eq!(app.test_store_drive().call_go(&mut store, 7).unwrap(), 12);
        let fuel = store.data().fuel_at_drop.expect("drop ran with the store");
        assert!(fuel > 0 && fuel < 1_000_000, "{fuel}");
        assert!(store.data().table.is_empty());
    }
}

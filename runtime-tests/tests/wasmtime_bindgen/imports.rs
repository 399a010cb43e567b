//! Worlds with no import, one import (sync, and a WIT `async func`), and
//! the `imports:` / `exports:` maps choosing which functions are async.

/// A world that imports nothing: instantiated from an empty linker, with
/// store data that is `Send` or not, its world-level and interface-level
/// exports are called.
mod no_imports {
    use crate::wasmtime;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:no-imports;

            world no-imports {
                export foo: interface {
                    foo: func();
                    /// What `foo` and `bar` added up so far.
                    tally: func() -> u32;
                }

                export bar: func();
            }
        ",
    });

    /// `foo` adds 1 to a guest global, `bar` adds 100, `tally` reads it.
    const GUEST: &str = r#"(module
      (global $tally (mut i32) (i32.const 0))
      (func (export "foo#foo")
        (global.set $tally (i32.add (global.get $tally) (i32.const 1))))
      (func (export "foo#tally") (result i32) (global.get $tally))
      (func (export "bar")
        (global.set $tally (i32.add (global.get $tally) (i32.const 100))))
    )"#;

    fn component(engine: &Engine) -> Component {
        Component::new(engine, crate::guest(WIT, "no-imports", GUEST)).unwrap()
    }

    #[test]
    fn exports_are_called_with_nothing_linked() {
        let engine = Engine::default();
        let component = component(&engine);
        let linker = Linker::new(&engine);
        let mut store = Store::new(&engine, ());
        let world = NoImports::instantiate(&mut store, &component, &linker).unwrap();
        world.call_bar(&mut store).unwrap();
        world.foo().call_foo(&mut store).unwrap();
        world.foo().call_foo(&mut store).unwrap();
        assert_eq!(world.foo().call_tally(&mut store).unwrap(), 102);
    }

    #[test]
    fn store_data_need_not_be_send() {
        let engine = Engine::default();
        let component = component(&engine);
        // Through `NoImportsPre` this time: the exports are looked up once.
        let linker = Linker::<Rc<Cell<u32>>>::new(&engine);
        let pre = NoImportsPre::new(linker.instantiate_pre(&component).unwrap()).unwrap();
        let data = Rc::new(Cell::new(7));
        let mut store = Store::new(&engine, data.clone());
        let world = pre.instantiate(&mut store).unwrap();
        world.foo().call_foo(&mut store).unwrap();
        world.call_bar(&mut store).unwrap();
        assert_eq!(world.foo().call_tally(&mut store).unwrap(), 101);
        assert_eq!(store.data().get(), 7);
        assert_eq!(Rc::strong_count(&data), 2);
    }
}

/// One imported interface with one function: the guest's export calls it,
/// and the host sees each call.
mod one_import {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:one-import;

            world one-import {
                import foo: interface {
                    foo: func();
                }

                /// Calls `foo` `times` times and says how often it did.
                export bar: func(times: u32) -> u32;
            }
        ",
    });

    const GUEST: &str = r#"(module
      (import "foo" "foo" (func $foo))
      (func (export "bar") (param $times i32) (result i32)
        (local $done i32)
        (block $out
          (loop $again
            (br_if $out (i32.ge_u (local.get $done) (local.get $times)))
            (call $foo)
            (local.set $done (i32.add (local.get $done) (i32.const 1)))
            (br $again)))
        (local.get $done))
    )"#;

    #[derive(Default)]
    struct Hits(u32);

    impl foo::Host for Hits {
        fn foo(&mut self) {
            self.0 += 1;
        }
    }

    fn component(engine: &Engine) -> Component {
        Component::new(engine, crate::guest(WIT, "one-import", GUEST)).unwrap()
    }

    #[test]
    fn the_interface_linker_serves_the_guest() {
        let engine = Engine::default();
        let component = component(&engine);
        let mut linker = Linker::new(&engine);
        foo::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Hits::default());
        let world = OneImport::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(world.call_bar(&mut store, 3).unwrap(), 3);
        assert_eq!(store.data().0, 3);
        assert_eq!(world.call_bar(&mut store, 0).unwrap(), 0);
        assert_eq!(store.data().0, 3);
    }

    #[test]
    fn the_world_linker_serves_the_guest_and_nothing_linked_is_refused() {
        let engine = Engine::default();
        let component = component(&engine);
        let mut store = Store::new(&engine, Hits::default());

        let empty = Linker::<Hits>::new(&engine);
        let err = OneImport::instantiate(&mut store, &component, &empty)
            .err()
            .expect("`foo` is not linked");
        assert_eq!(
            err.to_string(),
            "component imports instance `foo`, but a matching implementation was not found in the linker"
        );

        let mut linker = Linker::new(&engine);
        OneImport::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let world = OneImport::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(world.call_bar(&mut store, 2).unwrap(), 2);
        assert_eq!(store.data().0, 2);
    }
}

/// An imported WIT `async func`: linked with `func_wrap_concurrent`, its
/// host function lives in `HostWithStore`, awaits a timer and reaches the
/// store data through the `Accessor`. As in wasmtime's test, the guest
/// calls it from an exported `async func`, which the embedder calls inside
/// `Store::run_concurrent`. (From a plain `func` export the call traps with
/// "cannot block a synchronous task before returning", even when the host
/// function returns without awaiting.)
mod one_import_concurrent {
    use crate::wasmtime;
    use std::time::Duration;
    use wasmtime::component::{Accessor, Component, HasSelf, Linker};
    use wasmtime::{Config, Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:one-import-concurrent;

            world one-import {
                import foo: interface {
                    foo: async func(x: u32) -> u32;
                }

                /// `foo(x) + 1`.
                export bar: async func(x: u32) -> u32;
            }
        ",
    });

    /// Both sync lowered and lifted: the task blocks in `foo` until the
    /// host's future is done.
    const GUEST: &str = r#"(module
      (import "foo" "foo" (func $foo (param i32) (result i32)))
      (func (export "bar") (param $x i32) (result i32)
        (i32.add (call $foo (local.get $x)) (i32.const 1)))
    )"#;

    #[derive(Default)]
    struct State {
        seen: Vec<u32>,
    }

    impl<T: Send> foo::HostWithStore<T> for HasSelf<State> {
        async fn foo(accessor: &Accessor<T, Self>, x: u32) -> u32 {
            tokio::time::sleep(Duration::from_millis(2)).await;
            accessor.with(|mut access| access.get().seen.push(x));
            x * 10
        }
    }

    // Every function of `foo` takes the store, so `foo::Host` has no
    // methods; it is still implemented by hand, as with wasmtime.
    impl foo::Host for State {}

    #[tokio::test]
    async fn the_guest_awaits_a_concurrent_host_function() {
        let mut config = Config::new();
        config.wasm_component_model_async(true);
        let engine = Engine::new(&config).unwrap();
        let component = Component::new(&engine, crate::guest(WIT, "one-import", GUEST)).unwrap();
        let mut linker = Linker::new(&engine);
        foo::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
        let mut store = Store::new(&engine, State::default());
        let world = OneImport::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        let (a, b) = store
            .run_concurrent(async |accessor| {
                let a = world.call_bar(accessor, 4).await?;
                let b = world.call_bar(accessor, 0).await?;
                wasmtime::Result::<_>::Ok((a, b))
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!((a, b), (41, 1));
        assert_eq!(store.data().seen, [4, 0]);
    }
}

/// Which functions are async, chosen by `imports:` and `exports:` as in
/// wasmtime's test: T1 all, T2 all but `x` (whose entry only asks for
/// tracing, and the most specific entry wins), T3 only `x`. The three
/// `bindgen!`s share one module, and one host serves all three worlds; each
/// method's `async` (or not) is checked by its impl compiling, and each
/// world's guest calls every import.
mod async_config {
    use crate::wasmtime;
    use std::sync::{Arc, Mutex};
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(T1_WIT, {
        inline: "
            package wb:async-config;

            world t1 {
                import foo: interface {
                    foo: func();
                }
                import x: func();
                import y: func();
                export z: func();
            }
        ",
        imports: { default: async },
        exports: { default: async },
    });

    bindgen_and_wit!(T2_WIT, {
        inline: "
            package wb:async-config;

            world t2 {
                import x: func();
                import y: func();
                export z: func();
            }
        ",
        imports: {
            "x": tracing,
            default: async,
        },
        exports: { default: async },
    });

    bindgen_and_wit!(T3_WIT, {
        inline: "
            package wb:async-config;

            world t3 {
                import x: func();
                import y: func();
                export z: func();
            }
        ",
        imports: { "x": async },
        exports: { default: async },
    });

    /// What the host was called for, in order.
    #[derive(Default)]
    struct T(Vec<&'static str>);

    impl foo::Host for T {
        async fn foo(&mut self) {
            tokio::task::yield_now().await;
            self.0.push("foo (async)");
        }
    }

    impl T1Imports for T {
        async fn x(&mut self) {
            tokio::task::yield_now().await;
            self.0.push("x (async)");
        }
        async fn y(&mut self) {
            tokio::task::yield_now().await;
            self.0.push("y (async)");
        }
    }

    impl T2Imports for T {
        fn x(&mut self) {
            self.0.push("x (sync)");
        }
        async fn y(&mut self) {
            tokio::task::yield_now().await;
            self.0.push("y (async)");
        }
    }

    impl T3Imports for T {
        async fn x(&mut self) {
            tokio::task::yield_now().await;
            self.0.push("x (async)");
        }
        fn y(&mut self) {
            self.0.push("y (sync)");
        }
    }

    /// `z` calls `foo` (T1 only), then `x`, then `y`.
    fn guest(wit: &str, world: &str, with_foo: bool) -> Vec<u8> {
        let (import_foo, call_foo) = if with_foo {
            (r#"(import "foo" "foo" (func $foo))"#, "(call $foo)")
        } else {
            ("", "")
        };
        let core = format!(
            r#"(module
              {import_foo}
              (import "$root" "x" (func $x))
              (import "$root" "y" (func $y))
              (func (export "z") {call_foo} (call $x) (call $y))
            )"#
        );
        crate::guest(wit, world, &core)
    }

    fn setup(wit: &str, world: &str, with_foo: bool) -> (Component, Store<T>) {
        let engine = Engine::default();
        let component = Component::new(&engine, guest(wit, world, with_foo)).unwrap();
        (component, Store::new(&engine, T::default()))
    }

    #[tokio::test]
    async fn t1_every_import_async() {
        let (component, mut store) = setup(T1_WIT, "t1", true);
        let mut linker = Linker::new(store.engine());
        T1::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |t| t).unwrap();
        let t1 = T1::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        t1.call_z(&mut store).await.unwrap();
        assert_eq!(store.data().0, ["foo (async)", "x (async)", "y (async)"]);
    }

    /// A `tracing` writer into a shared buffer.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn t2_x_sync_with_tracing_y_async() {
        // On this thread only (the test runs on a current-thread runtime),
        // and no other test reaches T2's call sites.
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .without_time()
            .finish();
        let _traced = tracing::subscriber::set_default(subscriber);

        let (component, mut store) = setup(T2_WIT, "t2", false);
        let mut linker = Linker::new(store.engine());
        T2::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |t| t).unwrap();
        let t2 = T2::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        t2.call_z(&mut store).await.unwrap();
        assert_eq!(store.data().0, ["x (sync)", "y (async)"]);

        // `x`'s entry asked for tracing; `y` has none.
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 2, "{log}");
        for (line, event) in lines.iter().zip(["call", "return"]) {
            assert!(
                line.contains(r#"hostgen import{module="$root" function="x"}"#)
                    && line.ends_with(&format!(": {event}")),
                "{log}"
            );
        }
    }

    #[tokio::test]
    async fn t3_only_x_async() {
        let (component, mut store) = setup(T3_WIT, "t3", false);
        let mut linker = Linker::new(store.engine());
        T3::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |t| t).unwrap();
        let t3 = T3::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        t3.call_z(&mut store).await.unwrap();
        assert_eq!(store.data().0, ["x (async)", "y (sync)"]);
    }
}

//! Exported WIT `async func`s: their `call_*` take the `Accessor` that
//! `Store::run_concurrent` gives and owned arguments, and run in the
//! store's event loop.

/// A world that imports nothing and exports two `async func`s, one at
/// world level and one in an interface, as wasmtime's test has. The guest
/// lifts them the two ways the component model allows: `bar` async (with a
/// callback; it calls `task.return` and exits at once), `foo.shout` sync.
/// Both are called from one `run_concurrent`, at once and one after the
/// other, with arguments and results that go through the guest's memory.
mod no_imports_concurrent {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Config, Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:no-imports-concurrent;

            world no-imports {
                export foo: interface {
                    /// `s` with a `!` after it.
                    shout: async func(s: string) -> string;
                }

                /// The sum of `xs`, times `scale`.
                export bar: async func(xs: list<u32>, scale: u64) -> u64;
            }
        ",
    });

    /// `bar`'s result goes back through `task.return`; its callback is
    /// never called, since `bar` returns EXIT (0) at once. `shout` grows
    /// the string the host wrote into guest memory (the bump `cabi_realloc`
    /// copies it) and appends `!`.
    const GUEST_HEAD: &str = r#"
      (import "[export]$root" "[task-return]bar" (func $bar_return (param i64)))
    "#;

    const GUEST_TAIL: &str = r#"
      (func (export "[async-lift]bar")
            (param $xs i32) (param $len i32) (param $scale i64) (result i32)
        (local $sum i64) (local $i i32)
        (block $out
          (loop $next
            (br_if $out (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $sum
              (i64.add (local.get $sum)
                       (i64.extend_i32_u
                         (i32.load (i32.add (local.get $xs)
                                            (i32.shl (local.get $i) (i32.const 2)))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (call $bar_return (i64.mul (local.get $sum) (local.get $scale)))
        (i32.const 0))
      (func (export "[callback][async-lift]bar")
            (param i32 i32 i32) (result i32)
        unreachable)

      (func (export "foo#shout") (param $s i32) (param $len i32) (result i32)
        (local $at i32)
        (local.set $at
          (call $realloc (local.get $s) (local.get $len) (i32.const 1)
                         (i32.add (local.get $len) (i32.const 1))))
        (i32.store8 (i32.add (local.get $at) (local.get $len)) (i32.const 33))
        (i32.store (i32.const 16) (local.get $at))
        (i32.store (i32.const 20) (i32.add (local.get $len) (i32.const 1)))
        (i32.const 16))
    "#;

    async fn setup() -> (Store<()>, NoImports) {
        let mut config = Config::new();
        config.wasm_component_model_async(true);
        let engine = Engine::new(&config).unwrap();
        let core = crate::with_memory(GUEST_HEAD, GUEST_TAIL);
        let component = Component::new(&engine, crate::guest(WIT, "no-imports", &core)).unwrap();
        let linker = Linker::new(&engine);
        let mut store = Store::new(&engine, ());
        let world = NoImports::instantiate_async(&mut store, &component, &linker)
            .await
            .unwrap();
        (store, world)
    }

    #[tokio::test]
    async fn both_exports_are_called_at_once() {
        let (mut store, world) = setup().await;
        let (sum, shouted) = store
            .run_concurrent(async |accessor| {
                tokio::join!(
                    world.call_bar(accessor, vec![1, 2, 3, 4], 1_000_000_000_000),
                    world.foo().call_shout(accessor, "héllo".to_string()),
                )
            })
            .await
            .unwrap();
        assert_eq!(sum.unwrap(), 10_000_000_000_000);
        assert_eq!(shouted.unwrap(), "héllo!");
    }

    #[tokio::test]
    async fn owned_arguments_one_call_after_the_other() {
        let (mut store, world) = setup().await;
        let results = store
            .run_concurrent(async |accessor| {
                // Moved into the calls: the futures hold no borrow of them.
                let xs = vec![u32::MAX, 1];
                let s = String::from("wit");
                let big = world.call_bar(accessor, xs, 3).await?;
                let none = world.call_bar(accessor, Vec::new(), 7).await?;
                let once = world.foo().call_shout(accessor, s).await?;
                let twice = world.foo().call_shout(accessor, once).await?;
                let empty = world.foo().call_shout(accessor, String::new()).await?;
                wasmtime::Result::<_>::Ok((big, none, twice, empty))
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(results, (3 << 32, 0, "wit!!".to_string(), "!".to_string()));

        // The instance serves a second `run_concurrent` too.
        let again = store
            .run_concurrent(async |accessor| world.call_bar(accessor, vec![5; 100], 2).await)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again, 1000);
    }
}

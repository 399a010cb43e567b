//! Resources: imported from an interface the world only reaches through
//! `use`, declared by the world itself, and exported by the guest.

/// A world that only exports `user`, whose function takes a resource `use`d
/// from `def`: `def` is imported all the same, and the world's linker links
/// it. The host hands the guest an owned handle; the guest reads it, drops
/// it (the host's destructor runs on the host's rep) and makes, reads and
/// drops one of its own through the host.
mod resources_at_interface_level {
    use crate::wasmtime;
    use std::collections::BTreeMap;
    use wasmtime::component::{Component, Linker, Resource};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:iface-res;

            interface def {
                resource x {
                    constructor(seed: u32);
                    seed: func() -> u32;
                }
            }

            interface user {
                use def.{x};

                /// `100 * seed(x) + seed(new x(seed(x) + 1))`, dropping both.
                y: func(x: x) -> u32;
            }

            world resources {
                export user;
            }
        ",
    });

    const GUEST: &str = r#"(module
      (import "wb:iface-res/def" "[constructor]x" (func $new (param i32) (result i32)))
      (import "wb:iface-res/def" "[method]x.seed" (func $seed (param i32) (result i32)))
      (import "wb:iface-res/def" "[resource-drop]x" (func $drop (param i32)))
      (func (export "wb:iface-res/user#y") (param $given i32) (result i32)
        (local $s i32) (local $mine i32) (local $t i32)
        (local.set $s (call $seed (local.get $given)))
        (call $drop (local.get $given))
        (local.set $mine (call $new (i32.add (local.get $s) (i32.const 1))))
        (local.set $t (call $seed (local.get $mine)))
        (call $drop (local.get $mine))
        (i32.add (i32.mul (local.get $s) (i32.const 100)) (local.get $t)))
    )"#;

    use wb::iface_res::def::{self, X};

    /// Seeds by rep, and what the host was asked.
    #[derive(Default)]
    struct Xs {
        seeds: BTreeMap<u32, u32>,
        calls: Vec<String>,
    }

    impl def::HostX for Xs {
        fn new(&mut self, seed: u32) -> Resource<X> {
            let rep = 80 + self.seeds.len() as u32;
            self.seeds.insert(rep, seed);
            self.calls.push(format!("new({seed}) -> {rep}"));
            Resource::new_own(rep)
        }
        fn seed(&mut self, self_: Resource<X>) -> u32 {
            let seed = self.seeds[&self_.rep()];
            self.calls.push(format!("seed({}) -> {seed}", self_.rep()));
            seed
        }
        fn drop(&mut self, rep: Resource<X>) -> wasmtime::Result<()> {
            self.calls.push(format!("drop({})", rep.rep()));
            self.seeds.remove(&rep.rep());
            Ok(())
        }
    }

    impl def::Host for Xs {}

    #[test]
    fn the_used_interface_is_linked_and_serves_the_guest() {
        let engine = Engine::default();
        let component = Component::new(&engine, crate::guest(WIT, "resources", GUEST)).unwrap();
        let mut linker = Linker::new(&engine);
        Resources::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |s| s).unwrap();
        let mut store = Store::new(&engine, Xs::default());
        store.data_mut().seeds.insert(40, 7);
        let world = Resources::instantiate(&mut store, &component, &linker).unwrap();
        let out = world
            .wb_iface_res_user()
            .call_y(&mut store, Resource::new_own(40))
            .unwrap();
        assert_eq!(out, 708);
        assert_eq!(
            store.data().calls,
            [
                "seed(40) -> 7",
                "drop(40)",
                "new(8) -> 80",
                "seed(80) -> 8",
                "drop(80)"
            ]
        );
        assert!(store.data().seeds.is_empty());
    }
}

/// What `runtime-tests/tests/world_resources.rs` does not already check of a
/// world-level resource: an owned host handle passed into an export and
/// dropped there (the host's destructor sees the host's rep), next to one
/// the guest makes and drops, for a resource with only a constructor.
mod resources_at_world_level {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker, Resource};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:world-res;

            world resources {
                resource x {
                    constructor();
                }

                /// Drops `x`, then makes an `x` and drops it.
                export y: func(x: x);
            }
        ",
    });

    const GUEST: &str = r#"(module
      (import "$root" "[constructor]x" (func $new (result i32)))
      (import "$root" "[resource-drop]x" (func $drop (param i32)))
      (func (export "y") (param $given i32)
        (call $drop (local.get $given))
        (call $drop (call $new)))
    )"#;

    #[derive(Default)]
    struct Host {
        made: u32,
        calls: Vec<String>,
    }

    impl HostX for Host {
        fn new(&mut self) -> Resource<X> {
            self.made += 1;
            let rep = 80 + self.made;
            self.calls.push(format!("new -> {rep}"));
            Resource::new_own(rep)
        }
        fn drop(&mut self, rep: Resource<X>) -> wasmtime::Result<()> {
            self.calls.push(format!("drop({})", rep.rep()));
            Ok(())
        }
    }

    impl ResourcesImports for Host {}

    #[test]
    fn the_guest_drops_a_handle_the_host_gave_it() {
        let engine = Engine::default();
        let component = Component::new(&engine, crate::guest(WIT, "resources", GUEST)).unwrap();
        let mut linker = Linker::new(&engine);
        Resources::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = Resources::instantiate(&mut store, &component, &linker).unwrap();
        world.call_y(&mut store, Resource::new_own(40)).unwrap();
        world.call_y(&mut store, Resource::new_own(41)).unwrap();
        assert_eq!(
            store.data().calls,
            [
                "drop(40)",
                "new -> 81",
                "drop(81)",
                "drop(41)",
                "new -> 82",
                "drop(82)"
            ]
        );
    }
}

/// A guest-exported resource (in an unnamed exported interface) whose
/// constructor takes an imported resource under another name (`use a.{x as
/// y}`), next to a world-level resource `x` of the same name that a
/// world-level export takes and returns.
mod exported_resources {
    use crate::wasmtime;
    use std::mem;
    use wasmtime::component::{Component, Linker, Resource};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:exp-res;

            interface a {
                resource x {
                    constructor();
                    id: func() -> u32;
                }
            }

            world resources {
                export b: interface {
                    use a.{x as y};

                    /// Drops the `y` it is given and keeps a new one.
                    resource x {
                        constructor(y: y);
                        /// The `id` of the `y` it keeps.
                        foo: func() -> u32;
                    }
                }

                resource x;

                /// Drops `x1`, returns `x2`.
                export f: func(x1: x, x2: x) -> x;
            }
        ",
    });

    /// `b.x`'s rep is the handle of the `a.x` it keeps.
    const GUEST: &str = r#"(module
      (import "wb:exp-res/a" "[constructor]x" (func $a-new (result i32)))
      (import "wb:exp-res/a" "[method]x.id" (func $a-id (param i32) (result i32)))
      (import "wb:exp-res/a" "[resource-drop]x" (func $a-drop (param i32)))
      (import "$root" "[resource-drop]x" (func $root-drop (param i32)))
      (import "[export]b" "[resource-new]x" (func $b-new (param i32) (result i32)))
      (func (export "b#[constructor]x") (param $y i32) (result i32)
        (call $a-drop (local.get $y))
        (call $b-new (call $a-new)))
      (func (export "b#[method]x.foo") (param $rep i32) (result i32)
        (call $a-id (local.get $rep)))
      (func (export "b#[dtor]x") (param $rep i32)
        (call $a-drop (local.get $rep)))
      (func (export "f") (param $x1 i32) (param $x2 i32) (result i32)
        (call $root-drop (local.get $x1))
        (local.get $x2))
    )"#;

    use wb::exp_res::a;

    #[derive(Debug, PartialEq)]
    enum Call {
        DropRootX(u32),
        NewA(u32),
        IdA(u32),
        DropA(u32),
    }

    #[derive(Default)]
    struct Host {
        calls: Vec<Call>,
        next_a: u32,
    }

    impl HostX for Host {
        fn drop(&mut self, rep: Resource<X>) -> wasmtime::Result<()> {
            self.calls.push(Call::DropRootX(rep.rep()));
            Ok(())
        }
    }

    impl ResourcesImports for Host {}

    impl a::HostX for Host {
        fn new(&mut self) -> Resource<a::X> {
            let rep = 500 + self.next_a;
            self.next_a += 1;
            self.calls.push(Call::NewA(rep));
            Resource::new_own(rep)
        }
        fn id(&mut self, self_: Resource<a::X>) -> u32 {
            self.calls.push(Call::IdA(self_.rep()));
            self_.rep()
        }
        fn drop(&mut self, rep: Resource<a::X>) -> wasmtime::Result<()> {
            self.calls.push(Call::DropA(rep.rep()));
            Ok(())
        }
    }

    impl a::Host for Host {}

    #[test]
    fn world_level_and_exported_resources_cross_both_ways() {
        let engine = Engine::default();
        let component = Component::new(&engine, crate::guest(WIT, "resources", GUEST)).unwrap();
        let mut linker = Linker::new(&engine);
        Resources::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = Resources::instantiate(&mut store, &component, &linker).unwrap();
        let calls = |store: &mut Store<Host>| mem::take(&mut store.data_mut().calls);

        // The world-level export: `x1` is dropped, `x2` comes back.
        let back = world
            .call_f(&mut store, Resource::new_own(1), Resource::new_own(2))
            .unwrap();
        assert_eq!(back.rep(), 2);
        assert_eq!(calls(&mut store), [Call::DropRootX(1)]);
        let back = world
            .call_f(&mut store, Resource::new_own(3), Resource::new_own(4))
            .unwrap();
        assert_eq!(back.rep(), 4);
        assert_eq!(calls(&mut store), [Call::DropRootX(3)]);

        // The exported resource: its constructor takes the host's `a.x`.
        let b = world.b();
        let bx: exports::b::X = b.call_x_new(&mut store, Resource::new_own(5)).unwrap();
        assert_eq!(calls(&mut store), [Call::DropA(5), Call::NewA(500)]);
        assert_eq!(b.call_x_foo(&mut store, bx).unwrap(), 500);
        assert_eq!(calls(&mut store), [Call::IdA(500)]);
        let other = b.call_x_new(&mut store, Resource::new_own(6)).unwrap();
        assert_eq!(b.call_x_foo(&mut store, other).unwrap(), 501);
        // Dropping the guest's `b.x` runs its destructor, which drops the
        // `a.x` it kept.
        bx.resource_drop(&mut store).unwrap();
        assert_eq!(
            calls(&mut store),
            [
                Call::DropA(6),
                Call::NewA(501),
                Call::IdA(501),
                Call::DropA(500)
            ]
        );
        other.resource_drop(&mut store).unwrap();
        assert_eq!(calls(&mut store), [Call::DropA(501)]);
    }
}

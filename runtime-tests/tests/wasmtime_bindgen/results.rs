//! `result` returns from trappable host functions (`imports: { default:
//! trappable }`), with and without `trappable_error_type`: the `Ok` value,
//! the WIT error and a trap each come out of the guest's export that
//! forwards to the import, the trap with the host's message (and, where the
//! host trapped with its own error type, that type, by `downcast_ref`).
//!
//! Every guest here forwards an export to an import whose results go
//! through memory: the import writes them at 16, the export hands 16 back.

use crate::wasmtime;

/// The error of a call that trapped in a host function, as wasmtime's
/// tests see it: the guest's backtrace, caused by the host's error (here
/// with `message`).
fn assert_host_trap(err: &wasmtime::Error, message: &str) {
    let chain: Vec<String> = err.chain().map(|e| e.to_string()).collect();
    assert_eq!(chain.len(), 2, "{err:?}");
    assert!(
        chain[0].starts_with("error while executing at wasm backtrace:\n"),
        "{err:?}"
    );
    assert_eq!(chain[1], message, "{err:?}");
    let debug = format!("{err:?}");
    assert!(
        debug.contains(&format!("\n\nCaused by:\n    {message}\n")),
        "{debug}"
    );
}

/// `result<f64>`: the host returns `wasmtime::Result<Result<f64, ()>>`.
mod empty_error {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:empty-error;

            world result-playground {
                import imports: interface {
                    empty-error: func(a: f64) -> result<f64>;
                }

                export empty-error: func(a: f64) -> result<f64>;
            }
        ",
        imports: { default: trappable },
    });

    const GUEST: &str = r#"
      (import "imports" "empty-error" (func $f (param f64 i32)))
      (func (export "empty-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    /// Doubles a positive `a`, refuses a negative one, traps on zero.
    #[derive(Default)]
    struct Host {
        seen: Vec<f64>,
    }

    impl imports::Host for Host {
        fn empty_error(&mut self, a: f64) -> wasmtime::Result<Result<f64, ()>> {
            self.seen.push(a);
            if a > 0.0 {
                Ok(Ok(a * 2.0))
            } else if a < 0.0 {
                Ok(Err(()))
            } else {
                Err(wasmtime::format_err!("empty_error: zero is a trap"))
            }
        }
    }

    #[test]
    fn ok_error_and_trap() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        imports::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        assert_eq!(world.call_empty_error(&mut store, 1.25).unwrap(), Ok(2.5));
        assert_eq!(world.call_empty_error(&mut store, -1.0).unwrap(), Err(()));
        let err = world.call_empty_error(&mut store, 0.0).unwrap_err();
        super::assert_host_trap(&err, "empty_error: zero is a trap");
        assert_eq!(store.data().seen, [1.25, -1.0, 0.0]);
    }
}

/// `result<f64, string>`: the error string crosses host → guest → host.
mod string_error {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:string-error;

            world result-playground {
                import imports: interface {
                    string-error: func(a: f64) -> result<f64, string>;
                }

                export string-error: func(a: f64) -> result<f64, string>;
            }
        ",
        imports: { default: trappable },
    });

    const GUEST: &str = r#"
      (import "imports" "string-error" (func $f (param f64 i32)))
      (func (export "string-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    struct Host;

    impl imports::Host for Host {
        fn string_error(&mut self, a: f64) -> wasmtime::Result<Result<f64, String>> {
            if a > 0.0 {
                Ok(Ok(a + 0.5))
            } else if a < 0.0 {
                Ok(Err(format!("string_error: {a} is négatif")))
            } else {
                Err(wasmtime::format_err!("string_error: zero is a trap"))
            }
        }
    }

    #[test]
    fn ok_error_and_trap() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        imports::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host);
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        assert_eq!(world.call_string_error(&mut store, 2.0).unwrap(), Ok(2.5));
        assert_eq!(
            world.call_string_error(&mut store, -3.0).unwrap(),
            Err("string_error: -3 is négatif".to_string())
        );
        let err = world.call_string_error(&mut store, 0.0).unwrap_err();
        super::assert_host_trap(&err, "string_error: zero is a trap");
    }
}

/// `result<f64, e1>` for an enum `e1`, mapped to the host's own
/// `TrappableE1`, which may also carry the host's own trap type: that type
/// is what the caller of the export gets back.
mod enum_error {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    /// The host's trap, which reaches the embedder as itself.
    #[derive(Debug)]
    pub struct MyTrap {
        pub code: u32,
    }

    impl std::fmt::Display for MyTrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "my trap {}", self.code)
        }
    }

    impl std::error::Error for MyTrap {}

    /// The host's error in place of WIT's `e1`.
    pub enum TrappableE1 {
        Normal(imports::E1),
        MyTrap(MyTrap),
    }

    impl From<imports::E1> for TrappableE1 {
        fn from(e: imports::E1) -> Self {
            TrappableE1::Normal(e)
        }
    }

    impl From<MyTrap> for TrappableE1 {
        fn from(t: MyTrap) -> Self {
            TrappableE1::MyTrap(t)
        }
    }

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:enum-error;

            interface imports {
                enum e1 { a, b, c }
                enum-error: func(a: f64) -> result<f64, e1>;
            }

            world result-playground {
                import imports;
                export foo: interface {
                    enum e1 { a, b, c }
                    enum-error: func(a: f64) -> result<f64, e1>;
                }
            }
        ",
        trappable_error_type: { "wb:enum-error/imports.e1" => TrappableE1 },
        imports: { default: trappable },
    });

    use exports::foo;
    use wb::enum_error::imports;

    const GUEST: &str = r#"
      (import "wb:enum-error/imports" "enum-error" (func $f (param f64 i32)))
      (func (export "foo#enum-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    #[derive(Default)]
    struct Host {
        converted: Vec<String>,
    }

    impl imports::Host for Host {
        fn enum_error(&mut self, a: f64) -> Result<f64, TrappableE1> {
            if a >= 0.0 {
                Ok(a * 3.0)
            } else if a == -1.0 {
                Err(imports::E1::B)?
            } else {
                Err(MyTrap { code: 42 })?
            }
        }
        fn convert_e1(&mut self, err: TrappableE1) -> wasmtime::Result<imports::E1> {
            match err {
                TrappableE1::Normal(e) => {
                    self.converted.push(format!("{e:?}"));
                    Ok(e)
                }
                TrappableE1::MyTrap(t) => {
                    self.converted.push(t.to_string());
                    Err(t.into())
                }
            }
        }
    }

    #[test]
    fn ok_error_and_the_hosts_own_trap() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        imports::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        assert_eq!(
            world.foo().call_enum_error(&mut store, 1.5).unwrap(),
            Ok(4.5)
        );
        assert_eq!(
            world.foo().call_enum_error(&mut store, -1.0).unwrap(),
            Err(foo::E1::B)
        );
        let err = world.foo().call_enum_error(&mut store, -2.0).unwrap_err();
        super::assert_host_trap(&err, "my trap 42");
        let trap = err.downcast_ref::<MyTrap>().expect("the host's own trap");
        assert_eq!(trap.code, 42);
        assert_eq!(store.data().converted, ["B", "my trap 42"]);
    }
}

/// `result<f64, e2>` for a record `e2`; the host's error type carries either
/// the record or a `wasmtime::Error` to trap with.
mod record_error {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    pub enum TrappableE2 {
        Normal(imports::E2),
        Trap(wasmtime::Error),
    }

    impl From<imports::E2> for TrappableE2 {
        fn from(e: imports::E2) -> Self {
            TrappableE2::Normal(e)
        }
    }

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:record-error;

            interface imports {
                record e2 { line: u32, col: u32 }
                record-error: func(a: f64) -> result<f64, e2>;
            }

            world result-playground {
                import imports;
                export foo: interface {
                    record e2 { line: u32, col: u32 }
                    record-error: func(a: f64) -> result<f64, e2>;
                }
            }
        ",
        trappable_error_type: { "wb:record-error/imports.e2" => TrappableE2 },
        imports: { default: trappable },
    });

    use exports::foo;
    use wb::record_error::imports;

    const GUEST: &str = r#"
      (import "wb:record-error/imports" "record-error" (func $f (param f64 i32)))
      (func (export "foo#record-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    struct Host;

    impl imports::Host for Host {
        fn record_error(&mut self, a: f64) -> Result<f64, TrappableE2> {
            if a >= 0.0 {
                Ok(-a)
            } else if a > -1000.0 {
                // Where "parsing" `a` failed: line and column from its digits.
                Err(imports::E2 {
                    line: (-a) as u32 / 100,
                    col: (-a) as u32 % 100,
                })?
            } else {
                Err(TrappableE2::Trap(wasmtime::format_err!(
                    "record_error: {a} is too small"
                )))
            }
        }
        fn convert_e2(&mut self, err: TrappableE2) -> wasmtime::Result<imports::E2> {
            match err {
                TrappableE2::Normal(e) => Ok(e),
                TrappableE2::Trap(e) => Err(e),
            }
        }
    }

    #[test]
    fn ok_error_and_trap() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        imports::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host);
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        // Records and variants derive no `PartialEq`, as with wasmtime's
        // `bindgen!`: matched, as wasmtime's own test does.
        assert!(matches!(
            world.foo().call_record_error(&mut store, 8.0).unwrap(),
            Ok(-8.0)
        ));
        assert!(matches!(
            world.foo().call_record_error(&mut store, -420.0).unwrap(),
            Err(foo::E2 { line: 4, col: 20 })
        ));
        let err = world
            .foo()
            .call_record_error(&mut store, -1312.0)
            .unwrap_err();
        super::assert_host_trap(&err, "record_error: -1312 is too small");
    }
}

/// `result<f64, e3>` for a variant of an enum and a record.
mod variant_error {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    pub enum TrappableE3 {
        Normal(imports::E3),
        Trap(wasmtime::Error),
    }

    impl From<imports::E3> for TrappableE3 {
        fn from(e: imports::E3) -> Self {
            TrappableE3::Normal(e)
        }
    }

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:variant-error;

            interface imports {
                enum e1 { a, b, c }
                record e2 { line: u32, col: u32 }
                variant e3 { E1(e1), E2(e2) }
                variant-error: func(a: f64) -> result<f64, e3>;
            }

            world result-playground {
                import imports;
                export foo: interface {
                    enum e1 { a, b, c }
                    record e2 { line: u32, col: u32 }
                    variant e3 { E1(e1), E2(e2) }
                    variant-error: func(a: f64) -> result<f64, e3>;
                }
            }
        ",
        trappable_error_type: { "wb:variant-error/imports.e3" => TrappableE3 },
        imports: { default: trappable },
    });

    use exports::foo;
    use wb::variant_error::imports;

    const GUEST: &str = r#"
      (import "wb:variant-error/imports" "variant-error" (func $f (param f64 i32)))
      (func (export "foo#variant-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    struct Host;

    impl imports::Host for Host {
        fn variant_error(&mut self, a: f64) -> Result<f64, TrappableE3> {
            if a >= 0.0 {
                Ok(a.sqrt())
            } else if a == -1.0 {
                Err(imports::E3::E1(imports::E1::C))?
            } else if a == -2.0 {
                Err(imports::E3::E2(imports::E2 {
                    line: 420,
                    col: 1312,
                }))?
            } else {
                Err(TrappableE3::Trap(wasmtime::format_err!(
                    "variant_error: {a} traps"
                )))
            }
        }
        fn convert_e3(&mut self, err: TrappableE3) -> wasmtime::Result<imports::E3> {
            match err {
                TrappableE3::Normal(e) => Ok(e),
                TrappableE3::Trap(e) => Err(e),
            }
        }
    }

    #[test]
    fn ok_both_error_cases_and_trap() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        imports::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host);
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        let guest = world.foo();
        assert!(matches!(
            guest.call_variant_error(&mut store, 6.25).unwrap(),
            Ok(2.5)
        ));
        assert!(matches!(
            guest.call_variant_error(&mut store, -1.0).unwrap(),
            Err(foo::E3::E1(foo::E1::C))
        ));
        assert!(matches!(
            guest.call_variant_error(&mut store, -2.0).unwrap(),
            Err(foo::E3::E2(foo::E2 {
                line: 420,
                col: 1312
            }))
        ));
        let err = guest.call_variant_error(&mut store, -3.0).unwrap_err();
        super::assert_host_trap(&err, "variant_error: -3 traps");
    }
}

/// The error type lives in `types`, which the world does not import itself:
/// `imports` `use`s it. Both interfaces' functions return it; the
/// `trappable_error_type` entry names it where it is defined.
mod multiple_interfaces_error {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    /// The host's trap, which reaches the embedder as itself.
    #[derive(Debug)]
    pub struct MyTrap;

    impl std::fmt::Display for MyTrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{self:?}")
        }
    }

    impl std::error::Error for MyTrap {}

    pub enum TrappableE1 {
        Normal(types::E1),
        Trap(wasmtime::Error),
    }

    impl From<types::E1> for TrappableE1 {
        fn from(e: types::E1) -> Self {
            TrappableE1::Normal(e)
        }
    }

    impl From<MyTrap> for TrappableE1 {
        fn from(t: MyTrap) -> Self {
            TrappableE1::Trap(wasmtime::Error::new(t))
        }
    }

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:multi-error;

            interface types {
                enum e1 { a, b, c }
                enum-error: func(a: f64) -> result<f64, e1>;
            }

            interface imports {
                use types.{e1};
                enum-error: func(a: f64) -> result<f64, e1>;
            }

            world result-playground {
                import imports;
                export foo: interface {
                    enum e1 { a, b, c }
                    enum-error: func(a: f64) -> result<f64, e1>;
                }
            }
        ",
        trappable_error_type: { "wb:multi-error/types.e1" => TrappableE1 },
        imports: { default: trappable },
    });

    use exports::foo;
    use wb::multi_error::{imports, types};

    const GUEST: &str = r#"
      (import "wb:multi-error/imports" "enum-error" (func $f (param f64 i32)))
      (func (export "foo#enum-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    /// Which interface's function and `convert_e1` the host ran.
    #[derive(Default)]
    struct Host {
        calls: Vec<&'static str>,
    }

    fn enum_error(a: f64) -> Result<f64, TrappableE1> {
        if a >= 0.0 {
            Ok(a + 1.0)
        } else if a == -1.0 {
            Err(types::E1::A)?
        } else {
            Err(MyTrap)?
        }
    }

    fn convert(err: TrappableE1) -> wasmtime::Result<types::E1> {
        match err {
            TrappableE1::Normal(e) => Ok(e),
            TrappableE1::Trap(e) => Err(e),
        }
    }

    impl types::Host for Host {
        fn enum_error(&mut self, a: f64) -> Result<f64, TrappableE1> {
            self.calls.push("types.enum-error");
            enum_error(a)
        }
        fn convert_e1(&mut self, err: TrappableE1) -> wasmtime::Result<types::E1> {
            self.calls.push("types.convert-e1");
            convert(err)
        }
    }

    // As in wasmtime, `imports::Host` has no `convert_e1`: the conversion
    // is `types::Host`'s, which a host serving `imports` serves too.
    impl imports::Host for Host {
        fn enum_error(&mut self, a: f64) -> Result<f64, TrappableE1> {
            self.calls.push("imports.enum-error");
            enum_error(a)
        }
    }

    #[test]
    fn ok_error_and_the_hosts_own_trap() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        ResultPlayground::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h)
            .unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        assert_eq!(
            world.foo().call_enum_error(&mut store, 2.0).unwrap(),
            Ok(3.0)
        );
        assert_eq!(
            world.foo().call_enum_error(&mut store, -1.0).unwrap(),
            Err(foo::E1::A)
        );
        let err = world.foo().call_enum_error(&mut store, -5.0).unwrap_err();
        super::assert_host_trap(&err, "MyTrap");
        err.downcast_ref::<MyTrap>().expect("the host's own trap");
        assert_eq!(
            store.data().calls,
            [
                "imports.enum-error",
                "imports.enum-error",
                "types.convert-e1",
                "imports.enum-error",
                "types.convert-e1"
            ]
        );
    }
}

/// `with:` pointing an import at bindings another `bindgen!` generated
/// (with `imports: { default: trappable }` there too): the host implements
/// the other module's `Host`, links it with that module's `add_to_linker`,
/// and the world's export reaches it. The import is one the world defines
/// inline (`import imports: interface { .. }`), named in `with:` by its key
/// `imports`, and the other bindings come from `interfaces:`.
mod with_remapping {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    /// The bindings `with:` points at: a world importing the same
    /// interface.
    mod interfaces {
        hostgen::bindgen!({
            interfaces: "
                import imports: interface {
                    empty-error: func(a: f64) -> result<f64>;
                }
            ",
            imports: { default: trappable },
        });
    }

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:remap;

            world result-playground {
                import imports: interface {
                    empty-error: func(a: f64) -> result<f64>;
                }

                export empty-error: func(a: f64) -> result<f64>;
            }
        ",
        with: { "imports": interfaces::imports },
        imports: { default: trappable },
    });

    // `imports` is this world's module re-exporting `interfaces::imports`,
    // as wasmtime's `bindgen!` keeps every `with:`-mapped import's path.

    const GUEST: &str = r#"
      (import "imports" "empty-error" (func $f (param f64 i32)))
      (func (export "empty-error") (param $a f64) (result i32)
        (call $f (local.get $a) (i32.const 16))
        (i32.const 16))
    "#;

    #[derive(Default)]
    struct Host {
        seen: Vec<f64>,
    }

    impl imports::Host for Host {
        fn empty_error(&mut self, a: f64) -> wasmtime::Result<Result<f64, ()>> {
            self.seen.push(a);
            if a > 0.0 {
                Ok(Ok(a * 2.0))
            } else if a < 0.0 {
                Ok(Err(()))
            } else {
                Err(wasmtime::format_err!("with_remapping: zero is a trap"))
            }
        }
    }

    #[test]
    fn the_remapped_interface_serves_the_guest() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        imports::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();

        assert_eq!(world.call_empty_error(&mut store, 4.0).unwrap(), Ok(8.0));
        assert_eq!(world.call_empty_error(&mut store, -4.0).unwrap(), Err(()));
        let err = world.call_empty_error(&mut store, 0.0).unwrap_err();
        super::assert_host_trap(&err, "with_remapping: zero is a trap");
        assert_eq!(store.data().seen, [4.0, -4.0, 0.0]);
    }

    /// As with wasmtime's `bindgen!`, the world's `add_to_linker::<T, D>`
    /// links the `with:`-mapped import too, through the other bindings'
    /// `add_to_linker_instance::<T, D>` (the `_mut` form does not).
    #[test]
    fn the_worlds_linker_links_the_remapped_interface() {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST, "");
        let component =
            Component::new(&engine, crate::guest(WIT, "result-playground", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        ResultPlayground::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h)
            .unwrap();
        let mut store = Store::new(&engine, Host::default());
        let world = ResultPlayground::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(world.call_empty_error(&mut store, 3.0).unwrap(), Ok(6.0));
        assert_eq!(store.data().seen, [3.0]);

        let mut only_generated = Linker::new(&engine);
        ResultPlayground::add_to_linker_mut(&mut only_generated, |h: &mut Host| h).unwrap();
        let err = ResultPlayground::instantiate(&mut store, &component, &only_generated)
            .err()
            .expect("`imports` is not linked by the `_mut` form");
        assert!(format!("{err:?}").contains("imports"), "{err:?}");
    }
}

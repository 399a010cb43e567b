//! Options of the macro that change what host code returns.

/// `anyhow: true` with `imports: { default: trappable }`: host functions,
/// the resource destructor and `convert_*` return
/// `wasmtime::anyhow::Result`; `Ok` reaches the guest, `Err` traps, and the
/// embedder's error carries the host's anyhow message (and its context).
mod anyhow_errors {
    use crate::wasmtime;
    use std::collections::BTreeMap;
    use wasmtime::anyhow::{self, Context as _};
    use wasmtime::component::{Component, Linker, Resource};
    use wasmtime::{Engine, Store};

    /// The host's error in place of WIT's `parse-error`: that, or a
    /// failure to trap with.
    pub enum ParseFailure {
        Wit(host::ParseError),
        Fatal(anyhow::Error),
    }

    impl From<host::ParseError> for ParseFailure {
        fn from(e: host::ParseError) -> Self {
            ParseFailure::Wit(e)
        }
    }

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:anyhow-errors;

            interface host {
                enum parse-error { empty, not-a-number }

                /// A ticket numbered at its making.
                resource ticket {
                    constructor(n: u32);
                    number: func() -> u32;
                }

                ok: func(x: u32) -> u32;
                trap: func(x: u32) -> u32;
                parse: func(s: string) -> result<u32, parse-error>;
            }

            world my-world {
                import host;
                use host.{parse-error};

                export ok: func(x: u32) -> u32;
                export trap: func(x: u32) -> u32;
                export parse: func(s: string) -> result<u32, parse-error>;
                /// Makes ticket `n`, reads its number and drops it.
                export punch: func(n: u32) -> u32;
            }
        ",
        anyhow: true,
        imports: { default: trappable },
        trappable_error_type: { "wb:anyhow-errors/host.parse-error" => ParseFailure },
    });

    use wb::anyhow_errors::host::{self, Ticket};

    const GUEST_HEAD: &str = r#"
      (import "wb:anyhow-errors/host" "ok" (func $ok (param i32) (result i32)))
      (import "wb:anyhow-errors/host" "trap" (func $trap (param i32) (result i32)))
      (import "wb:anyhow-errors/host" "parse" (func $parse (param i32 i32 i32)))
      (import "wb:anyhow-errors/host" "[constructor]ticket" (func $new (param i32) (result i32)))
      (import "wb:anyhow-errors/host" "[method]ticket.number" (func $number (param i32) (result i32)))
      (import "wb:anyhow-errors/host" "[resource-drop]ticket" (func $drop (param i32)))
    "#;

    const GUEST_TAIL: &str = r#"
      (func (export "ok") (param $x i32) (result i32) (call $ok (local.get $x)))
      (func (export "trap") (param $x i32) (result i32) (call $trap (local.get $x)))
      (func (export "parse") (param $s i32) (param $len i32) (result i32)
        (call $parse (local.get $s) (local.get $len) (i32.const 16))
        (i32.const 16))
      (func (export "punch") (param $n i32) (result i32)
        (local $ticket i32) (local $number i32)
        (local.set $ticket (call $new (local.get $n)))
        (local.set $number (call $number (local.get $ticket)))
        (call $drop (local.get $ticket))
        (local.get $number))
    "#;

    /// Tickets by rep, and what the host was asked.
    #[derive(Default)]
    struct MyHost {
        tickets: BTreeMap<u32, u32>,
        calls: Vec<String>,
    }

    impl host::Host for MyHost {
        fn ok(&mut self, x: u32) -> anyhow::Result<u32> {
            self.calls.push(format!("ok({x})"));
            Ok(x + 42)
        }
        fn trap(&mut self, x: u32) -> anyhow::Result<u32> {
            self.calls.push(format!("trap({x})"));
            anyhow::bail!("anyhow error {x}")
        }
        fn parse(&mut self, s: String) -> Result<u32, ParseFailure> {
            self.calls.push(format!("parse({s:?})"));
            if s.is_empty() {
                Err(host::ParseError::Empty)?
            }
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                Err(host::ParseError::NotANumber)?
            }
            // All digits: only too many of them fails, and that traps.
            s.parse()
                .with_context(|| format!("parsing {s:?}"))
                .map_err(ParseFailure::Fatal)
        }
        fn convert_parse_error(&mut self, err: ParseFailure) -> anyhow::Result<host::ParseError> {
            match err {
                ParseFailure::Wit(e) => {
                    self.calls.push(format!("convert({e:?})"));
                    Ok(e)
                }
                ParseFailure::Fatal(e) => {
                    self.calls.push("convert(fatal)".to_string());
                    Err(e)
                }
            }
        }
    }

    impl host::HostTicket for MyHost {
        fn new(&mut self, n: u32) -> anyhow::Result<Resource<Ticket>> {
            let rep = 500 + self.tickets.len() as u32;
            self.tickets.insert(rep, n);
            self.calls.push(format!("new({n}) -> {rep}"));
            Ok(Resource::new_own(rep))
        }
        fn number(&mut self, self_: Resource<Ticket>) -> anyhow::Result<u32> {
            let n = self.tickets[&self_.rep()];
            self.calls.push(format!("number({}) -> {n}", self_.rep()));
            Ok(n)
        }
        fn drop(&mut self, rep: Resource<Ticket>) -> anyhow::Result<()> {
            self.calls.push(format!("drop({})", rep.rep()));
            let n = self.tickets.remove(&rep.rep()).unwrap();
            anyhow::ensure!(n != 13, "ticket {n} is unlucky");
            Ok(())
        }
    }

    fn setup() -> (Store<MyHost>, MyWorld) {
        let engine = Engine::default();
        let core = crate::with_memory(GUEST_HEAD, GUEST_TAIL);
        let component = Component::new(&engine, crate::guest(WIT, "my-world", &core)).unwrap();
        let mut linker = Linker::new(&engine);
        MyWorld::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h).unwrap();
        let mut store = Store::new(&engine, MyHost::default());
        let world = MyWorld::instantiate(&mut store, &component, &linker).unwrap();
        (store, world)
    }

    /// The error of a call that trapped in a host function: the guest's
    /// backtrace, then `chain`, the anyhow error's own chain; the anyhow
    /// error itself is there to downcast to.
    fn assert_anyhow_trap(err: &wasmtime::Error, chain: &[&str]) {
        let got: Vec<String> = err.chain().map(|e| e.to_string()).collect();
        assert!(
            got[0].starts_with("error while executing at wasm backtrace:\n"),
            "{err:?}"
        );
        assert_eq!(got[1..], *chain, "{err:?}");
        let host = err
            .downcast_ref::<anyhow::Error>()
            .expect("the host's anyhow::Error");
        assert_eq!(host.to_string(), chain[0]);
    }

    #[test]
    fn ok_returns_and_err_traps_with_the_anyhow_message() {
        let (mut store, world) = setup();
        assert_eq!(world.call_ok(&mut store, 0).unwrap(), 42);
        let err = world.call_trap(&mut store, 7).unwrap_err();
        assert_anyhow_trap(&err, &["anyhow error 7"]);
        assert_eq!(store.data().calls, ["ok(0)", "trap(7)"]);
    }

    #[test]
    fn a_destructor_err_traps() {
        let (mut store, world) = setup();
        assert_eq!(world.call_punch(&mut store, 7).unwrap(), 7);
        let err = world.call_punch(&mut store, 13).unwrap_err();
        assert_anyhow_trap(&err, &["ticket 13 is unlucky"]);
        assert_eq!(
            store.data().calls,
            [
                "new(7) -> 500",
                "number(500) -> 7",
                "drop(500)",
                "new(13) -> 500",
                "number(500) -> 13",
                "drop(500)",
            ]
        );
        assert!(store.data().tickets.is_empty());
    }

    #[test]
    fn convert_returns_the_wit_error_or_traps() {
        let (mut store, world) = setup();
        assert_eq!(world.call_parse(&mut store, "1312").unwrap(), Ok(1312));
        assert_eq!(
            world.call_parse(&mut store, "").unwrap(),
            Err(host::ParseError::Empty)
        );
        assert_eq!(
            world.call_parse(&mut store, "12a").unwrap(),
            Err(host::ParseError::NotANumber)
        );
        let err = world.call_parse(&mut store, "99999999999").unwrap_err();
        assert_anyhow_trap(
            &err,
            &[
                "parsing \"99999999999\"",
                "number too large to fit in target type",
            ],
        );
        assert_eq!(
            store.data().calls,
            [
                r#"parse("1312")"#,
                r#"parse("")"#,
                "convert(Empty)",
                r#"parse("12a")"#,
                "convert(NotANumber)",
                r#"parse("99999999999")"#,
                "convert(fatal)",
            ]
        );
    }
}

/// `include_component_type: true`: `COMPONENT_TYPE` holds the world, and
/// what it decodes to is the world the bindings were made from, so a guest
/// built from the decoded world (not from the WIT text) runs against them.
mod include_component_type {
    use crate::wasmtime;
    use wasmtime::component::{Component, HasSelf, Linker};
    use wasmtime::{Engine, Store};
    use wit_parser::WorldItem;

    hostgen::bindgen!({
        inline: "
            package wb:component-type;

            interface host {
                greet: func(name: string) -> string;
            }

            world component-type-world {
                import host;
                export run: func() -> u32;
            }
        ",
        include_component_type: true,
    });

    struct Greeter(Vec<String>);

    impl wb::component_type::host::Host for Greeter {
        fn greet(&mut self, name: String) -> String {
            self.0.push(name.clone());
            format!("hello, {name}!")
        }
    }

    /// `run` greets "wasm" and returns the length of the greeting.
    const CORE_HEAD: &str = r#"
      (import "wb:component-type/host" "greet" (func $greet (param i32 i32 i32)))
    "#;
    const CORE_TAIL: &str = r#"
      (data (i32.const 64) "wasm")
      (func (export "run") (result i32)
        (call $greet (i32.const 64) (i32.const 4) (i32.const 16))
        (i32.load (i32.const 20)))
    "#;

    #[test]
    fn the_component_type_decodes_to_the_world_and_builds_its_guest() {
        let (resolve, world) = wit_parser::decoding::decode_world(COMPONENT_TYPE).unwrap();
        let w = &resolve.worlds[world];
        assert_eq!(w.name, "component-type-world");
        let imports: Vec<String> = w
            .imports
            .keys()
            .map(|k| resolve.name_world_key(k))
            .collect();
        assert_eq!(imports, ["wb:component-type/host"]);
        let exports: Vec<String> = w
            .exports
            .keys()
            .map(|k| resolve.name_world_key(k))
            .collect();
        assert_eq!(exports, ["run"]);
        let Some(WorldItem::Interface { id, .. }) = w.imports.values().next() else {
            panic!("the import is an interface");
        };
        let greet = &resolve.interfaces[*id].functions["greet"];
        assert_eq!(greet.params.len(), 1);

        let engine = Engine::default();
        let core = crate::with_memory(CORE_HEAD, CORE_TAIL);
        let component = Component::new(&engine, crate::guest_of(&resolve, world, &core)).unwrap();
        let mut linker = Linker::new(&engine);
        ComponentTypeWorld::add_to_linker::<_, HasSelf<_>>(&mut linker, |g| g).unwrap();
        let mut store = Store::new(&engine, Greeter(Vec::new()));
        let bindings = ComponentTypeWorld::instantiate(&mut store, &component, &linker).unwrap();
        assert_eq!(
            bindings.call_run(&mut store).unwrap(),
            "hello, wasm!".len() as u32
        );
        assert_eq!(store.data().0, ["wasm"]);
    }
}

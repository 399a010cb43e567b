//! Owning types for export calls (`ownership: Owning`, hostgen's only mode;
//! `Borrowing { .. }` is refused, UI case `ownership_borrowing`): nested
//! lists of strings and records holding strings and lists go into the guest
//! by reference and come back owned.

mod owning {
    use crate::wasmtime;
    use wasmtime::component::{Component, Linker};
    use wasmtime::{Engine, Store};

    bindgen_and_wit!(WIT, {
        inline: "
            package wb:ownership;

            world test {
                export lists: interface {
                    foo: func(a: list<list<string>>) -> list<list<string>>;
                }

                export thing-in: interface {
                    record thing {
                        name: string,
                        value: list<string>
                    }

                    bar: func(a: thing);
                    /// The `thing` `bar` was given last.
                    last: func() -> thing;
                }

                export thing-in-and-out: interface {
                    record thing {
                        name: string,
                        value: list<string>
                    }

                    baz: func(a: thing) -> thing;
                }
            }
        ",
        ownership: Owning,
    });

    /// `foo` and `baz` hand their arguments back; `bar` keeps its argument's
    /// pointers for `last`. (The allocator never frees, so they stay valid.)
    const GUEST: &str = r#"
      (global $name (mut i32) (i32.const 0))
      (global $name_len (mut i32) (i32.const 0))
      (global $value (mut i32) (i32.const 0))
      (global $value_len (mut i32) (i32.const 0))
      (func (export "lists#foo") (param $ptr i32) (param $len i32) (result i32)
        (i32.store offset=16 (i32.const 0) (local.get $ptr))
        (i32.store offset=20 (i32.const 0) (local.get $len))
        (i32.const 16))
      (func (export "thing-in#bar")
            (param $name i32) (param $name_len i32) (param $value i32) (param $value_len i32)
        (global.set $name (local.get $name))
        (global.set $name_len (local.get $name_len))
        (global.set $value (local.get $value))
        (global.set $value_len (local.get $value_len)))
      (func (export "thing-in#last") (result i32)
        (i32.store offset=16 (i32.const 0) (global.get $name))
        (i32.store offset=20 (i32.const 0) (global.get $name_len))
        (i32.store offset=24 (i32.const 0) (global.get $value))
        (i32.store offset=28 (i32.const 0) (global.get $value_len))
        (i32.const 16))
      (func (export "thing-in-and-out#baz")
            (param $name i32) (param $name_len i32) (param $value i32) (param $value_len i32)
            (result i32)
        (i32.store offset=16 (i32.const 0) (local.get $name))
        (i32.store offset=20 (i32.const 0) (local.get $name_len))
        (i32.store offset=24 (i32.const 0) (local.get $value))
        (i32.store offset=28 (i32.const 0) (local.get $value_len))
        (i32.const 16))
    "#;

    // wasmtime's `bindgen!` derives no `PartialEq` on records; its own
    // test writes these, and so can a user of hostgen's.
    impl PartialEq for exports::thing_in::Thing {
        fn eq(&self, other: &Self) -> bool {
            self.name == other.name && self.value == other.value
        }
    }

    impl PartialEq for exports::thing_in_and_out::Thing {
        fn eq(&self, other: &Self) -> bool {
            self.name == other.name && self.value == other.value
        }
    }

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn owned_values_go_in_by_reference_and_come_back_owned() {
        let engine = Engine::default();
        let core = crate::with_memory("", GUEST);
        let component = Component::new(&engine, crate::guest(WIT, "test", &core)).unwrap();
        let linker = Linker::new(&engine);
        let mut store = Store::new(&engine, ());
        let test = Test::instantiate(&mut store, &component, &linker).unwrap();

        let lists: Vec<Vec<String>> = vec![strings(&["a", "b"]), vec![], strings(&["ünï", ""])];
        let back: Vec<Vec<String>> = test.lists().call_foo(&mut store, &lists).unwrap();
        assert_eq!(back, lists);
        // More than the guest's first memory page: its allocator grows it.
        let big = vec![vec!["ß".repeat(40_000), "x".repeat(70_000)]];
        assert_eq!(test.lists().call_foo(&mut store, &big).unwrap(), big);

        let first = exports::thing_in::Thing {
            name: "thing 1".to_string(),
            value: strings(&["some value", "another value"]),
        };
        test.thing_in().call_bar(&mut store, &first).unwrap();
        let second = exports::thing_in::Thing {
            name: String::new(),
            value: vec![],
        };
        assert_eq!(test.thing_in().call_last(&mut store).unwrap(), first);
        test.thing_in().call_bar(&mut store, &second).unwrap();
        assert_eq!(test.thing_in().call_last(&mut store).unwrap(), second);

        let thing = exports::thing_in_and_out::Thing {
            name: "thing 2".to_string(),
            value: strings(&["x"; 3]),
        };
        let back: exports::thing_in_and_out::Thing = test
            .thing_in_and_out()
            .call_baz(&mut store, &thing)
            .unwrap();
        assert_eq!(back, thing);
    }
}

//! `ownership:` for export calls. `Owning`: nested lists of strings and
//! records holding strings and lists go into the guest by reference and
//! come back owned. `Borrowing { .. }` (wasmtime's `borrowing_no_duplication`
//! and `borrowing_with_duplication`): they go in borrowed all the way down
//! (`&[&[&str]]`, `Thing<'a>` with `&'a str` fields), and a record both
//! passed and returned is owned and passed by reference, or exists twice
//! (`ThingParam<'a>`, `ThingResult`).

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
    pub(super) const GUEST: &str = r#"
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

    pub(super) fn strings(s: &[&str]) -> Vec<String> {
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

/// `ownership: Borrowing { duplicate_if_necessary: $dup }` bindings of the
/// `owning` world, with `thing-in.last` returning the fields as a tuple, so
/// `thing-in`'s `thing` is only ever passed to the guest (the same guest
/// serves it: a tuple and a record of the same fields share a layout).
macro_rules! borrowing_world {
    ($dup:literal) => {
        bindgen_and_wit!(WIT, {
            inline: "
                package wb:borrowing;

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
                        /// The fields of the `thing` `bar` was given last.
                        last: func() -> tuple<string, list<string>>;
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
            ownership: Borrowing { duplicate_if_necessary: $dup },
        });
    };
}

/// The `test` world's guest, around `GUEST`.
fn borrowing_guest(wit: &str) -> wasmtime::component::Component {
    let engine = wasmtime::Engine::default();
    let core = crate::with_memory("", owning::GUEST);
    wasmtime::component::Component::new(&engine, crate::guest(wit, "test", &core)).unwrap()
}

use crate::wasmtime;

mod borrowing_no_duplication {
    use super::owning::strings;
    use crate::wasmtime;
    use wasmtime::Store;
    use wasmtime::component::Linker;

    borrowing_world!(false);

    #[test]
    fn borrowed_values_go_in_and_owned_ones_come_back() {
        let component = super::borrowing_guest(WIT);
        let mut store = Store::new(component.engine(), ());
        let linker = Linker::new(component.engine());
        let test = Test::instantiate(&mut store, &component, &linker).unwrap();

        let lists: &[&[&str]] = &[&["a", "b"], &[], &["ünï", ""]];
        let back: Vec<Vec<String>> = test.lists().call_foo(&mut store, lists).unwrap();
        assert_eq!(back, lists);

        // Only passed to the guest: borrowed fields, and `Copy`.
        let thing = exports::thing_in::Thing {
            name: "thing 1",
            value: &["some value", "another value"],
        };
        test.thing_in().call_bar(&mut store, thing).unwrap();
        let last = test.thing_in().call_last(&mut store).unwrap();
        assert_eq!(
            last,
            (
                "thing 1".to_string(),
                strings(&["some value", "another value"])
            )
        );
        test.thing_in().call_bar(&mut store, thing).unwrap();

        // Passed and returned: owned, passed by reference.
        let thing = exports::thing_in_and_out::Thing {
            name: "thing 2".to_owned(),
            value: strings(&["x"; 3]),
        };
        let back: exports::thing_in_and_out::Thing = test
            .thing_in_and_out()
            .call_baz(&mut store, &thing)
            .unwrap();
        assert_eq!((back.name, back.value), (thing.name, thing.value));
    }
}

mod borrowing_with_duplication {
    use super::owning::strings;
    use crate::wasmtime;
    use wasmtime::Store;
    use wasmtime::component::Linker;

    borrowing_world!(true);

    #[test]
    fn a_type_passed_and_returned_exists_twice() {
        let component = super::borrowing_guest(WIT);
        let mut store = Store::new(component.engine(), ());
        let linker = Linker::new(component.engine());
        let test = Test::instantiate(&mut store, &component, &linker).unwrap();

        let lists: &[&[&str]] = &[&["a", "b"]];
        assert_eq!(test.lists().call_foo(&mut store, lists).unwrap(), lists);

        let thing = exports::thing_in::Thing {
            name: "thing 1",
            value: &["some value", "another value"],
        };
        test.thing_in().call_bar(&mut store, thing).unwrap();
        assert_eq!(
            test.thing_in().call_last(&mut store).unwrap(),
            (
                "thing 1".to_string(),
                strings(&["some value", "another value"])
            )
        );

        let param = exports::thing_in_and_out::ThingParam {
            name: "thing 2",
            value: &["y", ""],
        };
        let back: exports::thing_in_and_out::ThingResult =
            test.thing_in_and_out().call_baz(&mut store, param).unwrap();
        assert_eq!(back.name, "thing 2");
        assert_eq!(back.value, ["y", ""]);
    }
}

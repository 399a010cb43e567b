//! Runs the committed C guest (`examples/guests/app.wasm`) through the
//! generated bindings, and checks that the committed `.wasm` matches
//! `wit/app.wit` while components of another shape are refused.

use hello::{App, DEFAULT_WASM, State};
use hostgen::wasmtime;
use wasmtime::component::Component;
use wasmtime::{Engine, Store};

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn report_and_host_state() -> wasmtime::Result<()> {
    let (report, log, notes) = hello::run(DEFAULT_WASM, &names(&["Ada", "Grace", "Zoë"]))?;
    assert_eq!(
        report,
        "\
greet[0]: Hello, Ada! (age 20, tags: guest, idx-0)
note[0]: id 1 (general, r--, low)
greet[1]: Hello, Grace! (age 21, tags: guest, idx-1)
note[1]: id 2 (person(Grace), rw-, normal)
greet[2]: Hello, Zoë! (age 22, tags: guest, idx-2)
note[2]: id 3 (numbers([2, -2, 2147483647]), rws, urgent)
all: 3 notes
  - note for Ada
  - note for Grace
  - note for Zoë
get(1): some(note for Ada)
get(9999): none
remove(1): ok
remove(9999): err(no note 9999)"
    );
    assert_eq!(log, ["run: starting with 3 names"]);
    assert_eq!(
        notes,
        [
            "2: note for Grace | person(Grace, 21, [guest, idx-1]) | rw- | normal",
            "3: note for Zoë | numbers([2, -2, 2147483647]) | rws | urgent",
        ]
    );
    Ok(())
}

#[test]
fn four_names_cycle_topics_perms_and_levels() -> wasmtime::Result<()> {
    let (report, log, notes) = hello::run(DEFAULT_WASM, &names(&["a", "", "日本", "🦀 crab"]))?;
    assert_eq!(
        report,
        "\
greet[0]: Hello, a! (age 20, tags: guest, idx-0)
note[0]: id 1 (general, r--, low)
greet[1]: Hello, ! (age 21, tags: guest, idx-1)
note[1]: id 2 (person(), rw-, normal)
greet[2]: Hello, 日本! (age 22, tags: guest, idx-2)
note[2]: id 3 (numbers([2, -2, 2147483647]), rws, urgent)
greet[3]: Hello, 🦀 crab! (age 23, tags: guest, idx-3)
note[3]: id 4 (general, -ws, low)
all: 4 notes
  - note for a
  - note for \n  - note for 日本
  - note for 🦀 crab
get(1): some(note for a)
get(9999): none
remove(1): ok
remove(9999): err(no note 9999)"
    );
    assert_eq!(log, ["run: starting with 4 names"]);
    assert_eq!(
        notes,
        [
            "2: note for  | person(, 21, [guest, idx-1]) | rw- | normal",
            "3: note for 日本 | numbers([2, -2, 2147483647]) | rws | urgent",
            "4: note for 🦀 crab | general | -ws | low",
        ]
    );
    Ok(())
}

#[test]
fn no_names() -> wasmtime::Result<()> {
    let (report, log, notes) = hello::run(DEFAULT_WASM, &[])?;
    assert_eq!(
        report,
        "\
all: 0 notes
get(9999): none
remove(9999): err(no note 9999)"
    );
    assert_eq!(log, ["run: starting with 0 names"]);
    assert!(notes.is_empty());
    Ok(())
}

#[test]
fn missing_file_is_an_error() {
    let err = match hello::run("/nonexistent/app.wasm", &[]) {
        Ok(_) => panic!("loading a missing file succeeded"),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains("/nonexistent/app.wasm"), "{err}");
}

/// The committed `app.wasm` matches `wit/app.wit`: the generated linker
/// accepts it (a mismatched import would fail `instantiate`, a mismatched
/// export the typed lookup of `run`), and it imports nothing else (no
/// `wasi:*`).
#[test]
fn committed_wasm_matches_wit() -> wasmtime::Result<()> {
    let engine = Engine::default();
    let component = Component::from_file(&engine, DEFAULT_WASM)?;

    let ty = component.component_type();
    let mut imports: Vec<&str> = ty.imports(&engine).map(|(name, _)| name).collect();
    imports.sort_unstable();
    assert_eq!(
        imports,
        [
            "example:app/greeter@0.1.0",
            "example:app/notes@0.1.0",
            "example:app/types@0.1.0",
            "log",
        ]
    );
    let exports: Vec<&str> = ty.exports(&engine).map(|(name, _)| name).collect();
    assert_eq!(exports, ["run"]);

    let linker = hello::linker(&engine)?;
    let mut store = Store::new(&engine, State::default());
    App::instantiate(&mut store, &component, &linker)?;
    Ok(())
}

/// Instantiates a component (in component-model text) with the example's
/// linker and returns the error, which must exist.
fn instantiate_error(wat: &str) -> String {
    let engine = Engine::default();
    let component = match Component::new(&engine, wat) {
        Ok(c) => c,
        Err(e) => panic!("test component does not compile: {e:#}"),
    };
    let linker = match hello::linker(&engine) {
        Ok(l) => l,
        Err(e) => panic!("linker: {e:#}"),
    };
    let mut store = Store::new(&engine, State::default());
    match App::instantiate(&mut store, &component, &linker) {
        Ok(_) => panic!("a component of another world was accepted"),
        Err(e) => format!("{e:#}"),
    }
}

/// A component built from a different WIT, whose `greeter.greet` takes a
/// string instead of a `person`, is refused at instantiation.
#[test]
fn different_import_signature_is_refused() {
    let err = instantiate_error(
        r#"(component
            (import "example:app/greeter@0.1.0" (instance
                (export "greet" (func (param "who" string) (result string)))
            ))
        )"#,
    );
    assert!(err.contains("greet"), "{err}");
}

/// An import the world does not have is refused at instantiation.
#[test]
fn unknown_import_is_refused() {
    let err = instantiate_error(
        r#"(component
            (import "example:app/calendar@0.1.0" (instance
                (export "today" (func (result string)))
            ))
        )"#,
    );
    assert!(err.contains("example:app/calendar@0.1.0"), "{err}");
}

/// A component whose `run` returns `u32` instead of `string` is refused,
/// with the WIT name in the error.
#[test]
fn different_export_signature_is_refused() {
    let err = instantiate_error(
        r#"(component
            (core module $m
                (memory (export "memory") 1)
                (func (export "run") (param i32 i32) (result i32) i32.const 0)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 8)
            )
            (core instance $i (instantiate $m))
            (func $run (param "names" (list string)) (result u32)
                (canon lift (core func $i "run")
                    (memory (core memory $i "memory"))
                    (realloc (core func $i "realloc"))))
            (export "run" (func $run))
        )"#,
    );
    assert!(err.contains("run"), "{err}");
}

/// A component without the `run` export is refused, naming it.
#[test]
fn missing_export_is_refused() {
    let err = instantiate_error("(component)");
    assert!(err.contains("`run`"), "{err}");
}

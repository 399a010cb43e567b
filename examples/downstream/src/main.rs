//! A downstream crate, written the way hostgen's README says: its own
//! `wasmtime` dependency of one major, and hostgen with the matching
//! `wasmtime-N` feature. It serves world `example:app/app` (`wit/app.wit`)
//! and runs the committed C guest `examples/guests/app.wasm`.
//!
//! Built once per supported wasmtime from `wasmtime-49/` and `wasmtime-50/`
//! (each a manifest and lock of its own, outside the workspace); CI runs
//! both with `cargo +nightly run --locked --manifest-path ...` and checks with
//! `cargo tree -d` that each lock holds one wasmtime.
//!
//! Every wasmtime type below comes from this crate's own `wasmtime`
//! dependency and goes straight into the generated code: were hostgen's
//! wasmtime another one, this would not compile.
#![deny(warnings)]

use std::collections::BTreeMap;
use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "../../../wit", world: "example:app/app" });

use example::app::types::{Level, Perms, Person, Topic};

/// The major this build is on, from the package name
/// (`downstream-wasmtime-50`).
fn wasmtime_major() -> &'static str {
    env!("CARGO_PKG_NAME").trim_start_matches("downstream-wasmtime-")
}

#[derive(Default)]
struct State {
    greeted: Vec<String>,
    notes: BTreeMap<u32, String>,
    log: Vec<String>,
}

impl example::app::greeter::Host for State {
    fn greet(&mut self, who: Person) -> String {
        self.greeted.push(who.name.clone());
        format!("Hi {}, from wasmtime {}", who.name, wasmtime_major())
    }
}

impl example::app::notes::Host for State {
    fn add(&mut self, text: String, _: Topic, _: Perms, _: Level) -> u32 {
        let id = self.notes.keys().next_back().map_or(1, |last| last + 1);
        self.notes.insert(id, text);
        id
    }

    fn all(&mut self) -> Vec<String> {
        self.notes.values().cloned().collect()
    }

    fn get(&mut self, id: u32) -> Option<String> {
        self.notes.get(&id).cloned()
    }

    fn remove(&mut self, id: u32) -> Result<(), String> {
        self.notes
            .remove(&id)
            .map(drop)
            .ok_or(format!("no note {id}"))
    }
}

// `example:app/types` has only types: an empty `Host`, as with wasmtime's
// `bindgen!`.
impl example::app::types::Host for State {}

impl AppImports for State {
    fn log(&mut self, msg: String) {
        self.log.push(msg);
    }
}

fn main() -> wasmtime::Result<()> {
    let wasm = concat!(env!("CARGO_MANIFEST_DIR"), "/../../guests/app.wasm");
    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm)?;
    let mut linker = Linker::<State>::new(&engine);
    // wasmtime's shape: a `fn` getter to the `HasData` marker's `Data`.
    App::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s)?;
    let mut store = Store::new(&engine, State::default());
    let app = App::instantiate(&mut store, &component, &linker)?;
    let names = ["Ada", "Grace"].map(String::from);
    let report = app.call_run(&mut store, &names)?;
    println!("{report}");

    // What crossed the boundary, checked: a wrong answer is an error exit.
    let state = store.data();
    let expected = format!("Hi Ada, from wasmtime {}", wasmtime_major());
    if state.greeted != names || !report.contains(&expected) || state.log.is_empty() {
        return Err(wasmtime::Error::msg(format!(
            "unexpected run: greeted {:?}, log {:?}, report:\n{report}",
            state.greeted, state.log
        )));
    }
    println!(
        "ok: wasmtime {}, {} greetings, {} notes kept, {} log lines",
        wasmtime_major(),
        state.greeted.len(),
        state.notes.len(),
        state.log.len()
    );
    Ok(())
}

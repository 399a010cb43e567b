//! The `hello` example: a host for world `example:app/app` (`wit/app.wit`).
//!
//! The guest (`examples/guests/app/guest.c`, built into
//! `examples/guests/app.wasm`) greets each name through `greeter`, keeps a
//! note per greeting through `notes`, and returns a report. This crate shows
//! the three ways of serving an import that `hostgen::bindgen!` offers:
//!
//! * `greeter` by a field of the store data, through a plain `&mut` getter
//!   (`add_to_linker`);
//! * `notes` by a wrapper that borrows the whole store data, through a plain
//!   `fn` item passed to `add_to_linker_get_host`;
//! * the world's own import `log` by the store data itself
//!   (`App::add_to_linker_imports`).

use std::collections::BTreeMap;
use std::path::Path;

use hostgen::wasmtime;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "../../wit", world: "example:app/app" });

use example::app::types::{Level, Perms, Person, Topic};

/// The default guest: the committed build of `examples/guests/app/guest.c`.
pub const DEFAULT_WASM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../guests/app.wasm");

/// Serves `example:app/greeter`.
#[derive(Default)]
pub struct Greeter {
    /// How many greetings it has produced.
    pub greeted: u32,
}

impl example::app::greeter::Host for Greeter {
    fn greet(&mut self, who: Person) -> String {
        self.greeted += 1;
        format!(
            "Hello, {}! (age {}, tags: {})",
            who.name,
            who.age,
            who.tags.join(", ")
        )
    }
}

/// One note kept by the host.
pub struct Note {
    /// The note's text.
    pub text: String,
    /// What it is about.
    pub topic: Topic,
    /// Its access rights.
    pub perms: Perms,
    /// How urgent it is.
    pub level: Level,
}

impl Note {
    /// A one-line description, e.g. `note for Ada | general | r-- | low`.
    pub fn describe(&self) -> String {
        format!(
            "{} | {} | {} | {}",
            self.text,
            describe_topic(&self.topic),
            describe_perms(self.perms),
            describe_level(self.level)
        )
    }
}

fn describe_topic(topic: &Topic) -> String {
    match topic {
        Topic::General => "general".to_string(),
        Topic::Person(p) => format!("person({}, {}, [{}])", p.name, p.age, p.tags.join(", ")),
        Topic::Numbers(ns) => {
            let ns: Vec<String> = ns.iter().map(i32::to_string).collect();
            format!("numbers([{}])", ns.join(", "))
        }
    }
}

fn describe_perms(perms: Perms) -> String {
    [(Perms::READ, 'r'), (Perms::WRITE, 'w'), (Perms::SHARE, 's')]
        .iter()
        .map(|&(flag, c)| if perms.contains(flag) { c } else { '-' })
        .collect()
}

fn describe_level(level: Level) -> &'static str {
    match level {
        Level::Low => "low",
        Level::Normal => "normal",
        Level::Urgent => "urgent",
    }
}

/// The store's data.
#[derive(Default)]
pub struct State {
    /// Serves `greeter`.
    pub greeter: Greeter,
    /// The notebook: notes by number, so iteration is oldest first.
    pub notes: BTreeMap<u32, Note>,
    /// The number the next note gets.
    pub next_note: u32,
    /// Every message the guest logged.
    pub log: Vec<String>,
}

/// Serves `example:app/notes` by borrowing the whole store data.
pub struct Notebook<'a> {
    state: &'a mut State,
}

/// The getter for `notes`. It must be a `fn` item: a closure returning a
/// borrowing wrapper does not satisfy the higher-ranked bound of
/// `add_to_linker_get_host`.
fn notebook(state: &mut State) -> Notebook<'_> {
    Notebook { state }
}

impl example::app::notes::Host for Notebook<'_> {
    fn add(&mut self, text: String, topic: Topic, perms: Perms, level: Level) -> u32 {
        self.state.next_note += 1;
        let id = self.state.next_note;
        self.state.notes.insert(
            id,
            Note {
                text,
                topic,
                perms,
                level,
            },
        );
        id
    }

    fn all(&mut self) -> Vec<String> {
        self.state.notes.values().map(|n| n.text.clone()).collect()
    }

    fn get(&mut self, id: u32) -> Option<String> {
        self.state.notes.get(&id).map(|n| n.text.clone())
    }

    fn remove(&mut self, id: u32) -> Result<(), String> {
        match self.state.notes.remove(&id) {
            Some(_) => Ok(()),
            None => Err(format!("no note {id}")),
        }
    }
}

impl AppImports for State {
    fn log(&mut self, msg: String) {
        println!("[guest log] {msg}");
        self.log.push(msg);
    }
}

/// A linker with every import of world `app` served by [`State`].
pub fn linker(engine: &Engine) -> wasmtime::Result<Linker<State>> {
    let mut linker = Linker::new(engine);
    example::app::greeter::add_to_linker(&mut linker, |s: &mut State| &mut s.greeter)?;
    example::app::notes::add_to_linker_get_host(&mut linker, notebook)?;
    App::add_to_linker_imports(&mut linker, |s: &mut State| s)?;
    Ok(linker)
}

/// Loads the component at `wasm_path`, instantiates it against world `app`
/// and calls its `run` export with `names`.
///
/// Returns the report, the guest's log lines in order, and the notes left in
/// the host afterwards, oldest first, each as `<id>: <`[`Note::describe`]`>`.
pub fn run(
    wasm_path: impl AsRef<Path>,
    names: &[String],
) -> wasmtime::Result<(String, Vec<String>, Vec<String>)> {
    let wasm_path = wasm_path.as_ref();
    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm_path).map_err(|e| {
        e.context(format!(
            "cannot load component `{}` (rebuild it with examples/guests/build.sh)",
            wasm_path.display()
        ))
    })?;
    let linker = linker(&engine)?;
    let mut store = Store::new(&engine, State::default());
    let app = App::instantiate(&mut store, &component, &linker)?;
    let report = app.call_run(&mut store, names)?;
    let state = store.into_data();
    let notes = state
        .notes
        .iter()
        .map(|(id, note)| format!("{id}: {}", note.describe()))
        .collect();
    Ok((report, state.log, notes))
}

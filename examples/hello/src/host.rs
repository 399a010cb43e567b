//! The host impls of world `example:app/app`: the same source serves the
//! wasmtime bindings of this crate and the wasmi bindings of
//! `examples/hello-wasmi`, which includes this file. It names generated
//! items through `crate::`, where both crates invoke `bindgen!`.

use std::collections::BTreeMap;

use crate::AppImports;
use crate::example;
use crate::example::app::types::{Level, Perms, Person, Topic};

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
pub fn notebook(state: &mut State) -> Notebook<'_> {
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

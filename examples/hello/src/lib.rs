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
//!
//! The host impls are in `src/host.rs`, the linking and the run in
//! `src/link.rs`; `examples/hello-wasmi` includes both unchanged to run the
//! same guest on wasmi.

use hostgen::wasmtime;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({ path: "../../wit", world: "example:app/app" });

pub mod host;
use host::notebook;
pub use host::{Greeter, Note, Notebook, State};

/// The default guest: the committed build of `examples/guests/app/guest.c`.
pub const DEFAULT_WASM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../guests/app.wasm");

include!("link.rs");

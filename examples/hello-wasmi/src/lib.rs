//! The `hello` example on wasmi: world `example:app/app` (`wit/app.wit`)
//! with bindings for `hostgen::wasmi` (`target: wasmi`), served by the host
//! impls of `examples/hello`, whose `src/host.rs` this crate includes
//! unchanged, and linked and run by its `src/link.rs`, also unchanged, over
//! `hostgen::wasmi`'s types.

use hostgen::wasmi::{Component, Engine, Linker, Store};

hostgen::bindgen!({ path: "../../wit", world: "example:app/app", target: wasmi });

/// The host impls, shared with `examples/hello`.
#[path = "../../hello/src/host.rs"]
pub mod host;
use host::notebook;
pub use host::{Greeter, Note, Notebook, State};

/// The default guest: the committed build of `examples/guests/app/guest.c`.
pub const DEFAULT_WASM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../guests/app.wasm");

include!("../../hello/src/link.rs");

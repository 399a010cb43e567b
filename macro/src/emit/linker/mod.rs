//! `add_to_linker` and `add_to_linker_get_host`: per imported interface, for
//! the world's own imports, and for the whole world.
//!
//! `closures` makes the `func_wrap*` closure of each host function (nothing
//! else runs per call), `fns` the linker functions of one importer, and
//! `world` those of the whole world.

mod closures;
mod fns;
mod world;

pub use fns::interface;
pub use world::{ImportLink, world};

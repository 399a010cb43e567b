//! The option matrix (see `build.rs`, `OPTION_SETS`): every corpus world
//! under each option set but the defaults (those are the library's), with
//! the dyn companions in use where imports are async. Compile-only: that
//! this target compiles, under `deny(warnings)` and clippy, is the test.
#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/matrix.rs"));

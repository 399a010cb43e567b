//! Real-world WIT run through `hostgen::bindgen!`: every world of the WASI
//! 0.2 and 0.3 WIT shipped in wasmtime-wasi and wasmtime-wasi-http (a
//! module per crate and WASI version), of each package under `wit/`
//! (`local`), of each `regressions/*.wit` (worlds that once broke
//! hostgen), and of wasmtime's own `bindgen!` tests (`wasmtime_codegen`:
//! `tests/codegen` of wasmtime-internal-component-macro, at the selected
//! wasmtime's version). `build.rs` finds the worlds, so a new one is covered without
//! editing a test. That this crate and `tests/option_matrix.rs` compile
//! (under `deny(warnings)`, and clippy `-D warnings` in CI) is the corpus
//! test; `tests/` also links generated code next to wasmtime-wasi and runs
//! WASI 0.3 shapes.
//!
//! # The option matrix
//!
//! Every world is generated under each option set of [`OPTION_SETS`], in a
//! module named after the world plus the set's suffix:
//!
//! | suffix | options |
//! | --- | --- |
//! | (none) | the defaults: this library |
//! | `_async` | `imports: { default: async }, exports: { default: async }`, dyn companions in use |
//! | `_async_trappable_tracing` | `imports: { default: async \| trappable \| tracing }, exports: { default: async }`, dyn companions in use |
//! | `_store_trappable` | `imports: { default: store \| trappable }` |
//!
//! The columns but the defaults are the compile-only test target
//! `tests/option_matrix.rs`. "Dyn companions in use" is what the README's
//! `DynHost` section shows: each world's module has a `DynHosts` struct
//! with a `Box<dyn DynHost>` for each import a dyn host can serve (an
//! interface, or the world's own imports as `Dyn<World>Imports`, with no
//! WIT `async func`) and an `add_to_linker` linking each through its box;
//! for an import with an `async func`, which links through a `HasData`
//! marker, that `dyn DynHost` implements `Host` is checked instead. A world
//! also shipped by an earlier source under the same
//! `ns:pkg/world@version` (wasmtime-wasi-http's copies of wasmtime-wasi's
//! WASI packages) gets the defaults only. [`MATRIX`] lists the cells;
//! a cell that cannot compile is left out only in `build.rs`'s `EXCLUDED`,
//! with its reason ([`EXCLUDED`], empty today). Regression worlds are also
//! generated with the options the fuzzer found them with (`_fuzzed`).
#![deny(warnings)]
#![allow(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

/// The wasmtime-wasi and wasmtime-wasi-http of the selected `wasmtime-N`
/// feature, for the interop tests (`use hostgen_corpus::deps::*`).
pub mod deps {
    #[cfg(feature = "wasmtime-48")]
    pub use {wasmtime_wasi_http48 as wasmtime_wasi_http, wasmtime_wasi48 as wasmtime_wasi};
    #[cfg(feature = "wasmtime-49")]
    pub use {wasmtime_wasi_http49 as wasmtime_wasi_http, wasmtime_wasi49 as wasmtime_wasi};
    #[cfg(feature = "wasmtime-50")]
    pub use {wasmtime_wasi_http50 as wasmtime_wasi_http, wasmtime_wasi50 as wasmtime_wasi};
}

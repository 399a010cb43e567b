//! Every world of the WASI 0.2 WIT shipped in wasmtime-wasi and
//! wasmtime-wasi-http, run through `hostgen::bindgen!`. That this crate
//! compiles (under `deny(warnings)`, and clippy `-D warnings` in CI) is the
//! corpus test; `tests/` links generated code next to wasmtime-wasi.
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

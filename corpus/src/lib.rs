//! Every world of the WASI 0.2 WIT shipped in wasmtime-wasi and
//! wasmtime-wasi-http, run through `hostgen::bindgen!`. That this crate
//! compiles (under `deny(warnings)`, and clippy `-D warnings` in CI) is the
//! corpus test; `tests/` links generated code next to wasmtime-wasi.
#![deny(warnings)]
#![allow(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

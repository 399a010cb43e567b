//! The one module that knows which wasmtime hostgen targets.
//!
//! hostgen supports several wasmtime majors at once; a crate picks the one it
//! uses with exactly one of the features `wasmtime-48`, `wasmtime-49`,
//! `wasmtime-50` (`build.rs` turns that choice into `cfg(hostgen_wasmtime =
//! "N")`, and refuses none or several with one error naming the features). The choice is re-exported here as `wasmtime`, and generated code
//! reaches it only through `hostgen::__private::wasmtime`, so the bindings
//! always type-check against the user's own wasmtime, and Cargo.lock holds
//! one.
//!
//! The macro itself knows no version: it emits the same tokens for every
//! wasmtime. When a release changes an API that generated code calls, the
//! difference goes here, as a shim under `cfg(hostgen_wasmtime = "N")`
//! that `__private` re-exports and the macro calls, never as a version test
//! inside the macro.
//!
//! # Adding a wasmtime release (say 51)
//!
//! 1. Workspace `Cargo.toml`: `wasmtime51`, `wasmtime-wasi51`,
//!    `wasmtime-wasi-http51` entries next to the others.
//! 2. `runtime/Cargo.toml`: the optional `wasmtime51` dependency, the
//!    `wasmtime-51` feature, and `wasmtime51?/component-model-async`.
//! 3. `runtime/build/select.rs`: append `"51"` to `VERSIONS`; here, one
//!    `pub use` line below.
//! 4. The crates with a `wasmtime-N` feature forwarding to hostgen
//!    (`runtime-tests`, `corpus`, `examples/*`): the same feature and
//!    optional dependencies (`grep -rn 'wasmtime-50' --include=Cargo.toml`).
//! 5. `examples/downstream/wasmtime-51/`: a copy of `wasmtime-50/`'s manifest
//!    with the version changed, and a lock: copy the workspace's
//!    `Cargo.lock` there and run `cargo +nightly tree` once, which prunes it
//!    to what the crate uses (`cargo tree -d` must list no wasmtime).
//! 6. `.ci/wasmtime-matrix`: a `51)` entry, and `51` in the default list.
//! 7. Run the matrix; fix what its compiler reports with shims here.

#[cfg(hostgen_wasmtime = "48")]
pub use wasmtime48 as wasmtime;
#[cfg(hostgen_wasmtime = "49")]
pub use wasmtime49 as wasmtime;
#[cfg(hostgen_wasmtime = "50")]
pub use wasmtime50 as wasmtime;

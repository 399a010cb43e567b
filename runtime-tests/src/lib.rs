//! hostgen's run-time tests, in `tests/`: each file generates bindings for a
//! WIT world, instantiates a real component and checks what crosses the
//! boundary. A package of their own (not `hostgen`'s `tests/`) so that the
//! `wasmtime-N` feature picks the wasmtime they run on:
//! `cargo test -p hostgen-runtime-tests --no-default-features --features wasmtime-50`.

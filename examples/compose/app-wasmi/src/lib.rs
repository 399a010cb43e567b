//! The `compose` example on wasmi: world `example:compose/app` with
//! bindings for `hostgen::wasmi` (`target: wasmi`). The two host libraries
//! serve it through their `wasmi` modules, which implement the generated
//! traits with the same source as on wasmtime (`fs-host/src/wrapper.rs`,
//! `kv-host/src/wrapper.rs`); the store data and the description of its end
//! state are `compose`'s own `app/src/state.rs`, included unchanged.

use std::path::Path;

use hostgen::wasmi::{Component, Engine, Linker, Store};

hostgen::bindgen!({
    path: "../wit",
    world: "example:compose/app",
    target: wasmi,
    with: {
        "example:fs": compose_fs::wasmi::bindings::example::fs,
        "example:kv/store": compose_kv::wasmi::bindings::example::kv::store,
    },
});

/// The default guest: the committed build of
/// `examples/guests/compose/guest.c`.
pub const DEFAULT_WASM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../guests/compose.wasm");

/// A linker with both libraries, each serving its interface through its
/// wrapper (`FsImpl`, `KvImpl`).
pub fn linker(engine: &Engine) -> hostgen::Result<Linker<State>> {
    let mut linker = Linker::new(engine);
    compose_fs::wasmi::add_to_linker(&mut linker)?;
    compose_kv::wasmi::add_to_linker(&mut linker)?;
    Ok(linker)
}

/// Loads the component at `wasm_path`, instantiates it on wasmi against
/// world `app` with both libraries over `state`, and calls `run`.
///
/// Returns the guest's report and the store state afterwards, as
/// `compose::run` does.
pub fn run(wasm_path: impl AsRef<Path>, state: State) -> hostgen::Result<(String, State)> {
    let wasm_path = wasm_path.as_ref();
    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm_path).map_err(|e| {
        e.context(format!(
            "cannot load component `{}` (rebuild it with examples/guests/build.sh)",
            wasm_path.display()
        ))
    })?;
    let linker = linker(&engine)?;
    let mut store = Store::new(&engine, state);
    let app = App::instantiate(&mut store, &component, &linker)?;
    let report = app.call_run(&mut store)?;
    Ok((report, store.into_data()))
}

include!("../../app/src/state.rs");

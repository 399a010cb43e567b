//! The `compose` example: one store shared by two host libraries.
//!
//! `compose-fs` serves `example:fs/files` and `compose-kv` serves
//! `example:kv/store`; each is written against a view trait ([`FsView`],
//! [`KvView`]) and never names this crate's [`State`]. Both get the same
//! [`ResourceTable`], so handles cross between them: the guest
//! (`examples/guests/compose/guest.c`, built into
//! `examples/guests/compose.wasm`) lends kv a `file` handle that fs created
//! (`put-file`), and kv creates `file` handles that the guest then uses
//! through fs (`export-to`).
//!
//! The world `example:compose/app` imports both interfaces and exports
//! `run`. Its `bindgen!` below reuses the libraries' bindings through
//! `with:`, so it generates only the export side; the imports are linked by
//! the libraries' own `add_to_linker`, in either [`Variant`].

use std::path::Path;

use hostgen::wasmtime;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({
    path: "../wit",
    world: "example:compose/app",
    with: {
        "example:fs": compose_fs::bindings::example::fs,
        "example:kv/store": compose_kv::bindings::example::kv::store,
    },
});

/// The default guest: the committed build of
/// `examples/guests/compose/guest.c`.
pub const DEFAULT_WASM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../guests/compose.wasm");

/// How the two libraries serve their interfaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// `compose_fs::add_to_linker` and `compose_kv::add_to_linker`: the
    /// wrappers `FsImpl` / `KvImpl`, reached through generic `fn` item
    /// getters.
    Wrappers,
    /// `compose_fs::blanket::add_to_linker` and
    /// `compose_kv::blanket::add_to_linker`: bindings generated with
    /// `skip_mut_forwarding_impls: true`, implemented for every
    /// `T: FsView` / `T: KvView`.
    Blanket,
}

/// A linker with both libraries, in `variant`.
pub fn linker(engine: &Engine, variant: Variant) -> wasmtime::Result<Linker<State>> {
    let mut linker = Linker::new(engine);
    match variant {
        Variant::Wrappers => {
            compose_fs::add_to_linker(&mut linker)?;
            compose_kv::add_to_linker(&mut linker)?;
        }
        Variant::Blanket => {
            compose_fs::blanket::add_to_linker(&mut linker)?;
            compose_kv::blanket::add_to_linker(&mut linker)?;
        }
    }
    Ok(linker)
}

/// Loads the component at `wasm_path`, instantiates it against world `app`
/// with the libraries linked in `variant` over `state`, and calls `run`.
///
/// Returns the guest's report and the store state afterwards.
pub fn run(
    wasm_path: impl AsRef<Path>,
    state: State,
    variant: Variant,
) -> wasmtime::Result<(String, State)> {
    let wasm_path = wasm_path.as_ref();
    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm_path).map_err(|e| {
        e.context(format!(
            "cannot load component `{}` (rebuild it with examples/guests/build.sh)",
            wasm_path.display()
        ))
    })?;
    let linker = linker(&engine, variant)?;
    let mut store = Store::new(&engine, state);
    let app = App::instantiate(&mut store, &component, &linker)?;
    let report = app.call_run(&mut store)?;
    Ok((report, store.into_data()))
}

include!("state.rs");

//! The `intercept` example: a WASI 0.2 command run on wasmtime-wasi, with two
//! of its interfaces served by the host's own code instead.
//!
//! The guest (`examples/guests/intercept/main.c`, built into
//! `examples/guests/intercept.wasm`) is an ordinary C program on wasi-libc,
//! turned into a `wasi:cli/command` component by the preview1-to-component
//! adapter. It prints random bytes, a random `u64`, the wall clock and its
//! resolution, and a file from a preopened directory.
//!
//! The host links all of WASI from wasmtime-wasi
//! (`wasmtime_wasi::p2::add_to_linker_sync`), then links the world
//! `example:intercept/intercept` (`wit/intercept.wit`: `wasi:random/random`
//! and `wasi:clocks/wall-clock`, wasmtime-wasi's own WIT) from a
//! `hostgen::bindgen!` over it, with shadowing allowed: the same instance
//! names, the same function names, so each of these functions is now
//! [`State`]'s. [`overrides`] writes the two it changes (deterministic
//! values); `delegate:` forwards the others to wasmtime-wasi's
//! implementation with no code. Stdout,
//! the filesystem and everything else stay wasmtime-wasi's.

use std::path::Path;

use hostgen::wasmtime;
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Engine, Store};

use deps::wasmtime_wasi;
use wasmtime_wasi::p2::bindings::sync::Command;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

pub mod overrides;

/// The wasmtime-wasi of the selected `wasmtime-N` feature.
pub mod deps {
    #[cfg(feature = "wasmtime-48")]
    pub use wasmtime_wasi48 as wasmtime_wasi;
    #[cfg(feature = "wasmtime-49")]
    pub use wasmtime_wasi49 as wasmtime_wasi;
    #[cfg(feature = "wasmtime-50")]
    pub use wasmtime_wasi50 as wasmtime_wasi;
}

hostgen::bindgen!({
    path: "wit",
    world: "example:intercept/intercept",
    // wasmtime-wasi's functions for these interfaces return
    // `wasmtime::Result` (an `Err` traps); so do ours, and forwarding passes
    // wasmtime-wasi's errors on unchanged.
    imports: { default: trappable },
    // `HostDelegate` traits forwarding to wasmtime-wasi's implementations;
    // these interfaces' types are wasmtime-wasi's (see `overrides`).
    delegate: {
        "wasi:random/random": crate::deps::wasmtime_wasi::p2::bindings::random::random,
        "wasi:clocks/wall-clock": crate::deps::wasmtime_wasi::p2::bindings::clocks::wall_clock,
    },
});

/// The default guest: the committed build of `examples/guests/intercept/`.
pub const DEFAULT_WASM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../guests/intercept.wasm");

/// The directory [`default_wasi`] preopens for the guest as `/data`.
pub const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// The store's data: wasmtime-wasi's context and resource table, and the
/// overrides' own state.
pub struct State {
    /// wasmtime-wasi's context (stdio, preopens, its random and clocks).
    pub ctx: WasiCtx,
    /// The resource table wasmtime-wasi keeps its handles in.
    pub table: ResourceTable,
    /// What the overridden functions keep between calls.
    pub overrides: overrides::Overrides,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.ctx,
            table: &mut self.table,
        }
    }
}

/// A linker with all of WASI 0.2 from wasmtime-wasi, and the functions of
/// `wasi:random/random` and `wasi:clocks/wall-clock` replaced by
/// [`State`]'s (see [`overrides`]).
pub fn linker(engine: &Engine) -> wasmtime::Result<Linker<State>> {
    let mut linker = Linker::new(engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
    // `Intercept::add_to_linker` reopens the instances wasmtime-wasi defined
    // (`wasi:random/random@0.2.12`, ...) and defines each of their functions
    // again; shadowing lets the second definition replace the first. Off
    // again afterwards, so that a name defined twice by mistake is an error.
    linker.allow_shadowing(true);
    Intercept::add_to_linker_get_host(&mut linker, overrides::host)?;
    linker.allow_shadowing(false);
    Ok(linker)
}

/// The WASI context `cargo run -p intercept` gives the guest: [`DATA_DIR`]
/// preopened read-only as `/data`, everything else wasmtime-wasi's default.
pub fn default_wasi() -> wasmtime::Result<WasiCtxBuilder> {
    let mut wasi = WasiCtxBuilder::new();
    wasi.preopened_dir(DATA_DIR, "/data", wasmtime_wasi::FsPerms::ReadOnly)?;
    Ok(wasi)
}

/// What a run of the guest produced.
#[derive(Debug)]
pub struct Output {
    /// Everything the guest wrote to stdout.
    pub stdout: String,
    /// The overridden calls the host served, in order.
    pub calls: Vec<String>,
}

/// Loads the component at `wasm_path` and runs it as a `wasi:cli/command`
/// on [`linker`], with the WASI context `wasi` (its stdout replaced by a
/// pipe the host reads).
pub fn run(wasm_path: impl AsRef<Path>, wasi: WasiCtxBuilder) -> wasmtime::Result<Output> {
    let wasm_path = wasm_path.as_ref();
    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm_path).map_err(|e| {
        e.context(format!(
            "cannot load component `{}` (rebuild it with examples/guests/build.sh)",
            wasm_path.display()
        ))
    })?;
    run_on(&engine, &linker(&engine)?, &component, wasi)
}

/// Runs `component` as a `wasi:cli/command` on `linker` (which need not be
/// [`linker`]'s), with the WASI context `wasi`, its stdout replaced by a
/// pipe the host reads. A guest that fails or traps is an error that holds
/// its output.
pub fn run_on(
    engine: &Engine,
    linker: &Linker<State>,
    component: &Component,
    mut wasi: WasiCtxBuilder,
) -> wasmtime::Result<Output> {
    let stdout = MemoryOutputPipe::new(64 * 1024);
    wasi.stdout(stdout.clone());
    let state = State {
        ctx: wasi.build(),
        table: ResourceTable::new(),
        overrides: overrides::Overrides::default(),
    };
    let mut store = Store::new(engine, state);
    let command = Command::instantiate(&mut store, component, linker)?;
    let status = command.wasi_cli_run().call_run(&mut store);
    let stdout = String::from_utf8_lossy(&stdout.contents()).into_owned();
    match status {
        Ok(Ok(())) => Ok(Output {
            stdout,
            calls: store.into_data().overrides.calls,
        }),
        Ok(Err(())) => wasmtime::bail!("the guest failed; its output:\n{stdout}"),
        Err(e) => Err(e.context(format!("the guest trapped; its output:\n{stdout}"))),
    }
}

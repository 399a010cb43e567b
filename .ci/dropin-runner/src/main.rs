//! Runs a WASI 0.2 command through wasmtime-wasi's own linkers, sync and
//! async, with every source of nondeterminism fixed, and prints its stdout:
//! `.ci/dropin --run` builds this against wasmtime-wasi as published and
//! against the copy whose `bindgen!` calls are hostgen's, and compares.
//!
//! Usage: `runner <component.wasm> <dir preopened as /data>`

use rand::SeedableRng;
use rand::rngs::StdRng;
use std::time::Duration;
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Config, Engine, Store};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{HostWallClock, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

struct State {
    ctx: WasiCtx,
    table: ResourceTable,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.ctx,
            table: &mut self.table,
        }
    }
}

/// 2000-01-01T00:00:00.123456789Z, to the nanosecond.
struct FixedClock;

impl HostWallClock for FixedClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(1)
    }
    fn now(&self) -> Duration {
        Duration::new(946_684_800, 123_456_789)
    }
}

fn state(data: &str, stdout: &MemoryOutputPipe) -> wasmtime::Result<State> {
    let mut wasi = WasiCtxBuilder::new();
    wasi.preopened_dir(data, "/data", wasmtime_wasi::FsPerms::ReadOnly)?;
    wasi.stdout(stdout.clone());
    wasi.secure_random(StdRng::seed_from_u64(1));
    wasi.insecure_random(StdRng::seed_from_u64(2));
    wasi.insecure_random_seed(3);
    wasi.wall_clock(FixedClock);
    Ok(State {
        ctx: wasi.build(),
        table: ResourceTable::new(),
    })
}

fn main() -> wasmtime::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, wasm, data] = &args[..] else {
        wasmtime::bail!("usage: runner <component.wasm> <data dir>");
    };

    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm)?;
    let mut linker = Linker::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
    let stdout = MemoryOutputPipe::new(1 << 16);
    let mut store = Store::new(&engine, state(data, &stdout)?);
    let command =
        wasmtime_wasi::p2::bindings::sync::Command::instantiate(&mut store, &component, &linker)?;
    let status = command.wasi_cli_run().call_run(&mut store)?;
    println!("--- sync linker: {status:?}");
    print!("{}", String::from_utf8_lossy(&stdout.contents()));

    let mut config = Config::new();
    #[allow(deprecated)]
    config.async_support(true);
    let engine = Engine::new(&config)?;
    let component = Component::from_file(&engine, wasm)?;
    let mut linker = Linker::new(&engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
    let stdout = MemoryOutputPipe::new(1 << 16);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let status = runtime.block_on(async {
        let mut store = Store::new(&engine, state(data, &stdout)?);
        let command =
            wasmtime_wasi::p2::bindings::Command::instantiate_async(&mut store, &component, &linker)
                .await?;
        command.wasi_cli_run().call_run(&mut store).await
    })?;
    println!("--- async linker: {status:?}");
    print!("{}", String::from_utf8_lossy(&stdout.contents()));
    Ok(())
}

//! Runs the committed guest (`examples/guests/intercept.wasm`) with and
//! without the overrides, and checks that the committed `.wasm` and the
//! adapter it was built with reach the overridden functions by the names
//! the host defines.

use std::time::Duration;

use hostgen::wasmtime;
use intercept::deps::wasmtime_wasi;
use intercept::overrides::MAX_RANDOM_BYTES;
use intercept::{DEFAULT_WASM, Intercept, State};
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Engine, Module, Store};
use wasmtime_wasi::p2::bindings::sync::Command;
use wasmtime_wasi::{Deterministic, HostWallClock, WasiCtxBuilder};

/// A wall clock that says it is 5 s after the epoch, with a 7 µs resolution.
struct FakeClock;

impl HostWallClock for FakeClock {
    fn resolution(&self) -> Duration {
        Duration::from_micros(7)
    }
    fn now(&self) -> Duration {
        Duration::from_secs(5)
    }
}

/// The example's WASI context, with wasmtime-wasi's random generator and
/// wall clock made predictable, so that what passes through to them shows.
fn predictable_wasi() -> WasiCtxBuilder {
    let mut wasi = intercept::default_wasi().unwrap();
    wasi.secure_random(Deterministic::new(vec![0xa5]))
        .wall_clock(FakeClock);
    wasi
}

/// The last line, the same in every run: the file in the preopened `/data`.
const MESSAGE: &str = "/data/message.txt: read through wasi:filesystem, which no override touches";

/// `get-random-bytes` and `now` are the overrides'; `get-random-u64` and
/// `resolution` are wasmtime-wasi's (the 0xa5 generator, the fake clock's
/// 7 µs), and so are stdout and the file read.
#[test]
fn overrides_show_and_the_rest_passes_through() -> wasmtime::Result<()> {
    let out = intercept::run(DEFAULT_WASM, predictable_wasi())?;
    assert_eq!(
        out.stdout,
        format!(
            "\
getentropy[0]: 00 01 02 03 04 05 06 07
getentropy[1]: 08 09 0a 0b 0c 0d 0e 0f
get-random-u64: a5a5a5a5a5a5a5a5
clock_gettime(CLOCK_REALTIME): 946684800.123456789 s
  as a date: 2000-01-01 00:00:00 UTC
clock_getres(CLOCK_REALTIME): 0.000007000 s
{MESSAGE}
"
        )
    );
    assert_eq!(
        out.calls,
        ["get-random-bytes(8)", "get-random-bytes(8)", "now()"]
    );
    Ok(())
}

/// The control: the same guest and WASI context on wasmtime-wasi alone
/// prints wasmtime-wasi's values where the overrides printed theirs.
#[test]
fn without_the_overrides_wasmtime_wasi_answers() -> wasmtime::Result<()> {
    let engine = Engine::default();
    let component = Component::from_file(&engine, DEFAULT_WASM)?;
    let mut linker = Linker::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
    let out = intercept::run_on(&engine, &linker, &component, predictable_wasi())?;
    assert_eq!(
        out.stdout,
        format!(
            "\
getentropy[0]: a5 a5 a5 a5 a5 a5 a5 a5
getentropy[1]: a5 a5 a5 a5 a5 a5 a5 a5
get-random-u64: a5a5a5a5a5a5a5a5
clock_gettime(CLOCK_REALTIME): 5.000000000 s
  as a date: 1970-01-01 00:00:05 UTC
clock_getres(CLOCK_REALTIME): 0.000007000 s
{MESSAGE}
"
        )
    );
    assert!(out.calls.is_empty(), "{:?}", out.calls);
    Ok(())
}

/// What `cargo run -p intercept` runs: the real clock's resolution and a
/// real random `u64` pass through; the overridden lines are the same as
/// ever.
#[test]
fn default_run() -> wasmtime::Result<()> {
    let out = intercept::run(DEFAULT_WASM, intercept::default_wasi()?)?;
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{}", out.stdout);
    assert_eq!(lines[0], "getentropy[0]: 00 01 02 03 04 05 06 07");
    assert!(lines[2].starts_with("get-random-u64: "), "{}", lines[2]);
    assert_eq!(
        lines[3],
        "clock_gettime(CLOCK_REALTIME): 946684800.123456789 s"
    );
    let res = wasmtime_wasi::clocks::WallClock::new().resolution();
    assert_eq!(
        lines[5],
        format!(
            "clock_getres(CLOCK_REALTIME): {}.{:09} s",
            res.as_secs(),
            res.subsec_nanos()
        )
    );
    assert_eq!(lines[6], MESSAGE);

    // wasmtime-wasi's generator, seeded afresh per context: two runs differ.
    let again = intercept::run(DEFAULT_WASM, intercept::default_wasi()?)?;
    assert_ne!(lines[2], again.stdout.lines().nth(2).unwrap());
    Ok(())
}

/// The overrides define exactly the names wasmtime-wasi defined: without
/// shadowing the linker refuses the first one as a duplicate (a version or
/// name that differed would be a new definition, and the guest would still
/// reach wasmtime-wasi's).
#[test]
fn overrides_define_wasmtime_wasis_names() {
    let engine = Engine::default();
    let mut linker = Linker::<State>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker).unwrap();
    let err = match Intercept::add_to_linker_get_host(&mut linker, intercept::overrides::host) {
        Ok(()) => panic!("linking the overrides without shadowing succeeded"),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains("get-random-bytes"), "{err}");
    assert!(err.contains("defined twice"), "{err}");
}

/// The committed `intercept.wasm` is a `wasi:cli/command` whose imports
/// include the two overridden interfaces at the versions `wit/` names, and
/// [`intercept::linker`] instantiates it.
#[test]
fn committed_wasm_matches_wit() -> wasmtime::Result<()> {
    let engine = Engine::default();
    let component = Component::from_file(&engine, DEFAULT_WASM)?;
    let ty = component.component_type();
    let imports: Vec<&str> = ty.imports(&engine).map(|(name, _)| name).collect();
    for name in ["wasi:random/random@0.2.12", "wasi:clocks/wall-clock@0.2.12"] {
        assert!(imports.contains(&name), "{name} not in {imports:?}");
    }
    let exports: Vec<&str> = ty.exports(&engine).map(|(name, _)| name).collect();
    assert_eq!(exports, ["wasi:cli/run@0.2.12"]);

    let linker = intercept::linker(&engine)?;
    let mut store = Store::new(
        &engine,
        State {
            ctx: WasiCtxBuilder::new().build(),
            table: ResourceTable::new(),
            overrides: Default::default(),
        },
    );
    Command::instantiate(&mut store, &component, &linker)?;
    Ok(())
}

/// The adapter that examples/guests/build.sh builds the guest with turns
/// `random_get` and `clock_*_get` into calls of exactly the functions the
/// overrides define.
#[test]
fn adapter_imports_the_overridden_functions() -> wasmtime::Result<()> {
    use wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER;
    let engine = Engine::default();
    let adapter = Module::new(&engine, WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER)?;
    let imports: Vec<String> = adapter
        .imports()
        .map(|i| format!("{}#{}", i.module(), i.name()))
        .collect();
    for f in [
        "wasi:random/random@0.2.12#get-random-bytes",
        "wasi:clocks/wall-clock@0.2.12#now",
        "wasi:clocks/wall-clock@0.2.12#resolution",
    ] {
        assert!(imports.iter().any(|i| i == f), "{f} not in {imports:?}");
    }
    Ok(())
}

/// The overrides' own checks, called as the linker calls them.
#[test]
fn random_bytes_wrap_and_are_bounded() {
    use intercept::wasi::random::random::Host;
    let mut state = State {
        ctx: WasiCtxBuilder::new().build(),
        table: ResourceTable::new(),
        overrides: Default::default(),
    };
    let mut host = intercept::overrides::host(&mut state);
    let bytes = host.get_random_bytes(258).unwrap();
    assert_eq!(bytes[..3], [0, 1, 2]);
    assert_eq!(bytes[255..], [255, 0, 1]);
    assert_eq!(host.get_random_bytes(2).unwrap(), [2, 3]);
    let err = host.get_random_bytes(MAX_RANDOM_BYTES + 1).unwrap_err();
    assert!(err.to_string().contains("at most"), "{err}");
    assert_eq!(
        state.overrides.calls,
        ["get-random-bytes(258)", "get-random-bytes(2)"]
    );
}

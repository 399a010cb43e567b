//! Runs the committed C guest (`examples/guests/compose.wasm`) with both
//! host libraries sharing one store, in both variants, and checks the exact
//! report, that every handle was dropped, the errors the guest sees, and a
//! host failure reaching the embedder.

use compose::{App, DEFAULT_WASM, State, Variant};
use compose_fs::{FsCtx, FsError};
use compose_kv::KvCtx;
use hostgen::wasmtime;
use wasmtime::component::Component;
use wasmtime::{Engine, Store};

const VARIANTS: [Variant; 2] = [Variant::Wrappers, Variant::Blanket];

/// The report with the default limits (64-byte files).
const REPORT: &str = r#"fs: created notes.txt
fs: write 12 bytes to notes.txt -> size 12
fs: write 7 bytes to notes.txt -> size 19
kv: opened bucket docs
kv: put-file notes <- notes.txt -> 19 bytes
kv: get notes -> "hello from C, twice"
kv: put greeting
kv: export-to greeting -> file kv:docs/greeting
fs: read kv:docs/greeting -> "hi there"
fs: write 1 byte to kv:docs/greeting -> size 9
fs: read kv:docs/greeting -> "hi there!"
kv: export-to missing -> none
fs: open notes.txt -> file
fs: read notes.txt -> "hello from C, twice"
fs: open missing.txt -> error not-found
fs: write 64 bytes to notes.txt -> error too-large
fs: closed the second handle
fs: read notes.txt -> error closed
kv: put-file closed <- notes.txt -> error closed
kv: get closed -> none
kv: buckets [docs]
dropped 3 files and 1 bucket"#;

#[test]
fn report_with_both_variants() -> wasmtime::Result<()> {
    for variant in VARIANTS {
        let (report, state) = compose::run(DEFAULT_WASM, State::default(), variant)?;
        assert_eq!(report, REPORT, "{variant:?}");
        assert_eq!(
            compose::describe(&state),
            [
                r#"fs notes.txt: "hello from C, twice""#,
                r#"kv docs/greeting: "hi there""#,
                r#"kv docs/notes: "hello from C, twice""#,
                "handles left in the table: none",
            ],
            "{variant:?}"
        );
    }
    Ok(())
}

/// Every `file` (from fs and from kv's `export-to`) and every `bucket` the
/// guest got was dropped through its library's `drop`: the shared table
/// ends empty.
#[test]
fn shared_table_ends_empty() -> wasmtime::Result<()> {
    for variant in VARIANTS {
        let (_, state) = compose::run(DEFAULT_WASM, State::default(), variant)?;
        assert!(state.table.is_empty(), "{variant:?}: handles left");
    }
    Ok(())
}

/// With 8-byte files, the writes that fit no longer do: the guest sees
/// `too-large` (a WIT error, not a trap) and goes on; what kv stored follows.
#[test]
fn guest_sees_too_large_with_a_small_limit() -> wasmtime::Result<()> {
    for variant in VARIANTS {
        let state = State::new(FsCtx::new().with_max_file_size(8), KvCtx::new());
        let (report, state) = compose::run(DEFAULT_WASM, state, variant)?;
        assert_eq!(
            report,
            r#"fs: created notes.txt
fs: write 12 bytes to notes.txt -> error too-large
fs: write 7 bytes to notes.txt -> size 7
kv: opened bucket docs
kv: put-file notes <- notes.txt -> 7 bytes
kv: get notes -> ", twice"
kv: put greeting
kv: export-to greeting -> file kv:docs/greeting
fs: read kv:docs/greeting -> "hi there"
fs: write 1 byte to kv:docs/greeting -> error too-large
fs: read kv:docs/greeting -> "hi there"
kv: export-to missing -> none
fs: open notes.txt -> file
fs: read notes.txt -> ", twice"
fs: open missing.txt -> error not-found
fs: write 64 bytes to notes.txt -> error too-large
fs: closed the second handle
fs: read notes.txt -> error closed
kv: put-file closed <- notes.txt -> error closed
kv: get closed -> none
kv: buckets [docs]
dropped 3 files and 1 bucket"#,
            "{variant:?}"
        );
        assert!(state.table.is_empty(), "{variant:?}: handles left");
    }
    Ok(())
}

/// Files and buckets that exist before the run are the guest's too: `open`
/// finds a pre-existing file, and a bucket's old entries stay.
#[test]
fn existing_host_state_is_visible() -> wasmtime::Result<()> {
    let mut fs = FsCtx::new();
    fs.insert("notes.txt", b"old:".to_vec());
    let mut kv = KvCtx::new();
    kv.put("docs", "kept", b"from before".to_vec());
    kv.put("archive", "x", Vec::new());
    let (report, state) = compose::run(DEFAULT_WASM, State::new(fs, kv), Variant::Wrappers)?;
    assert!(
        report.contains("fs: write 12 bytes to notes.txt -> size 16\n"),
        "{report}"
    );
    assert!(
        report.contains("kv: get notes -> \"old:hello from C, twice\"\n"),
        "{report}"
    );
    assert!(report.contains("kv: buckets [archive, docs]\n"), "{report}");
    assert_eq!(state.kv.get("docs", "kept"), Some(&b"from before"[..]));
    assert!(state.table.is_empty());
    Ok(())
}

/// A broken file system (a host failure, not a WIT error): the first write
/// makes `convert_error_code` return `Err`, which traps the guest, and the
/// embedder gets the library's own error as the root cause.
#[test]
fn host_failure_surfaces_as_the_exact_error() {
    for variant in VARIANTS {
        let state = State::new(FsCtx::new().failing("disk on fire"), KvCtx::new());
        let err = match compose::run(DEFAULT_WASM, state, variant) {
            Ok((report, _)) => panic!("{variant:?}: the run succeeded:\n{report}"),
            Err(e) => e,
        };
        assert_eq!(
            err.root_cause().to_string(),
            "file system failure: disk on fire",
            "{variant:?}"
        );
        assert!(
            matches!(err.downcast_ref::<FsError>(), Some(FsError::Io(m)) if m == "disk on fire"),
            "{variant:?}: {err:?}"
        );
    }
}

/// The committed `compose.wasm` matches `examples/compose/wit`: it imports
/// exactly the two interfaces (no `wasi:*`), exports `run`, and both
/// variants' linkers accept it.
#[test]
fn committed_wasm_matches_wit() -> wasmtime::Result<()> {
    let engine = Engine::default();
    let component = Component::from_file(&engine, DEFAULT_WASM)?;
    let ty = component.component_type();
    let mut imports: Vec<&str> = ty.imports(&engine).map(|(name, _)| name).collect();
    imports.sort_unstable();
    assert_eq!(imports, ["example:fs/files", "example:kv/store"]);
    let exports: Vec<&str> = ty.exports(&engine).map(|(name, _)| name).collect();
    assert_eq!(exports, ["run"]);

    for variant in VARIANTS {
        let linker = compose::linker(&engine, variant)?;
        let mut store = Store::new(&engine, State::default());
        App::instantiate(&mut store, &component, &linker)?;
    }
    Ok(())
}

/// Linking only the file-system library is not enough: instantiation names
/// the missing interface.
#[test]
fn kv_library_is_required() -> wasmtime::Result<()> {
    let engine = Engine::default();
    let component = Component::from_file(&engine, DEFAULT_WASM)?;
    let mut linker = wasmtime::component::Linker::new(&engine);
    compose_fs::add_to_linker(&mut linker)?;
    let mut store = Store::new(&engine, State::default());
    let err = match App::instantiate(&mut store, &component, &linker) {
        Ok(_) => panic!("instantiated without example:kv/store"),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains("example:kv/store"), "{err}");
    Ok(())
}

//! The wasmi twin against the wasmtime original: the same guest, the same
//! host libraries and impls, the same answers, errors included.

use compose_fs::{FsCtx, FsError};
use compose_kv::KvCtx;

/// Runs `state()` through both and checks they agree; returns wasmi's run.
fn both(state: impl Fn() -> (compose::State, compose_wasmi::State)) -> (String, Vec<String>) {
    let (on_wasmtime, on_wasmi) = state();
    let (report, end) =
        compose_wasmi::run(compose_wasmi::DEFAULT_WASM, on_wasmi).expect("runs on wasmi");
    let (expected, expected_end) = compose::run(
        compose::DEFAULT_WASM,
        on_wasmtime,
        compose::Variant::Wrappers,
    )
    .expect("runs on wasmtime");
    assert_eq!(report, expected);
    let described = compose_wasmi::describe(&end);
    assert_eq!(described, compose::describe(&expected_end));
    (report, described)
}

#[test]
fn the_same_report_and_host_state_as_on_wasmtime() {
    let (report, end) = both(|| (compose::State::default(), compose_wasmi::State::default()));
    assert!(report.ends_with("dropped 3 files and 1 bucket"), "{report}");
    assert_eq!(
        end.last().map(String::as_str),
        Some("handles left in the table: none")
    );
}

#[test]
fn the_guest_sees_too_large_as_on_wasmtime() {
    let (report, _) = both(|| {
        (
            compose::State::new(FsCtx::new().with_max_file_size(8), KvCtx::new()),
            compose_wasmi::State::new(FsCtx::new().with_max_file_size(8), KvCtx::new()),
        )
    });
    assert!(report.contains("error too-large"), "{report}");
}

#[test]
fn a_host_failure_surfaces_as_the_exact_error() {
    let state = compose_wasmi::State::new(FsCtx::new().failing("disk on fire"), KvCtx::new());
    let err = match compose_wasmi::run(compose_wasmi::DEFAULT_WASM, state) {
        Ok((report, _)) => panic!("the run succeeded:\n{report}"),
        Err(e) => e,
    };
    assert_eq!(
        err.root_cause().to_string(),
        "file system failure: disk on fire"
    );
    assert!(
        format!("{err:#}").contains("file system failure: disk on fire"),
        "{err:#}"
    );
    assert!(
        matches!(err.downcast_ref::<FsError>(), Some(FsError::Io(m)) if m == "disk on fire"),
        "{err:?}"
    );
}

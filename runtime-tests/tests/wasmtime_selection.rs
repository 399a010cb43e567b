//! The `wasmtime-N` features: exactly one selects the wasmtime hostgen
//! builds for; none or several stop the build with one error naming the
//! features (from hostgen's build script, before any wasmtime compiles).

#[path = "../../runtime/build/select.rs"]
mod select;

use select::{VERSIONS, from_env, select};
use std::path::Path;
use std::process::Command;

#[test]
fn exactly_one_feature_selects_its_wasmtime() {
    assert_eq!(VERSIONS, ["48", "49", "50"]);
    for v in VERSIONS {
        assert_eq!(select(&[v]), Ok(*v));
    }
}

#[test]
fn the_environment_of_a_test_selects_nothing() {
    // cargo tells build scripts the features (`CARGO_FEATURE_*`), not tests.
    assert_eq!(from_env(), select(&[]));
}

#[test]
fn no_feature_is_an_error_that_says_what_to_write() {
    assert_eq!(
        select(&[]).unwrap_err(),
        "hostgen: no wasmtime selected. Turn on the feature for the wasmtime major your crate \
         uses, exactly one of `wasmtime-48`, `wasmtime-49`, `wasmtime-50`: for wasmtime 50, \
         `hostgen = { version = \"0.1\", features = [\"wasmtime-50\"] }` next to \
         `wasmtime = \"50\"` (or `wasmi`, for bindings run by wasmi instead)"
    );
}

#[test]
fn several_features_are_an_error_naming_them() {
    assert_eq!(
        select(&["48", "50"]).unwrap_err(),
        "hostgen: the features `wasmtime-48` and `wasmtime-50` are both on, but hostgen is \
         built for exactly one wasmtime. Crates in this build disagree on the wasmtime major; \
         `cargo tree -e features -i hostgen` shows which crate turns on which"
    );
    assert!(select(&["48", "49", "50"]).unwrap_err().starts_with(
        "hostgen: the features `wasmtime-48`, `wasmtime-49`, `wasmtime-50` are all on,"
    ));
}

/// The same error through cargo, as a user sees it: a crate that depends on
/// hostgen with no `wasmtime-N` feature does not build, and cargo prints the
/// message once.
#[test]
fn a_crate_without_the_feature_gets_the_error_from_cargo() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-wasmtime-feature");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"no-wasmtime-feature\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [workspace]\n\n[dependencies]\nhostgen = {{ path = {:?} }}\n",
            repo.join("runtime")
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    let expected = format!("error: hostgen@0.1.0: {}", select(&[]).unwrap_err());
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("error: hostgen@"))
            .collect::<Vec<_>>(),
        [expected.as_str()],
        "{stderr}"
    );
}

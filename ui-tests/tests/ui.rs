//! Diagnostics are part of the product: every compile-fail case checks the
//! exact message against its `.stderr` (regenerate with
//! `TRYBUILD=overwrite cargo test -p hostgen-ui-tests` and review the diff),
//! and every pass case must compile under `#![deny(warnings)]`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/fail/*.rs");
    t.pass("tests/pass/*.rs");
}

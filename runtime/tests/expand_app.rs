#[test]
fn show() {
    let s: &str = hostgen::bindgen!({ path: "../wit", world: "example:app/app", stringify: true });
    std::fs::write("/tmp/expanded.rs", s).unwrap();
}

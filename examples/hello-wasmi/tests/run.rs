//! The wasmi twin against the wasmtime original: the same guest, the same
//! host impls, the same answers.

#[test]
fn wasmi_and_wasmtime_give_the_same_report_log_and_notes() {
    let names = ["Ada", "Grace", "Zoë"].map(String::from);
    let on_wasmi = hello_wasmi::run(hello_wasmi::DEFAULT_WASM, &names).expect("runs on wasmi");
    let on_wasmtime = hello::run(hello::DEFAULT_WASM, &names).expect("runs on wasmtime");
    assert_eq!(on_wasmi, on_wasmtime);
    let (report, log, notes) = on_wasmi;
    assert!(
        report.contains("Hello, Zoë! (age 22, tags: guest, idx-2)"),
        "{report}"
    );
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(notes.len(), 2, "{notes:?}");
}

#[test]
fn no_names_is_a_short_report() {
    let (report, _, notes) = hello_wasmi::run(hello_wasmi::DEFAULT_WASM, &[]).expect("runs");
    let (expected, _, _) = hello::run(hello::DEFAULT_WASM, &[]).expect("runs");
    assert_eq!(report, expected);
    assert!(notes.is_empty());
}

#[test]
fn a_missing_component_is_an_error_naming_the_file() {
    let err = hello_wasmi::run("no/such/guest.wasm", &[]).unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.contains("cannot load component `no/such/guest.wasm`"),
        "{text}"
    );
}

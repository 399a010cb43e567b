//! The wasmi benchmark compares like with like: for every case the guest
//! makes the same calls on both targets and the hosts end in the same state,
//! and the exports answer the same.

use hostgen_benches::wasmi::{CASES, component_bytes, on_wasmi, on_wasmtime};

#[test]
fn both_targets_do_the_same_work() {
    let bytes = component_bytes();
    let wt_engine = hostgen::wasmtime::Engine::default();
    let wt_component = hostgen::wasmtime::component::Component::new(&wt_engine, &bytes).unwrap();
    let wi_engine = hostgen::wasmi::Engine::default();
    let wi_component = hostgen::wasmi::Component::new(&wi_engine, &bytes).unwrap();
    for case in CASES {
        let (mut wt_store, wt) = on_wasmtime::instance(&wt_engine, &wt_component);
        wt.call_run(&mut wt_store, case as u32, 7).unwrap();
        let (mut wi_store, wi) = on_wasmi::instance(&wi_engine, &wi_component);
        wi.call_run(&mut wi_store, case as u32, 7).unwrap();
        assert_eq!(wt_store.data().total, wi_store.data().total, "{case:?}");
    }
    let (mut wt_store, wt) = on_wasmtime::instance(&wt_engine, &wt_component);
    let (mut wi_store, wi) = on_wasmi::instance(&wi_engine, &wi_component);
    assert_eq!(wt.call_add(&mut wt_store, 40, 2).unwrap(), 42);
    assert_eq!(wi.call_add(&mut wi_store, 40, 2).unwrap(), 42);
    assert_eq!(wi.call_echo(&mut wi_store, "wasmi ✓").unwrap(), "wasmi ✓");
    assert_eq!(wt.call_echo(&mut wt_store, "wasmi ✓").unwrap(), "wasmi ✓");
}

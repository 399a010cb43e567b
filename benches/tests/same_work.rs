//! The four linkers do the same work: every case leaves the same host
//! state, so the benchmarks compare like with like.

use hostgen_benches::{Case, component, handwritten, hg, hg_nocatch, instance, wt};
use wasmtime::Engine;

#[test]
fn every_linker_produces_the_same_state() {
    let engine = Engine::default();
    let component = component(&engine);
    let linkers = [
        hg::linker(&engine),
        handwritten::linker(&engine),
        wt::linker(&engine),
        hg_nocatch::linker(&engine),
    ];
    for case in Case::ALL {
        let totals: Vec<u64> = linkers
            .iter()
            .map(|linker| {
                let (mut store, world) = instance(&engine, &component, linker);
                world.call_run(&mut store, case as u32, 10).unwrap();
                store.data().total
            })
            .collect();
        assert!(
            totals.iter().all(|t| *t == totals[0]),
            "{case:?}: {totals:?}"
        );
    }
    let (mut store, world) = instance(&engine, &component, &linkers[0]);
    assert_eq!(world.call_add(&mut store, 40, 2).unwrap(), 42);
    assert_eq!(
        world.call_echo(&mut store, "round trip").unwrap(),
        "round trip"
    );
}

//! The four linkers do the same work: every case leaves the same host
//! state, so the benchmarks compare like with like.

use hostgen_benches::asynchronous::{self, DynState};
use hostgen_benches::{Case, State, component, handwritten, hg, hg_nocatch, instance, wt};
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

#[test]
fn every_async_linker_produces_the_same_state() {
    let engine = Engine::default();
    let component = component(&engine);
    let rt = asynchronous::runtime();
    let linkers = [
        asynchronous::hg::linker(&engine),
        asynchronous::handwritten::linker(&engine),
        asynchronous::wt::linker(&engine),
    ];
    let dyn_linker = asynchronous::dyn_linker(&engine);
    for case in Case::ALL {
        let mut totals: Vec<u64> = linkers
            .iter()
            .map(|linker| {
                let (mut store, world) =
                    asynchronous::instance(&rt, &engine, &component, linker, State::default());
                asynchronous::run(&rt, &mut store, &world, case, 10);
                store.data().total
            })
            .collect();
        // The sync linker's answer too.
        let (mut store, world) = instance(&engine, &component, &hg::linker(&engine));
        world.call_run(&mut store, case as u32, 10).unwrap();
        totals.push(store.data().total);
        // The dyn host's state is behind `Box<dyn DynHost>`, out of reach
        // here; its results are compared with the static host's in
        // runtime-tests/tests/async_calls.rs. Here: the same calls run through it.
        let (mut store, world) =
            asynchronous::instance(&rt, &engine, &component, &dyn_linker, DynState::default());
        asynchronous::run(&rt, &mut store, &world, case, 10);
        assert!(
            totals.iter().all(|t| *t == totals[0]),
            "{case:?}: {totals:?}"
        );
    }
}

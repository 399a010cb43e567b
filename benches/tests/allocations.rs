//! Heap allocations per host call, counted (not timed) for each linking
//! path, against the hand-written `func_wrap` / `func_wrap_async` closures
//! doing the same work (issue 15; `python3 benches/count.py 2000 allocs`
//! prints the release-build table recorded in `benches/README.md`).
//!
//! Under the test profile nothing is optimised away, so these are the
//! allocations each path asks for: hostgen must ask for no more than the
//! hand-written closures on sync and async paths, with or without panic
//! catching, and a host behind `Box<dyn DynHost>` no more than a static
//! one (its future lives in room the static side's future owns).

use hostgen_benches::allocs::{Counting, allocations};
use hostgen_benches::asynchronous::{self as asy, DynState};
use hostgen_benches::{Case, State, component, handwritten, hg, hg_nocatch, instance};
use wasmtime::Engine;
use wasmtime::component::{Component, Linker};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const N: u32 = 200;

/// Allocations per call of `run(n)`: after a warm-up run, the difference
/// between a run of 2N calls and one of N, over N (start-up costs cancel).
fn per_call(mut run: impl FnMut(u32)) -> f64 {
    run(N);
    let a0 = allocations();
    run(N);
    let a1 = allocations();
    run(2 * N);
    let a2 = allocations();
    ((a2 - a1) as f64 - (a1 - a0) as f64) / f64::from(N)
}

fn sync(engine: &Engine, component: &Component, linker: &Linker<State>, case: Case) -> f64 {
    let (mut store, world) = instance(engine, component, linker);
    per_call(|n| world.call_run(&mut store, case as u32, n).unwrap())
}

fn asynchronous<T: Send + 'static>(
    engine: &Engine,
    component: &Component,
    linker: &Linker<T>,
    data: T,
    case: Case,
) -> f64 {
    let rt = asy::runtime();
    let (mut store, world) = asy::instance(&rt, engine, component, linker, data);
    per_call(|n| asy::run(&rt, &mut store, &world, case, n))
}

#[test]
fn sync_paths_allocate_what_hand_written_closures_allocate() {
    let engine = Engine::default();
    let component = component(&engine);
    let (hand, hostgen, nocatch) = (
        handwritten::linker(&engine),
        hg::linker(&engine),
        hg_nocatch::linker(&engine),
    );
    for case in Case::ALL {
        let by_hand = sync(&engine, &component, &hand, case);
        assert_eq!(
            sync(&engine, &component, &hostgen, case),
            by_hand,
            "{case:?}: hostgen"
        );
        assert_eq!(
            sync(&engine, &component, &nocatch, case),
            by_hand,
            "{case:?}: hostgen, catch_panics: false"
        );
    }
}

#[test]
fn async_paths_allocate_what_hand_written_closures_allocate() {
    let engine = Engine::default();
    let component = component(&engine);
    let (hand, hand_catch, hostgen, nocatch) = (
        asy::handwritten::linker(&engine),
        asy::handwritten_catch::linker(&engine),
        asy::hg::linker(&engine),
        asy::hg_nocatch::linker(&engine),
    );
    let dyn_linker = asy::dyn_linker(&engine);
    for case in Case::ALL {
        let by_hand = asynchronous(&engine, &component, &hand, State::default(), case);
        let by_hand_catching =
            asynchronous(&engine, &component, &hand_catch, State::default(), case);
        let hostgen = asynchronous(&engine, &component, &hostgen, State::default(), case);
        assert_eq!(hostgen, by_hand_catching, "{case:?}: hostgen");
        assert_eq!(
            asynchronous(&engine, &component, &nocatch, State::default(), case),
            by_hand,
            "{case:?}: hostgen, catch_panics: false"
        );
        assert_eq!(
            asynchronous(&engine, &component, &dyn_linker, DynState::default(), case),
            hostgen,
            "{case:?}: Box<dyn DynHost>"
        );
    }
}

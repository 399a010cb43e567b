//! Per call, wasmi against wasmtime: the same guest and host impl, linked
//! by hostgen for each (`src/wasmi.rs`), side by side in one run.

use criterion::{Criterion, criterion_group, criterion_main};
use hostgen_benches::wasmi::{CASES, component_bytes, on_wasmi, on_wasmtime};
use std::hint::black_box;

/// Host calls per iteration.
const CALLS: u32 = 100;

fn calls(c: &mut Criterion) {
    let bytes = component_bytes();
    let wt_engine = hostgen::wasmtime::Engine::default();
    let wt_component = hostgen::wasmtime::component::Component::new(&wt_engine, &bytes).unwrap();
    let wi_engine = hostgen::wasmi::Engine::default();
    let wi_component = hostgen::wasmi::Component::new(&wi_engine, &bytes).unwrap();
    for case in CASES {
        let mut group = c.benchmark_group(format!("wasmi/import/{case:?}"));
        let (mut store, world) = on_wasmtime::instance(&wt_engine, &wt_component);
        group.bench_function("a_wasmtime", |b| {
            b.iter(|| {
                world
                    .call_run(&mut store, case as u32, black_box(CALLS))
                    .unwrap()
            })
        });
        let (mut store, world) = on_wasmi::instance(&wi_engine, &wi_component);
        group.bench_function("b_wasmi", |b| {
            b.iter(|| {
                world
                    .call_run(&mut store, case as u32, black_box(CALLS))
                    .unwrap()
            })
        });
        group.finish();
    }
    let mut group = c.benchmark_group("wasmi/export/add");
    let (mut store, world) = on_wasmtime::instance(&wt_engine, &wt_component);
    group.bench_function("a_wasmtime", |b| {
        b.iter(|| world.call_add(&mut store, black_box(1), 2).unwrap())
    });
    let (mut store, world) = on_wasmi::instance(&wi_engine, &wi_component);
    group.bench_function("b_wasmi", |b| {
        b.iter(|| world.call_add(&mut store, black_box(1), 2).unwrap())
    });
    group.finish();
    let text = "0123456789abcdef0123456789abcdef";
    let mut group = c.benchmark_group("wasmi/export/echo_string32");
    let (mut store, world) = on_wasmtime::instance(&wt_engine, &wt_component);
    group.bench_function("a_wasmtime", |b| {
        b.iter(|| world.call_echo(&mut store, black_box(text)).unwrap())
    });
    let (mut store, world) = on_wasmi::instance(&wi_engine, &wi_component);
    group.bench_function("b_wasmi", |b| {
        b.iter(|| world.call_echo(&mut store, black_box(text)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);

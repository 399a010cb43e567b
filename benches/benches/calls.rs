//! Host-call overhead: the guest calls an import in a loop; the same guest
//! is linked by hostgen (a), hand-written func_wrap (b) and wasmtime's
//! bindgen! (c), measured side by side in one run. Also export calls:
//! hostgen's `call_*` against `TypedFunc::call` and wasmtime's `call_*`.

use criterion::{Criterion, criterion_group, criterion_main};
use hostgen_benches::{Case, component, handwritten, hg, instance, wt};
use std::hint::black_box;
use wasmtime::Engine;

/// Host calls per iteration: one guest `run` makes this many.
const CALLS: u32 = 1000;

fn imports(c: &mut Criterion) {
    let engine = Engine::default();
    let component = component(&engine);
    let linkers = [
        ("a_hostgen", hg::linker(&engine)),
        ("b_handwritten", handwritten::linker(&engine)),
        ("c_wasmtime_bindgen", wt::linker(&engine)),
    ];
    for case in Case::ALL {
        let mut group = c.benchmark_group(format!("import/{case:?}"));
        for (name, linker) in &linkers {
            let (mut store, world) = instance(&engine, &component, linker);
            group.bench_function(*name, |b| {
                b.iter(|| {
                    world
                        .call_run(&mut store, case as u32, black_box(CALLS))
                        .unwrap()
                })
            });
        }
        group.finish();
    }
}

fn exports(c: &mut Criterion) {
    let engine = Engine::default();
    let component = component(&engine);
    let linker = hg::linker(&engine);
    let text = "0123456789abcdef0123456789abcdef";

    let mut group = c.benchmark_group("export/add");
    let (mut store, world) = instance(&engine, &component, &linker);
    group.bench_function("a_hostgen", |b| {
        b.iter(|| world.call_add(&mut store, black_box(1), 2).unwrap())
    });
    let (mut store, _) = instance(&engine, &component, &linker);
    let inst = linker.instantiate(&mut store, &component).unwrap();
    let typed = inst
        .get_typed_func::<(u32, u32), (u32,)>(&mut store, "add")
        .unwrap();
    group.bench_function("b_typed_func", |b| {
        b.iter(|| typed.call(&mut store, (black_box(1), 2)).unwrap())
    });
    let mut store = wasmtime::Store::new(&engine, hostgen_benches::State::default());
    let w = wt::Bench::instantiate(&mut store, &component, &linker).unwrap();
    group.bench_function("c_wasmtime_bindgen", |b| {
        b.iter(|| w.call_add(&mut store, black_box(1), 2).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("export/echo_string32");
    let (mut store, world) = instance(&engine, &component, &linker);
    group.bench_function("a_hostgen", |b| {
        b.iter(|| world.call_echo(&mut store, black_box(text)).unwrap())
    });
    let (mut store, _) = instance(&engine, &component, &linker);
    let inst = linker.instantiate(&mut store, &component).unwrap();
    let typed = inst
        .get_typed_func::<(&str,), (String,)>(&mut store, "echo")
        .unwrap();
    group.bench_function("b_typed_func", |b| {
        b.iter(|| typed.call(&mut store, (black_box(text),)).unwrap())
    });
    let mut store = wasmtime::Store::new(&engine, hostgen_benches::State::default());
    let w = wt::Bench::instantiate(&mut store, &component, &linker).unwrap();
    group.bench_function("c_wasmtime_bindgen", |b| {
        b.iter(|| w.call_echo(&mut store, black_box(text)).unwrap())
    });
    group.finish();
}

fn async_imports(c: &mut Criterion) {
    use hostgen_benches::asynchronous::{self as asy, DynState};
    let engine = Engine::default();
    let component = component(&engine);
    let rt = asy::runtime();
    let linkers = [
        ("e_hostgen_static", asy::hg::linker(&engine)),
        ("g_handwritten", asy::handwritten::linker(&engine)),
        ("h_wasmtime_bindgen", asy::wt::linker(&engine)),
    ];
    let dyn_linker = asy::dyn_linker(&engine);
    for case in Case::ALL {
        let mut group = c.benchmark_group(format!("async_import/{case:?}"));
        for (name, linker) in &linkers {
            let data = hostgen_benches::State::default();
            let (mut store, world) = asy::instance(&rt, &engine, &component, linker, data);
            group.bench_function(*name, |b| {
                b.iter(|| asy::run(&rt, &mut store, &world, case, black_box(CALLS)))
            });
        }
        let data = DynState::default();
        let (mut store, world) = asy::instance(&rt, &engine, &component, &dyn_linker, data);
        group.bench_function("f_hostgen_dyn", |b| {
            b.iter(|| asy::run(&rt, &mut store, &world, case, black_box(CALLS)))
        });
        group.finish();
    }
}

criterion_group!(benches, imports, exports, async_imports);
criterion_main!(benches);

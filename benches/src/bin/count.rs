//! One measured workload per process, for instruction counting under
//! `valgrind --tool=callgrind` (see `benches/count.py`): instruction counts
//! do not depend on what else the machine is doing, unlike wall time.
//!
//! `count <a|b|c|d> <case> <n>`: link the guest with hostgen (a), hand-written
//! `func_wrap` (b), wasmtime's `bindgen!` (c) or hostgen with
//! `catch_panics: false` (d), then make `n` calls (export cases: a, b, c). `case`
//! is an import case number (`run(case, n)`, see `Case`), or `add` / `echo`
//! for `n` export calls.
//!
//! Async linkers (import cases only, driven by a current-thread tokio
//! runtime): hostgen with a static host (e), hostgen with `Box<dyn DynHost>`
//! (f), hand-written `func_wrap_async` (g), wasmtime's `bindgen!` (h),
//! hostgen with `catch_panics: false` (i).

use hostgen_benches::asynchronous::{self as asy, DynState};
use hostgen_benches::{Case, State, component, handwritten, hg, hg_nocatch, instance, wt};
use std::hint::black_box;
use wasmtime::{Config, Engine};

fn main() -> wasmtime::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (which, case, n) = (&args[1], &args[2], args[3].parse::<u32>()?);
    // Compiled in-process on one thread (valgrind's CPU lacks features a
    // precompiled module may use); the compile cost cancels out in count.py.
    let mut config = Config::new();
    config.parallel_compilation(false);
    let engine = Engine::new(&config)?;
    let component = component(&engine);
    if let Some(which) = ["e", "f", "g", "h", "i"]
        .iter()
        .find(|w| **w == which.as_str())
    {
        let case = Case::ALL[case.parse::<usize>()?];
        let rt = asy::runtime();
        if *which == "f" {
            let linker = asy::dyn_linker(&engine);
            let data = DynState::default();
            let (mut store, world) = asy::instance(&rt, &engine, &component, &linker, data);
            asy::run(&rt, &mut store, &world, case, black_box(n));
            return Ok(());
        }
        let linker = match *which {
            "e" => asy::hg::linker(&engine),
            "g" => asy::handwritten::linker(&engine),
            "i" => asy::hg_nocatch::linker(&engine),
            _ => asy::wt::linker(&engine),
        };
        let (mut store, world) = asy::instance(&rt, &engine, &component, &linker, State::default());
        asy::run(&rt, &mut store, &world, case, black_box(n));
        return Ok(());
    }
    let linker = match which.as_str() {
        "a" => hg::linker(&engine),
        "b" => handwritten::linker(&engine),
        "c" => wt::linker(&engine),
        "d" => hg_nocatch::linker(&engine),
        other => panic!("unknown linker {other}"),
    };
    let (mut store, world) = instance(&engine, &component, &linker);
    match case.as_str() {
        "add" => match which.as_str() {
            "a" => {
                (0..n).try_for_each(|i| world.call_add(&mut store, black_box(i), 1).map(drop))?
            }
            "b" => {
                let inst = linker.instantiate(&mut store, &component)?;
                let f = inst.get_typed_func::<(u32, u32), (u32,)>(&mut store, "add")?;
                (0..n).try_for_each(|i| f.call(&mut store, (black_box(i), 1)).map(drop))?
            }
            _ => {
                let w = wt::Bench::instantiate(&mut store, &component, &linker)?;
                (0..n).try_for_each(|i| w.call_add(&mut store, black_box(i), 1).map(drop))?
            }
        },
        "echo" => {
            let text = black_box("0123456789abcdef0123456789abcdef");
            match which.as_str() {
                "a" => (0..n).try_for_each(|_| world.call_echo(&mut store, text).map(drop))?,
                "b" => {
                    let inst = linker.instantiate(&mut store, &component)?;
                    let f = inst.get_typed_func::<(&str,), (String,)>(&mut store, "echo")?;
                    (0..n).try_for_each(|_| f.call(&mut store, (text,)).map(drop))?
                }
                _ => {
                    let w = wt::Bench::instantiate(&mut store, &component, &linker)?;
                    (0..n).try_for_each(|_| w.call_echo(&mut store, text).map(drop))?
                }
            }
        }
        number => world.call_run(&mut store, number.parse()?, black_box(n))?,
    }
    Ok(())
}

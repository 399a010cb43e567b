//! One measured workload per process, for instruction counting under
//! `valgrind --tool=callgrind` (see `benches/count.py`): instruction counts
//! do not depend on what else the machine is doing, unlike wall time.
//!
//! `count <a|b|c|d> <case> <n>`: link the guest with hostgen (a), hand-written
//! `func_wrap` (b), wasmtime's `bindgen!` (c) or hostgen with
//! `catch_panics: false` (d), then make `n` calls (export cases: a, b, c). `case`
//! is an import case number (`run(case, n)`, see `Case`), or `add` / `echo`
//! for `n` export calls.

use hostgen_benches::{component, handwritten, hg, hg_nocatch, instance, wt};
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

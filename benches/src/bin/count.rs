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
//! hostgen with `catch_panics: false` (i), hand-written `func_wrap_async`
//! catching panics per poll as hostgen does (s).
//!
//! Composed hosts (import cases only), on bindings generated with
//! `delegate:` and `either: true`: sync j `hostgen::Delegate` forwarding
//! every call, k the same forwarding by hand, l `hostgen::Either`, m
//! `&mut dyn Host`, n the plain host (baseline); async o the plain host
//! (baseline), p `hostgen::Delegate`, q `hostgen::Either`, r
//! `Box<dyn DynHost>`.

use hostgen_benches::asynchronous::{self as asy, DynState};
use hostgen_benches::compose as co;
use hostgen_benches::{
    Case, State, component, handwritten, hg, hg_nocatch, instance, instance_with, wt,
};
use std::hint::black_box;
use wasmtime::{Config, Engine};

#[global_allocator]
static ALLOCATOR: hostgen_benches::allocs::Counting = hostgen_benches::allocs::Counting;

/// Runs the workload, then prints how many heap allocations the process
/// made on this thread (`allocations: N`, on stderr; `count.py` takes the
/// difference between two runs, as for instructions).
fn main() -> wasmtime::Result<()> {
    let result = run();
    eprintln!("allocations: {}", hostgen_benches::allocs::allocations());
    result
}

fn run() -> wasmtime::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (which, case, n) = (&args[1], &args[2], args[3].parse::<u32>()?);
    // Compiled in-process on one thread (valgrind's CPU lacks features a
    // precompiled module may use); the compile cost cancels out in count.py.
    let mut config = Config::new();
    config.parallel_compilation(false);
    let engine = Engine::new(&config)?;
    let component = component(&engine);
    if let Ok(number) = case.parse::<u32>()
        && let Some(run) = composed(which, &engine, &component, number, n)
    {
        return run;
    }
    if let Some(which) = ["e", "f", "g", "h", "i", "s"]
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
            "s" => asy::handwritten_catch::linker(&engine),
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

/// The composed-host variants (j to r), or `None` for another letter.
fn composed(
    which: &str,
    engine: &Engine,
    component: &wasmtime::component::Component,
    case: u32,
    n: u32,
) -> Option<wasmtime::Result<()>> {
    fn sync<T: 'static>(
        engine: &Engine,
        component: &wasmtime::component::Component,
        linker: wasmtime::component::Linker<T>,
        data: T,
        case: u32,
        n: u32,
    ) -> wasmtime::Result<()> {
        let (mut store, world) = instance_with(engine, component, &linker, data);
        world.call_run(&mut store, case, black_box(n))
    }
    fn asynchronous<T: Send + 'static>(
        engine: &Engine,
        component: &wasmtime::component::Component,
        linker: wasmtime::component::Linker<T>,
        data: T,
        case: u32,
        n: u32,
    ) -> wasmtime::Result<()> {
        let rt = asy::runtime();
        let (mut store, world) = asy::instance(&rt, engine, component, &linker, data);
        asy::run(
            &rt,
            &mut store,
            &world,
            Case::ALL[case as usize],
            black_box(n),
        );
        Ok(())
    }
    let (e, c) = (engine, component);
    type D<T> = hostgen::Delegate<T>;
    Some(match which {
        "j" => sync(
            e,
            c,
            co::linker(e, |s: &mut D<co::Fwd>| s),
            D::default(),
            case,
            n,
        ),
        "k" => sync(
            e,
            c,
            co::linker(e, |s: &mut co::Hand| s),
            co::Hand::default(),
            case,
            n,
        ),
        "l" => {
            let data = co::Choice::Left(State::default());
            sync(e, c, co::linker(e, |s: &mut co::Choice| s), data, case, n)
        }
        "m" => sync(
            e,
            c,
            co::linker(e, |s: &mut co::Dyn| &mut *s.0),
            co::Dyn::default(),
            case,
            n,
        ),
        "n" => sync(
            e,
            c,
            co::linker(e, |s: &mut State| s),
            State::default(),
            case,
            n,
        ),
        "o" => asynchronous(
            e,
            c,
            asy::compose::linker(e, |s: &mut State| s),
            State::default(),
            case,
            n,
        ),
        "p" => {
            let get: fn(&mut D<asy::compose::Fwd>) -> &mut D<asy::compose::Fwd> = |s| s;
            asynchronous(e, c, asy::compose::linker(e, get), D::default(), case, n)
        }
        "q" => {
            let data = asy::compose::Choice::Left(State::default());
            asynchronous(
                e,
                c,
                asy::compose::linker(e, |s: &mut asy::compose::Choice| s),
                data,
                case,
                n,
            )
        }
        "r" => {
            let get: fn(&mut asy::compose::Dyn) -> &mut (dyn asy::compose::DynHost + 'static) =
                |s| &mut *s.0;
            asynchronous(
                e,
                c,
                asy::compose::linker(e, get),
                asy::compose::Dyn::default(),
                case,
                n,
            )
        }
        _ => return None,
    })
}

#![deny(warnings)]
// A world with only exports: no host traits, and `add_to_linker` still exists
// (it links nothing) so embedders can call it unconditionally.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface math { add: func(a: u32, b: u32) -> u32; }
        world w {
            export math;
            export version: func() -> string;
        }
    ",
});

struct Nothing;

fn call(w: &W, store: &mut wasmtime::Store<Nothing>) -> wasmtime::Result<(u32, String)> {
    let sum = w.test_ui_math().call_add(&mut *store, 1, 2)?;
    let version = w.call_version(&mut *store)?;
    Ok((sum, version))
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Nothing>::new(&engine);
    W::add_to_linker_mut(&mut linker, |n: &mut Nothing| n).unwrap();
    let _ = call;
}

// wasmtime's shape, `add_to_linker::<T, D>`, with a marker whose `Data`
// does not implement the interface's `Host`, nor a types-only one's.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface shapes { record point { x: u32 } }
        interface counter { add: func(n: u32) -> u32; }
        world w { import shapes; import counter; }
    ",
});

struct State;

fn main() {
    use wasmtime::component::HasSelf;
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    test::ui::counter::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
    W::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s).unwrap();
}

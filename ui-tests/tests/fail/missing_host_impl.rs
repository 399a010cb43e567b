// The getter returns a type that does not implement the interface's `Host`.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
});

struct State {
    counter: u32,
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    test::ui::counter::add_to_linker_mut(&mut linker, |s: &mut State| &mut s.counter).unwrap();
}

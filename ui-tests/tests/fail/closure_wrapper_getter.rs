// A closure that returns a wrapper borrowing the store data cannot be a
// getter: rustc infers one return type, not one per borrow. The documented
// fix is a plain `fn` item (see the `hostgen` crate docs).
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
});

struct State {
    total: u32,
}

struct Wrapper<'a> {
    state: &'a mut State,
}

impl test::ui::counter::Host for Wrapper<'_> {
    fn add(&mut self, n: u32) -> u32 {
        self.state.total += n;
        self.state.total
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    test::ui::counter::add_to_linker_get_host(&mut linker, |state: &mut State| Wrapper { state })
        .unwrap();
}

// The getter of `add_to_linker` must return `&mut`, not `&`.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
});

struct Counter(u32);

impl test::ui::counter::Host for Counter {
    fn add(&mut self, n: u32) -> u32 {
        self.0 += n;
        self.0
    }
}

struct State {
    counter: Counter,
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    test::ui::counter::add_to_linker_mut(&mut linker, |s: &mut State| &s.counter).unwrap();
}

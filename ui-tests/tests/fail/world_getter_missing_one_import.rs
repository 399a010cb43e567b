// `W::add_to_linker` links every import with one getter, so the type it
// returns must implement every import's trait; here `logger` is missing.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        interface logger { log: func(msg: string); }
        world w { import counter; import logger; }
    ",
});

struct State(u32);

impl test::ui::counter::Host for State {
    fn add(&mut self, n: u32) -> u32 {
        self.0 += n;
        self.0
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    W::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
}

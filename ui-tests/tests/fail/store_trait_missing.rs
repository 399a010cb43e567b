// A function flagged `store` lives in `HostWithStore`, implemented by the
// `HasData` marker; forgetting that impl names the trait and the fix.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface clock { now: func() -> u64; tick: func(); }
        world w { import clock; }
    ",
    imports: { "test:ui/clock.now": store },
});

struct State;

impl test::ui::clock::Host for State {
    fn tick(&mut self) {}
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    test::ui::clock::add_to_linker::<_, wasmtime::component::HasSelf<State>>(&mut linker, |s| s)
        .unwrap();
}

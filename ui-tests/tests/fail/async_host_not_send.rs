// An async import keeps the host across `.await`s in a `Send` future, so
// the host must be `Send`.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface clock { now: func() -> u64; }
        world w { import clock; }
    ",
    imports: { default: async },
});

struct Clock {
    ticks: std::rc::Rc<u64>,
}

impl test::ui::clock::Host for Clock {
    async fn now(&mut self) -> u64 {
        *self.ticks
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Clock>::new(&engine);
    test::ui::clock::add_to_linker_mut(&mut linker, |c: &mut Clock| c).unwrap();
}

// `require_store_data_send: true` asks for `T: Send` on the store data of
// every linker function, as wasmtime's option of that name does, so a
// store holding an `Rc` is refused where it is linked.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface log { line: func(s: string); }
        world w { import log; }
    ",
    require_store_data_send: true,
    include_generated_code_from_file: false,
});

struct State(std::rc::Rc<()>);

impl test::ui::log::Host for State {
    fn line(&mut self, _: String) {}
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    W::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
}

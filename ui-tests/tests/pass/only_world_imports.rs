#![deny(warnings)]
// A world that imports only functions of its own: `WImports` and
// `W::add_to_linker_imports`, no interface modules.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world w {
            import log: func(msg: string);
            import now: func() -> u64;
        }
    ",
});

#[derive(Default)]
struct Host {
    lines: Vec<String>,
}

impl WImports for Host {
    fn log(&mut self, msg: String) {
        self.lines.push(msg);
    }
    fn now(&mut self) -> u64 {
        0
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Host>::new(&engine);
    W::add_to_linker_imports_mut(&mut linker, |h: &mut Host| h).unwrap();

    let mut other = wasmtime::component::Linker::<Host>::new(&engine);
    W::add_to_linker_mut(&mut other, |h: &mut Host| h).unwrap();

    let mut host = Host::default();
    WImports::log(&mut host, "hi".into());
    assert_eq!(host.lines, ["hi"]);
}

#![deny(warnings)]
// `hostgen_crate` and `wasmtime_crate` override the paths generated code
// uses, e.g. to name wasmtime directly instead of hostgen's re-export.
mod renamed {
    pub use hostgen as hg;
}

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            flags mode { fast, safe }
            record step { by: u32, mode: mode }
            add: func(s: step) -> u32;
        }
        world w {
            use counter.{step};
            import counter;
            export run: func(s: step) -> u32;
        }
    ",
    hostgen_crate: crate::renamed::hg,
    wasmtime_crate: ::wasmtime,
});

// `step` is `use`d by the world, so `Step` is also at the root.
use test::ui::counter::Mode;

struct Counter(u32);

impl test::ui::counter::Host for Counter {
    fn add(&mut self, s: Step) -> u32 {
        self.0 += s.by;
        self.0
    }
}

fn counter(c: &mut Counter) -> &mut Counter {
    c
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Counter>::new(&engine);
    W::add_to_linker_mut(&mut linker, |c: &mut Counter| c).unwrap();
    let mut other = wasmtime::component::Linker::<Counter>::new(&engine);
    test::ui::counter::add_to_linker_get_host(&mut other, counter).unwrap();
    let s = Step {
        by: 2,
        mode: Mode::FAST | Mode::SAFE,
    };
    assert_eq!(test::ui::counter::Host::add(&mut Counter(1), s), 3);
}

#![deny(warnings)]
// An imported interface with only types: its `Host` has no methods, and the
// host implements it empty, as with wasmtime's `bindgen!` (no blanket impl,
// which would conflict with such an impl written for wasmtime's macro).
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface types {
            record point { x: s32, y: s32 }
            enum colour { red, green }
            type points = list<point>;
        }
        interface canvas {
            use types.{point, colour};
            plot: func(p: point, c: colour);
        }
        world w { import types; import canvas; }
    ",
});

use test::ui::types::{Colour, Point, Points};

#[derive(Default)]
struct Canvas {
    plotted: Points,
}

impl test::ui::canvas::Host for Canvas {
    fn plot(&mut self, p: Point, c: Colour) {
        if c == Colour::Red {
            self.plotted.push(p);
        }
    }
}

impl test::ui::types::Host for Canvas {}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Canvas>::new(&engine);
    W::add_to_linker_mut(&mut linker, |c: &mut Canvas| c).unwrap();
    let mut other = wasmtime::component::Linker::<Canvas>::new(&engine);
    test::ui::types::add_to_linker_mut(&mut other, |c: &mut Canvas| c).unwrap();
}

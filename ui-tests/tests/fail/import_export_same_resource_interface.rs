// Importing and exporting the same interface when it defines resources is
// refused with a clear error (the two sides' handles differ) rather than
// generating bindings that fail at instantiation.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface canvas {
            resource brush { constructor(); }
            paint: func(b: borrow<brush>) -> u32;
        }
        world w { import canvas; export canvas; }
    ",
});

fn main() {}

// A world with WASI 0.3 shapes needs wasmtime's component-model-async,
// which hostgen turns on behind its `component-model-async` feature; this
// crate does not enable it.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface pipes { read: async func() -> stream<u8>; }
        world w { import pipes; }
    ",
});

fn main() {}

// `target:` takes `wasmtime` or `wasmi`.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world w { export ok: func() -> u32; }
    ",
    target: wasmer,
});

fn main() {}

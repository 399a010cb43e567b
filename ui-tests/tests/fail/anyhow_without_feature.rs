// `anyhow: true` makes host functions return `wasmtime::anyhow::Result`,
// which is there only with wasmtime's `anyhow` feature, turned on by
// hostgen's `anyhow` feature; this crate does not enable it.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface host { ok: func() -> u32; }
        world w { import host; export ok: func() -> u32; }
    ",
    anyhow: true,
    imports: { default: trappable },
});

fn main() {}

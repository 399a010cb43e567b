// `hostgen_crate:` and `wasmtime_crate:` take paths, not strings.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    hostgen_crate: "hostgen",
    wasmtime_crate: "wasmtime",
});

fn main() {}

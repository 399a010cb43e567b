// wasmtime options hostgen does not implement yet are refused by name,
// with what to do instead.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface store { get: func(k: u32) -> u32; }
        world w { import store; }
    ",
    include_component_type: true,
});

fn main() {}

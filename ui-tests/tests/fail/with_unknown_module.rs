// A `with:` entry mapping an interface to a module that does not exist.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
    with: { "test:ui/counter": crate::bindings::counter },
});

fn main() {}

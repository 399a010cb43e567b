// The same `with:` key twice is an error at the second, pointing at the first.
mod a {}
mod b {}

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
    with: {
        "test:ui/counter": crate::a,
        "test:ui/counter": crate::b,
    },
});

fn main() {}

// The `store` flag is refused by name, with what to do instead.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface clock { now: func() -> u64; }
        world w { import clock; }
    ",
    imports: { default: async | store },
});

fn main() {}

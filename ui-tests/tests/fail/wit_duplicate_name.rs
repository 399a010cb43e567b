// Two items with one name in an interface.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            add: func(n: u32) -> u32;
            add: func(n: u64) -> u64;
        }
        world w { import counter; }
    ",
});

fn main() {}

// A `Host` impl whose method does not match the WIT signature.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
});

struct Counter;

impl test::ui::counter::Host for Counter {
    fn add(&mut self, n: u64) -> u64 {
        n
    }
}

fn main() {}

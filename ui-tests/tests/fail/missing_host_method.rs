// A `Host` impl that leaves out one of the interface's functions (E0046).
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            add: func(n: u32) -> u32;
            sub: func(n: u32) -> u32;
        }
        world w { import counter; }
    ",
});

struct Counter(u32);

impl test::ui::counter::Host for Counter {
    fn add(&mut self, n: u32) -> u32 {
        self.0 += n;
        self.0
    }
}

fn main() {}

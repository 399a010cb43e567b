// An async import's method returns a future; a plain `fn` returning the
// value does not implement it.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface clock { now: func() -> u64; }
        world w { import clock; }
    ",
    imports: { default: async },
});

struct Clock;

impl test::ui::clock::Host for Clock {
    fn now(&mut self) -> u64 {
        0
    }
}

fn main() {}

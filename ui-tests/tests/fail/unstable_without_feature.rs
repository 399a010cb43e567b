// With `features:` the `@unstable` features are chosen when compiling: a
// function whose feature is not listed is left out, so implementing it is
// an error (the method is not part of `Host`). (Without `features:` every
// item is generated and gated when linking, by `LinkOptions`.)
hostgen::bindgen!({
    features: [],
    inline: "
        package test:ui;
        interface counter {
            add: func(n: u32) -> u32;
            @unstable(feature = reset)
            reset: func();
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
    fn reset(&mut self) {
        self.0 = 0;
    }
}

fn main() {}

#![deny(warnings)]
// With `skip_mut_forwarding_impls`, the blanket impl compiles.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
    skip_mut_forwarding_impls: true,
});

pub trait View {
    fn total(&mut self) -> &mut u32;
}

impl<T: View> test::ui::counter::Host for T {
    fn add(&mut self, n: u32) -> u32 {
        *self.total() += n;
        *self.total()
    }
}

fn main() {}

// Without `skip_mut_forwarding_impls`, a blanket impl over a view trait
// conflicts with the generated `impl Host for &mut _T`.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
});

trait View {
    fn total(&mut self) -> &mut u32;
}

impl<T: View> test::ui::counter::Host for T {
    fn add(&mut self, n: u32) -> u32 {
        *self.total() += n;
        *self.total()
    }
}

fn main() {}

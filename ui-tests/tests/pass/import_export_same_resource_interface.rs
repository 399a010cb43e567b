#![deny(warnings)]
// Importing and exporting the same interface that defines resources: the
// import side gets `Host`/`HostBrush` with `Resource<Brush>`, the export side
// its own copy of the types with the guest's typed `Brush` handle.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface canvas {
            resource brush { constructor(); }
            paint: func(b: borrow<brush>) -> u32;
        }
        world w { import canvas; export canvas; }
    ",
});

fn main() {
    let _host: fn(&mut dyn test::ui::canvas::Host, wasmtime::component::Resource<test::ui::canvas::Brush>) -> u32 =
        |h, b| h.paint(b);
    let _guest = |g: &exports::test::ui::canvas::Guest,
                  s: &mut wasmtime::Store<()>,
                  b: exports::test::ui::canvas::Brush| g.call_paint(s, b);
}

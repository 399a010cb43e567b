// Guest resource handles are typed: a handle of one resource cannot be
// passed where another is expected.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counters {
            resource counter { value: func() -> u32; }
            resource other { constructor(); }
        }
        world w { export counters; }
    ",
});

fn peek(
    guest: &exports::test::ui::counters::Guest,
    store: &mut wasmtime::Store<()>,
    other: exports::test::ui::counters::Other,
) -> wasmtime::Result<u32> {
    guest.call_counter_value(store, other)
}

fn main() {}

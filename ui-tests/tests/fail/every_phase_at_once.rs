// One compile reports the errors of every phase: a bad option, WIT this
// version refuses (an accessor) and a `with:` entry that matches nothing,
// in the order the phases find them.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface settings {
            volume: get() -> u8;
            set-volume: func(value: u8);
        }
        world w {
            import settings;
        }
    ",
    catch_panics: 1,
    with: { "test:ui/nowhere": crate::nowhere },
});

fn main() {}

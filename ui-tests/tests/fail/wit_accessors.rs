// WIT accessors (`prop: get()`, `prop: set(..)` and their resource forms,
// which wit-parser 0.263 reads) are refused, each one named: wasmtime loads
// them only when configured to (50 only), and its own `bindgen!` refuses
// them too.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface settings {
            volume: get() -> u8;
            volume: set(value: u8);
            resource player {
                constructor();
                position: get() -> u64;
                position: set(value: u64) -> result<_, string>;
                count: static get() -> u32;
            }
        }
        world w {
            import settings;
            import level: get() -> u32;
            export ratio: get() -> f32;
        }
    ",
});

fn main() {}

// `with`, `imports` and `trappable_error_type` entries that match nothing
// in the world are errors at the entry, all reported together.
pub struct MyError;

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            enum error-code { overflow }
            add: func(n: u32) -> result<u32, error-code>;
        }
        world w { import counter; }
    ",
    with: { "test:ui/countr": crate::x, "test:ui/counter.error-code": MyError },
    imports: { "test:ui/counter.sub": trappable, default: trappable },
    trappable_error_type: { "test:ui/counter.error": MyError },
});

fn main() {}

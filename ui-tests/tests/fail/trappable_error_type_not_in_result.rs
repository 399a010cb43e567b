// A `trappable_error_type` entry for a type that exists but is never the
// error of an imported function's `result` (here it is only a parameter).
pub struct MyError;

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            enum error-code { overflow }
            add: func(n: u32) -> result<u32>;
            describe: func(e: error-code) -> string;
        }
        world w { import counter; }
    ",
    trappable_error_type: { "test:ui/counter.error-code" => MyError },
});

fn main() {}

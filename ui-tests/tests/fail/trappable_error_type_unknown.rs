// A `trappable_error_type` entry must name a type of some interface in the
// WIT (the rule of wasmtime's `bindgen!`); here the name is misspelt.
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
    trappable_error_type: { "test:ui/counter.error-kode" => MyError },
});

fn main() {}

// `additional_derives` applies as asked (as with wasmtime's `bindgen!`):
// `HashMap` implements no `Hash`, `PartialOrd` nor `Ord`, so a record holding
// a map cannot derive them, and rustc says so at the user's derive token.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface stock {
            record shelf { counts: map<string, u32> }
            count: func(s: shelf) -> u32;
        }
        world w { import stock; }
    ",
    additional_derives: [Hash],
});

fn main() {}

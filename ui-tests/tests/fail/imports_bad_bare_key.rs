// The only bare key `imports:` accepts is `default`; WIT names go in quotes.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter { add: func(n: u32) -> u32; }
        world w { import counter; }
    ",
    imports: { all: trappable },
});

fn main() {}

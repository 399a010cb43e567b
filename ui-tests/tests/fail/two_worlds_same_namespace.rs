// Each WIT namespace becomes a module, so two `bindgen!` calls in one Rust
// module whose packages share a namespace define `test` twice (E0428):
// put each call in its own `mod`.
hostgen::bindgen!({
    inline: "
        package test:one;
        interface a { f: func(); }
        world first { import a; }
    ",
});

hostgen::bindgen!({
    inline: "
        package test:two;
        interface b { g: func(); }
        world second { import b; }
    ",
});

fn main() {}

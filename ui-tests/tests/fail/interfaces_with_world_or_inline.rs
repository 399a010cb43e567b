// `interfaces` makes a world of its own around its items: it takes neither
// `world` nor a second source in `inline`.
hostgen::bindgen!({
    interfaces: "import imports: interface { f: func(); }",
    world: "app",
    inline: "package a:b; world app {}",
});

fn main() {}

// A misspelt world name gets a "did you mean" hint.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world first {}
        world second {}
    ",
    world: "frist",
});

fn main() {}
